/** The outcome of asking for a turn: allowed, or how long to wait. */
export type CooldownResult =
  | { ok: true }
  | {
      ok: false;
      /** Milliseconds until the user may ask again. */
      retryAfterMs: number;
      /** True for the first refusal in this window: tell the user once, then stay quiet. */
      firstRefusal: boolean;
    };

/** Per-user cooldown between questions. A zero-second cooldown allows everything. */
export class Cooldown {
  readonly #ms: number;
  readonly #now: () => number;
  /** user id → when their window ends (ms) and whether they were already told to wait. */
  readonly #until = new Map<string, { until: number; warned: boolean }>();

  constructor(seconds: number, now: () => number = Date.now) {
    this.#ms = seconds * 1000;
    this.#now = now;
  }

  /** Starts the user's window when they may ask; otherwise says how long they must wait. */
  take(userId: string): CooldownResult {
    if (this.#ms <= 0) return { ok: true };
    const now = this.#now();
    const entry = this.#until.get(userId);
    if (entry && entry.until > now) {
      const firstRefusal = !entry.warned;
      entry.warned = true;
      return { ok: false, retryAfterMs: entry.until - now, firstRefusal };
    }
    if (this.#until.size >= 1000) this.#prune(now);
    this.#until.set(userId, { until: now + this.#ms, warned: false });
    return { ok: true };
  }

  #prune(now: number): void {
    for (const [user, entry] of this.#until) if (entry.until <= now) this.#until.delete(user);
  }
}

/** Runs at most `max` tasks at once; the others wait in line, first come first served. */
export class Limiter {
  readonly #max: number;
  #active = 0;
  readonly #queue: (() => void)[] = [];

  constructor(max: number) {
    if (!Number.isInteger(max) || max < 1) throw new RangeError(`Limiter needs a whole number ≥ 1, got ${max}`);
    this.#max = max;
  }

  /** Tasks running now. */
  get active(): number {
    return this.#active;
  }

  /** Tasks waiting for a slot. */
  get waiting(): number {
    return this.#queue.length;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.#active >= this.#max) await new Promise<void>((resolve) => this.#queue.push(resolve));
    else this.#active++;
    try {
      return await task();
    } finally {
      // Hand the slot straight to the next in line, so a late arrival cannot jump the queue.
      const next = this.#queue.shift();
      if (next) next();
      else this.#active--;
    }
  }
}
