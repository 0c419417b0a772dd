/** A growable posting list: ascending internal document ids and each document's field-weighted frequency. */
export class Postings {
  docs: Int32Array;
  weights: Float32Array;
  length: number;

  constructor(docs = new Int32Array(4), weights = new Float32Array(4), length = 0) {
    this.docs = docs;
    this.weights = weights;
    this.length = length;
  }

  push(doc: number, weight: number): void {
    if (this.length === this.docs.length) {
      const docs = new Int32Array(Math.max(4, this.length * 2));
      docs.set(this.docs.subarray(0, this.length));
      const weights = new Float32Array(docs.length);
      weights.set(this.weights.subarray(0, this.length));
      this.docs = docs;
      this.weights = weights;
    }
    this.docs[this.length] = doc;
    this.weights[this.length] = weight;
    this.length++;
  }
}

/** A fixed-capacity bitset over internal document ids, grown by copying. */
export class Bitset {
  words: Uint32Array;

  constructor(capacityBits = 1024) {
    this.words = new Uint32Array(Math.ceil(capacityBits / 32));
  }

  ensure(bit: number): void {
    if (bit >> 5 < this.words.length) return;
    const words = new Uint32Array(Math.max(this.words.length * 2, (bit >> 5) + 1));
    words.set(this.words);
    this.words = words;
  }

  set(bit: number): void {
    this.ensure(bit);
    this.words[bit >> 5]! |= 1 << (bit & 31);
  }

  clear(bit: number): void {
    if (bit >> 5 < this.words.length) this.words[bit >> 5]! &= ~(1 << (bit & 31));
  }

  has(bit: number): boolean {
    return bit >> 5 < this.words.length && (this.words[bit >> 5]! & (1 << (bit & 31))) !== 0;
  }
}

export function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Number of bits set in both `a` and `b`. */
export function countAnd(a: Uint32Array, b: Uint32Array): number {
  const n = Math.min(a.length, b.length);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const w = a[i]! & b[i]!;
    if (w !== 0) count += popcount(w);
  }
  return count;
}
