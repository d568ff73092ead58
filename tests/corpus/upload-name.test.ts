import { describe, expect, it } from 'vitest';
import { safeUploadName } from '../../src/corpus/upload-name.ts';

describe('safeUploadName', () => {
  it.each([
    ['Putin visits India.txt', 'putin-visits-india.txt'],
    ['../../evil.txt', 'evil.txt'],
    ['/etc/passwd.md', 'passwd.md'],
    ['..\\..\\windows\\evil.HTML', 'evil.html'],
    ['.hidden.txt', 'hidden.txt'],
    ['...txt', 'article.txt'],
    ['..', 'article'],
    ['', 'article'],
    ['café crème.md', 'café-crème.md'],
    ['a\u0000b\u202e.txt', 'ab.txt'],
    ['report.tar.gz', 'report-tar.gz'],
    [`${'x'.repeat(300)}.txt`, `${'x'.repeat(80)}.txt`],
  ])('GIVEN an upload named %j THEN it is saved as %j', (name, expected) => {
    const safe = safeUploadName(name);
    expect(safe).toBe(expected);
    expect(safe).not.toMatch(/[\\/]|^\./);
  });
});
