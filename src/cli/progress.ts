import type { ModelProgressEvent } from '../embed/model-progress.ts';
import { Presets, SingleBar } from 'cli-progress';

/** `seconds` as `1h02m`, `3m05s` or `42s`. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '--';
  const s = Math.max(0, Math.round(seconds));
  if (s >= 3600) return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
  if (s >= 60) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${s}s`;
}

/**
 * The rate and time left of a job from its progress so far: items per second since the first
 * report (the first one only starts the clock, as it may come after a slow start-up).
 */
export function progressRate(now: () => number = () => performance.now()): (done: number, total: number) => { perSecond: number; secondsLeft: number } {
  let start: { at: number; done: number } | null = null;
  return (done, total) => {
    start ??= { at: now(), done };
    const seconds = (now() - start.at) / 1000;
    const perSecond = seconds > 0 ? (done - start.done) / seconds : 0;
    return { perSecond, secondsLeft: perSecond > 0 ? (total - done) / perSecond : Number.POSITIVE_INFINITY };
  };
}

/**
 * A progress bar with counts, the measured rate in `unit`s a second and the time left at that
 * rate, drawn in place on a terminal's stderr (cli-progress handles redrawing and throttling);
 * silent when stderr is not a terminal, so piped and logged output holds nothing extra.
 */
export function terminalProgress(label: string, unit = 'items'): { update(done: number, total: number): void; end(): void } {
  const tty = process.stderr.isTTY === true;
  let bar: SingleBar | null = null;
  let rate = progressRate();
  return {
    update(done, total) {
      if (!tty) return;
      const { perSecond, secondsLeft } = rate(done, total);
      const payload = { rate: perSecond >= 10 ? perSecond.toFixed(0) : perSecond.toFixed(1), left: formatDuration(secondsLeft) };
      if (bar === null) {
        bar = new SingleBar(
          { format: `${label} |{bar}| {value}/{total} ({percentage}%), {rate} ${unit}/s, {left} left`, stream: process.stderr, hideCursor: true },
          Presets.shades_classic,
        );
        bar.start(total, done, payload);
      } else {
        bar.setTotal(total);
        bar.update(done, payload);
      }
    },
    end() {
      bar?.stop();
      bar = null;
      rate = progressRate();
    },
  };
}

/**
 * Model download progress for a terminal, one file at a time drawn in place on stderr; silent
 * when stderr is not a terminal, like the bars.
 */
export function terminalDownload(): (event: ModelProgressEvent) => void {
  return (event) => {
    if (event.status === 'progress' && event.total > 0 && process.stderr.isTTY) {
      process.stderr.write(`\rDownloading ${event.file} ${Math.round((event.loaded / event.total) * 100)}%   `);
    }
  };
}
