import type { ModelProgressEvent } from '../embed/model-progress.ts';
import { Presets, SingleBar } from 'cli-progress';

/**
 * A progress bar with counts and time left, drawn in place on a terminal's stderr (cli-progress
 * handles redrawing, throttling and the time estimate); silent when stderr is not a terminal,
 * so piped and logged output holds nothing extra.
 */
export function terminalProgress(label: string): { update(done: number, total: number): void; end(): void } {
  const tty = process.stderr.isTTY === true;
  let bar: SingleBar | null = null;
  return {
    update(done, total) {
      if (!tty) return;
      if (bar === null) {
        bar = new SingleBar(
          { format: `${label} |{bar}| {value}/{total} ({percentage}%), {eta_formatted} left`, stream: process.stderr, hideCursor: true, etaBuffer: 50 },
          Presets.shades_classic,
        );
        bar.start(total, done);
      } else {
        bar.setTotal(total);
        bar.update(done);
      }
    },
    end() {
      bar?.stop();
      bar = null;
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
