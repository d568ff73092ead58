import { describe, expect, it } from 'vitest';
import { scaleTable, type ScaleRow } from '../../src/cli/bench-scale.ts';
import { scaleChart } from '../../src/cli/svg-chart.ts';

const row = (factor: number, passages: number, buildMs: number): ScaleRow => ({
  factor,
  store: factor > 4 ? 'flat' : 'vectra',
  ...(factor > 4 && { vectraRefusedMs: 2500 }),
  articles: passages / 4,
  passages,
  buildMs,
  buildPeakBytes: 4e8,
  indexBytes: passages * 3000,
  firstAnswerMs: 2000,
  askMedianMs: 10,
  askP95Ms: 30,
  denseMedianMs: 2,
  floorMedianMs: 1,
  loopMedianMs: 10,
  botPeakBytes: 3e8,
  noopMs: 1000,
  editedMs: 1500,
});

describe('scaleTable', () => {
  const table = scaleTable([row(1, 1000, 10_000), row(16, 16_000, 160_000)]);

  it.each([
    ['a column per corpus size and one for growth', /^\|  \| 1× \| 16× \| growth \|$/mu],
    ['linear growth as N^1.00', /^\| first ingest \| 10\.0 s \| 160\.0 s \| N\^1\.00 \|$/mu],
    ['constant measures as N^0.00', /^\| bot peak memory \| 300 MB \| 300 MB \| N\^0\.00 \|$/mu],
    ['the dense scan as a multiple of the bandwidth floor', /\| 2\.0 ms \(2\.0×\) \|/u],
    ['the store of each run, and how soon vectra refused a corpus above its limit', /^\| vector store \| vectra \| flat \(vectra refused it in 2\.5 s: above its limit\) \| {2}\|$/mu],
  ])('GIVEN two runs THEN the table shows %s', (_name, pattern) => {
    expect(table).toMatch(pattern);
  });
});

describe('scaleChart', () => {
  it('GIVEN panels THEN it is one SVG document with a titled panel and a line per series', () => {
    const svg = scaleChart([
      { title: 'Build <time>', unit: 's', series: [{ name: 'build', points: [[1000, 10], [16_000, 160]] }] },
      { title: 'Per question', unit: 'ms', series: [{ name: 'median', points: [[1000, 5]] }, { name: 'p95', points: [[1000, 9]] }] },
    ]);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(svg).toContain('Build &lt;time&gt; (s)');
    expect(svg.match(/<polyline/gu)).toHaveLength(3);
  });
});
