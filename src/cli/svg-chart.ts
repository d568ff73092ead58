/** One measure against passages, drawn as one small panel. */
export interface ChartPanel {
  title: string;
  unit: string;
  /** Lines of the panel, each a name and [passages, value] points. */
  series: { name: string; points: [number, number][] }[];
}

const WIDTH = 300;
const HEIGHT = 200;
const MARGIN = { left: 56, right: 12, top: 28, bottom: 36 };
const COLOURS = ['#1f77b4', '#d62728', '#2ca02c'];

const escape = (text: string) => text.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;');
const short = (value: number) => (value >= 1000 ? `${Math.round(value / 1000)}k` : value >= 10 ? String(Math.round(value)) : String(Math.round(value * 10) / 10));

/** Panels side by side in rows of three, linear axes from zero: an SVG document. */
export function scaleChart(panels: readonly ChartPanel[]): string {
  const columns = 3;
  const rows = Math.ceil(panels.length / columns);
  const parts: string[] = [];
  panels.forEach((panel, p) => {
    const x0 = (p % columns) * WIDTH;
    const y0 = Math.floor(p / columns) * HEIGHT;
    const all = panel.series.flatMap((s) => s.points);
    const maxX = Math.max(...all.map(([x]) => x), 1);
    const maxY = Math.max(...all.map(([, y]) => y), 1e-9);
    const px = (x: number) => x0 + MARGIN.left + (x / maxX) * (WIDTH - MARGIN.left - MARGIN.right);
    const py = (y: number) => y0 + HEIGHT - MARGIN.bottom - (y / maxY) * (HEIGHT - MARGIN.top - MARGIN.bottom);
    parts.push(`<text x="${x0 + WIDTH / 2}" y="${y0 + 16}" text-anchor="middle" font-weight="bold">${escape(`${panel.title} (${panel.unit})`)}</text>`);
    parts.push(`<line x1="${px(0)}" y1="${py(0)}" x2="${px(maxX)}" y2="${py(0)}" stroke="#888"/><line x1="${px(0)}" y1="${py(0)}" x2="${px(0)}" y2="${py(maxY)}" stroke="#888"/>`);
    parts.push(`<text x="${px(0) - 4}" y="${py(maxY) + 4}" text-anchor="end">${short(maxY)}</text><text x="${px(0) - 4}" y="${py(0) + 4}" text-anchor="end">0</text>`);
    parts.push(`<text x="${px(maxX)}" y="${py(0) + 14}" text-anchor="end">${short(maxX)}</text><text x="${x0 + WIDTH / 2}" y="${y0 + HEIGHT - 6}" text-anchor="middle">passages</text>`);
    panel.series.forEach((series, s) => {
      const colour = COLOURS[s % COLOURS.length]!;
      const path = series.points.map(([x, y]) => `${px(x).toFixed(1)},${py(y).toFixed(1)}`).join(' ');
      parts.push(`<polyline fill="none" stroke="${colour}" stroke-width="2" points="${path}"/>`);
      for (const [x, y] of series.points) parts.push(`<circle cx="${px(x).toFixed(1)}" cy="${py(y).toFixed(1)}" r="3" fill="${colour}"/>`);
      if (panel.series.length > 1) parts.push(`<text x="${px(0) + 6}" y="${py(maxY) + 12 + s * 13}" fill="${colour}">${escape(series.name)}</text>`);
    });
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${columns * WIDTH}" height="${rows * HEIGHT}" font-family="sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    ...parts,
    '</svg>',
    '',
  ].join('\n');
}
