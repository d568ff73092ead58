import { NewsdeskError } from '../errors.ts';
import { loadIndexVersion, type IndexVersion } from './index-version.ts';
import { layout } from './layout.ts';
import { readCurrentVersion } from './version-files.ts';

/**
 * Serves the current index version of a folder. Each `current()` checks the `CURRENT` pointer
 * (one small read); when a refresh has switched it, the new version is loaded completely before
 * it replaces the old one, so callers get either the old or the new, never a mix. Concurrent
 * callers share one load.
 */
export class IndexReader {
  private loaded: IndexVersion | null = null;
  private loading: Promise<IndexVersion> | null = null;

  constructor(private readonly indexDir: string) {}

  /** The version in use; throws NewsdeskError `INDEX_MISSING` when none was ever built. */
  async current(): Promise<IndexVersion> {
    const name = await readCurrentVersion(this.indexDir);
    if (name === null) {
      if (this.loaded) return this.loaded;
      throw new NewsdeskError('INDEX_MISSING', `No index in ${this.indexDir} yet. Run \`npm run ingest\` (or /refresh) to build it.`);
    }
    if (this.loaded?.name === name) return this.loaded;
    if (!this.loading) {
      this.loading = loadIndexVersion(layout.version(this.indexDir, name), name)
        .then((version) => {
          // Build the keyword postings now, not during the first question after the switch.
          void version.keywords;
          return (this.loaded = version);
        })
        .catch((error: unknown) => {
          // Keep serving the version already in memory rather than failing every question.
          if (this.loaded) return this.loaded;
          throw error;
        })
        .finally(() => (this.loading = null));
    }
    return this.loading;
  }

  /** The version in memory, without looking for a newer one; null before the first load. */
  peek(): IndexVersion | null {
    return this.loaded;
  }
}
