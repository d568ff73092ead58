import { watch, type FSWatcher } from 'node:fs';

export interface WatchCorpusOptions {
  /** Milliseconds without a change before a refresh starts. */
  quietMs: number;
  /**
   * Runs one refresh; resolves false when it could not run now (another refresh holds the
   * lock), and it is tried again after the next quiet period.
   */
  refresh: () => Promise<boolean>;
  /** Told when watching fails (the folder was removed or cannot be read). */
  onError: (error: unknown) => void;
}

export interface CorpusWatcher {
  close(): void;
}

/** True for paths under a dot-entry: uploads being written, `.removed/`, editors' swap files. */
function hidden(filename: string | null): boolean {
  return filename !== null && filename.split(/[\\/]/u).some((part) => part.startsWith('.'));
}

/**
 * Watches the corpus folder and its subfolders and refreshes once changes settle: each change
 * restarts a `quietMs` wait, so a burst of files costs one refresh. One refresh at a time: a
 * change during a refresh schedules exactly one more after it.
 */
export function watchCorpus(corpusDir: string, options: WatchCorpusOptions): CorpusWatcher {
  let timer: NodeJS.Timeout | null = null;
  let running = false;
  let pending = false;
  let closed = false;

  const schedule = () => {
    if (closed) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(run, options.quietMs);
  };
  const run = async () => {
    timer = null;
    if (running) {
      pending = true;
      return;
    }
    running = true;
    pending = false;
    let done = true;
    try {
      done = await options.refresh();
    } catch (error) {
      options.onError(error);
    } finally {
      running = false;
    }
    if (pending || !done) schedule();
  };

  let watcher: FSWatcher;
  try {
    watcher = watch(corpusDir, { recursive: true }, (_event, filename) => {
      if (hidden(filename)) return;
      if (running) pending = true;
      else schedule();
    });
  } catch (error) {
    options.onError(error);
    return { close: () => {} };
  }
  watcher.on('error', (error) => options.onError(error));
  return {
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      watcher.close();
    },
  };
}
