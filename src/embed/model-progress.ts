import type { Logger } from '../log.ts';

/** One file-loading step reported while a model loads; sizes in bytes, 0 when unknown. */
export type ModelProgressEvent = { file: string; loaded: number; total: number; status: string };

/** Logs a model download file by file, every tenth of the way: the first start may fetch tens of MB. */
export function downloadLogger(log: Logger): (event: ModelProgressEvent) => void {
  const logged = new Map<string, number>();
  return ({ file, loaded, total, status }) => {
    if (status === 'done' && logged.has(file)) log.info('model file downloaded', { file });
    if (status !== 'progress' || total <= 0) return;
    const tenth = Math.floor((loaded / total) * 10);
    if (tenth > (logged.get(file) ?? -1)) {
      logged.set(file, tenth);
      log.info('downloading model file', { file, percent: tenth * 10, mb: Math.round(total / 1e5) / 10 });
    }
  };
}
