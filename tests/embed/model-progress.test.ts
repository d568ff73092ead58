import { describe, expect, it } from 'vitest';
import { downloadLogger } from '../../src/embed/model-progress.ts';
import { createLogger } from '../../src/log.ts';

describe('downloadLogger', () => {
  it('GIVEN download progress events THEN one line per tenth of each file, and one when it is done', () => {
    const lines: Record<string, unknown>[] = [];
    const log = createLogger({ level: 'info', format: 'json', stream: { write: (chunk: string) => lines.push(JSON.parse(chunk)) } });
    const onProgress = downloadLogger(log);
    const total = 32_000_000;
    onProgress({ file: 'onnx/model_quantized.onnx', loaded: 0, total: 0, status: 'initiate' });
    for (let loaded = 0; loaded <= total; loaded += total / 40) onProgress({ file: 'onnx/model_quantized.onnx', loaded, total, status: 'progress' });
    onProgress({ file: 'onnx/model_quantized.onnx', loaded: total, total, status: 'done' });
    onProgress({ file: 'config.json', loaded: 0, total: 0, status: 'done' });
    const downloads = lines.filter((line) => line.msg === 'downloading model file');
    expect(downloads.map((line) => line.percent)).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
    expect(downloads[0]).toMatchObject({ file: 'onnx/model_quantized.onnx', mb: 32 });
    expect(lines.filter((line) => line.msg === 'model file downloaded')).toEqual([expect.objectContaining({ file: 'onnx/model_quantized.onnx' })]);
  });
});
