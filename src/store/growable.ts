/** Typed-array constructors a Growable can hold. */
type TypedArrayOf = Uint32ArrayConstructor | Uint16ArrayConstructor | Int32ArrayConstructor | Float32ArrayConstructor;

/**
 * An append-only typed array that doubles its capacity as needed: a build collects millions of
 * postings or positions without one JavaScript object, or one heap number, per entry.
 */
export class Growable<T extends Uint32Array | Uint16Array | Int32Array | Float32Array> {
  private data: T;
  length = 0;

  constructor(
    private readonly Type: TypedArrayOf,
    capacity = 1024,
  ) {
    this.data = new Type(capacity) as T;
  }

  push(value: number): void {
    if (this.length === this.data.length) this.grow(this.length + 1);
    this.data[this.length++] = value;
  }

  /** Appends every value of `values`. */
  append(values: ArrayLike<number>): void {
    if (this.length + values.length > this.data.length) this.grow(this.length + values.length);
    (this.data as unknown as { set(v: ArrayLike<number>, at: number): void }).set(values, this.length);
    this.length += values.length;
  }

  /** The values so far, as a view (no copy); invalid after the next push. */
  view(): T {
    return this.data.subarray(0, this.length) as T;
  }

  private grow(needed: number): void {
    let capacity = this.data.length * 2;
    while (capacity < needed) capacity *= 2;
    const next = new this.Type(capacity) as T;
    (next as unknown as { set(v: ArrayLike<number>): void }).set(this.data);
    this.data = next;
  }
}
