import type { Embedder, EmbedderInfo } from './embedder.ts';
import { openBuildEmbedder, openQueryEmbedder, type OpenEmbedderOptions } from './open-embedder.ts';

/**
 * The embedders of one process, by id, shared by builds and questions: a model is loaded once,
 * and an index built in this process is queried by the very embedder that built it.
 */
export class Embedders {
  readonly #options: OpenEmbedderOptions;
  readonly #loaded = new Map<string, Embedder>();
  readonly #loading = new Map<string, Promise<Embedder>>();
  #build: Promise<Embedder> | null;

  /** With `build`, refreshes use it; otherwise the configured model, with the offline fallback. */
  constructor(options: OpenEmbedderOptions, build?: Embedder) {
    this.#options = options;
    this.#build = build ? Promise.resolve(build) : null;
    if (build) this.#loaded.set(build.info.id, build);
  }

  /** The embedder for a refresh; a load that failed is tried again by the next refresh. */
  async forBuild(): Promise<Embedder> {
    this.#build ??= openBuildEmbedder(this.#options);
    const embedder = await this.#build.catch((error: unknown) => {
      this.#build = null;
      throw error;
    });
    this.#loaded.set(embedder.info.id, embedder);
    return embedder;
  }

  /** The embedder that built an index, for its queries; concurrent callers share one load. */
  forIndex(built: EmbedderInfo): Promise<Embedder> {
    const known = this.#loaded.get(built.id);
    if (known) return Promise.resolve(known);
    let loading = this.#loading.get(built.id);
    if (!loading) {
      loading = openQueryEmbedder(built, { model: this.#options.model });
      loading.then((embedder) => this.#loaded.set(built.id, embedder)).catch(() => this.#loading.delete(built.id));
      this.#loading.set(built.id, loading);
    }
    return loading;
  }
}
