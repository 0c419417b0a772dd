import { facetLabel, facetValuesOf, filterValues, sortFacetValues } from '../facets.ts';
import { highlightText } from '../highlight.ts';
import type { SearchDocument } from '../search-document.ts';
import {
  FACETS,
  type Facet,
  type FacetValue,
  type Highlight,
  type SearchHit,
  type SearchQuery,
  type SearchResult,
} from '../search-query.ts';
import type { QueryClause, SynonymTable } from '../synonyms.ts';
import { allowedTypos, editDistanceWithin, tokenize } from '../text.ts';
import { Bitset, countAnd, Postings } from './postings.ts';

/**
 * Fields that earn their cost in the index, with their weight. The body is left out on purpose: at 10k
 * synthetic case studies, indexing it made the build 3.3× slower and p95 4× slower (README, "body"), and the
 * curated summary, tags and intervention already carry what a commissioner searches for.
 */
const FIELDS: readonly [keyof SearchDocument, number][] = [
  ['title', 3],
  ['intervention', 3],
  ['tags', 2],
  ['councilNames', 2],
  ['serviceAreaLabels', 1.5],
  ['policyStrandLabel', 1],
  ['regions', 1],
  ['outcomes', 1],
  ['summary', 1],
  ['interventionDescription', 0.7],
  ['deliveryModelLabel', 0.5],
  ['councils', 0.5],
];

const EXACT = 1;
const PREFIX = 0.7;
const FUZZY = 0.5;
const MAX_EXPANSIONS = 40;

interface Alternative {
  /** Posting lists that must all contain the document (one for a word, the bigrams for a phrase). */
  lists: Postings[];
  weight: number;
  idf: number;
}

interface ResolvedClause {
  alternatives: Alternative[];
  terms: string[];
  fuzzy: boolean;
}

interface PackedPostings {
  /** base64 of Int32Array: start offset of each list, plus the end. */
  offsets: string;
  /** base64 of Int32Array: document ids of all lists, one after another. */
  docs: string;
  /** base64 of Float32Array: weights aligned with docs. */
  weights: string;
}

export interface EngineSnapshot {
  /** Words by id. */
  terms: string[];
  words: PackedPostings;
  /** base64 of Float64Array: bigram keys (first word id × 2^21 + second), aligned with `pairs`. */
  pairKeys: string;
  pairs: PackedPostings;
}

const PAIR = 2 ** 21;

function fieldTexts(doc: SearchDocument, field: keyof SearchDocument): readonly string[] {
  const value = doc[field];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value as string[];
  return [];
}

/** The in-process inverted index behind the embedded adapter. Synchronous; the adapter wraps it. */
export class EmbeddedEngine {
  readonly #synonyms: SynonymTable;
  readonly #councilNames: Map<string, string>;
  readonly #fuzzyThreshold: number;

  #docs: (SearchDocument | undefined)[] = [];
  #idBySlug = new Map<string, number>();
  #dead = 0;
  // Words get numeric ids; a bigram's key packs its two word ids, so no pair strings are built.
  #termIds = new Map<string, number>();
  #termNames: string[] = [];
  #unigrams: Postings[] = [];
  #bigrams = new Map<number, Postings>();
  #sortedWords: string[] | null = null;
  #alive = new Bitset();
  #facetBits = new Map<Facet, Map<string, Bitset>>(FACETS.map((f) => [f, new Map()]));
  #cost = new Float64Array(1024);
  #level = new Int8Array(1024);
  #recency = new Float64Array(1024);

  // Scratch buffers reused by every query (grown with the id space) so a query allocates little.
  #stamp = new Int32Array(1024);
  #best = new Float64Array(1024);
  #hits = new Uint16Array(1024);
  #score = new Float64Array(1024);
  #touched = new Int32Array(1024);
  #outIds = new Int32Array(1024);
  #outRank = new Float64Array(1024);
  #outScore = new Float64Array(1024);
  #stampNow = 0;

  constructor(options: {
    synonyms: SynonymTable;
    councilNames: ReadonlyMap<string, string>;
    fuzzyThreshold: number;
  }) {
    this.#synonyms = options.synonyms;
    this.#councilNames = new Map(options.councilNames);
    this.#fuzzyThreshold = options.fuzzyThreshold;
  }

  get size(): number {
    return this.#idBySlug.size;
  }

  /** Removed documents whose ids still sit in the postings. */
  get dead(): number {
    return this.#dead;
  }

  get(slug: string): SearchDocument | undefined {
    const id = this.#idBySlug.get(slug);
    return id === undefined ? undefined : this.#docs[id];
  }

  liveDocuments(): SearchDocument[] {
    return this.#docs.filter((d): d is SearchDocument => d !== undefined);
  }

  upsert(doc: SearchDocument, postings = true): number {
    this.remove(doc.slug);
    const id = this.#docs.length;
    this.#docs.push(doc);
    this.#idBySlug.set(doc.slug, id);
    this.#grow(id);
    this.#alive.set(id);
    for (const [i, code] of doc.councils.entries()) {
      const name = doc.councilNames[i];
      if (name) this.#councilNames.set(code, name);
    }
    const values = facetValuesOf(doc);
    for (const facet of FACETS) {
      const byValue = this.#facetBits.get(facet)!;
      for (const value of values[facet]) {
        let bits = byValue.get(value);
        if (!bits) {
          bits = new Bitset(this.#alive.words.length * 32);
          byValue.set(value, bits);
        }
        bits.set(id);
      }
    }
    this.#cost[id] = doc.costPerParticipantPence ?? Number.POSITIVE_INFINITY;
    this.#level[id] = doc.evidenceLevel;
    this.#recency[id] = doc.recency;
    if (postings) this.#indexText(id, doc);
    return id;
  }

  #termId(term: string): number {
    let id = this.#termIds.get(term);
    if (id === undefined) {
      id = this.#termNames.length;
      if (id >= PAIR) throw new Error('The embedded search vocabulary is full (2^21 words).');
      this.#termIds.set(term, id);
      this.#termNames.push(term);
      this.#unigrams.push(new Postings());
      this.#sortedWords = null;
    }
    return id;
  }

  #indexText(id: number, doc: SearchDocument): void {
    const words = new Map<number, number>();
    const pairs = new Map<number, number>();
    for (const [field, weight] of FIELDS) {
      for (const text of fieldTexts(doc, field)) {
        let previous = -1;
        for (const term of tokenize(text)) {
          const t = this.#termId(term);
          words.set(t, (words.get(t) ?? 0) + weight);
          // Bigrams let a multi-word synonym ("children in care") match as a phrase, not as scattered words.
          if (previous >= 0) {
            const key = previous * PAIR + t;
            pairs.set(key, (pairs.get(key) ?? 0) + weight);
          }
          previous = t;
        }
      }
    }
    for (const [t, weight] of words) this.#unigrams[t]!.push(id, weight);
    for (const [key, weight] of pairs) {
      let list = this.#bigrams.get(key);
      if (!list) {
        list = new Postings();
        this.#bigrams.set(key, list);
      }
      list.push(id, weight);
    }
  }

  remove(slug: string): boolean {
    const id = this.#idBySlug.get(slug);
    if (id === undefined) return false;
    const doc = this.#docs[id]!;
    const values = facetValuesOf(doc);
    for (const facet of FACETS) {
      for (const value of values[facet]) this.#facetBits.get(facet)!.get(value)?.clear(id);
    }
    this.#alive.clear(id);
    this.#docs[id] = undefined;
    this.#idBySlug.delete(slug);
    this.#dead++;
    return true;
  }

  /** True when enough removed documents linger in the postings that a rebuild pays for itself. */
  needsCompaction(): boolean {
    return this.#dead > 1000 && this.#dead > this.#idBySlug.size / 4;
  }

  #grow(id: number): void {
    if (id < this.#cost.length) return;
    const size = Math.max(this.#cost.length * 2, id + 1);
    const grow = <T extends Float64Array | Int8Array | Int32Array | Uint16Array>(
      a: T,
      make: (n: number) => T,
    ) => {
      const b = make(size);
      b.set(a as never);
      return b;
    };
    this.#cost = grow(this.#cost, (n) => new Float64Array(n));
    this.#level = grow(this.#level, (n) => new Int8Array(n));
    this.#recency = grow(this.#recency, (n) => new Float64Array(n));
    this.#stamp = new Int32Array(size);
    this.#stampNow = 0;
    this.#best = new Float64Array(size);
    this.#hits = new Uint16Array(size);
    this.#score = new Float64Array(size);
    this.#touched = new Int32Array(size);
    this.#outIds = new Int32Array(size);
    this.#outRank = new Float64Array(size);
    this.#outScore = new Float64Array(size);
  }

  exportPostings(): EngineSnapshot {
    const b64 = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
    const pack = (lists: readonly Postings[]) => {
      const offsets = new Int32Array(lists.length + 1);
      let total = 0;
      for (const [i, list] of lists.entries()) {
        offsets[i] = total;
        total += list.length;
      }
      offsets[lists.length] = total;
      const docs = new Int32Array(total);
      const weights = new Float32Array(total);
      for (const [i, list] of lists.entries()) {
        docs.set(list.docs.subarray(0, list.length), offsets[i]);
        weights.set(list.weights.subarray(0, list.length), offsets[i]);
      }
      return { offsets: b64(offsets), docs: b64(docs), weights: b64(weights) };
    };
    return {
      terms: [...this.#termNames],
      words: pack(this.#unigrams),
      pairKeys: b64(Float64Array.from(this.#bigrams.keys())),
      pairs: pack([...this.#bigrams.values()]),
    };
  }

  /** Loads postings saved by exportPostings for documents already added (with postings = false) in order. */
  importPostings(saved: EngineSnapshot): void {
    const decode = (s: string) => {
      const buf = Buffer.from(s, 'base64');
      // Copy into an aligned buffer: Buffer's pool offset may not be a multiple of 8.
      const aligned = new ArrayBuffer(buf.byteLength);
      new Uint8Array(aligned).set(buf);
      return aligned;
    };
    const unpack = (packed: PackedPostings): Postings[] => {
      const offsets = new Int32Array(decode(packed.offsets));
      const docs = new Int32Array(decode(packed.docs));
      const weights = new Float32Array(decode(packed.weights));
      const out: Postings[] = [];
      for (let i = 0; i + 1 < offsets.length; i++) {
        const from = offsets[i]!;
        const to = offsets[i + 1]!;
        out.push(new Postings(docs.subarray(from, to), weights.subarray(from, to), to - from));
      }
      return out;
    };
    this.#termNames = [...saved.terms];
    this.#termIds = new Map(saved.terms.map((t, i) => [t, i]));
    this.#unigrams = unpack(saved.words);
    const keys = new Float64Array(decode(saved.pairKeys));
    const pairs = unpack(saved.pairs);
    this.#bigrams = new Map();
    for (let i = 0; i < keys.length; i++) this.#bigrams.set(keys[i]!, pairs[i]!);
    this.#sortedWords = null;
  }

  /** Runs a validated query. Never mutates the index. */
  search(query: SearchQuery): SearchResult {
    const filter = this.#filterBits(query);
    const { clauses, synonymsUsed } = this.#synonyms.plan(query.q ?? '');
    let ids: Int32Array;
    let rank: Float64Array;
    let score: Float64Array;
    let fuzzyUsed = false;
    let highlightTerms = new Set<string>();
    if (clauses.length === 0) {
      ids = this.#allIn(filter);
      score = new Float64Array(ids.length);
      rank = score;
    } else {
      let resolved = clauses.map((c) => this.#resolve(c, false));
      let found = this.#evaluate(resolved, filter, true);
      if (found.ids.length < this.#fuzzyThreshold) {
        // Exact and prefix matching found too little: only now pay for typo tolerance.
        const withTypos = clauses.map((c) => this.#resolve(c, true));
        if (withTypos.some((c) => c.fuzzy)) {
          resolved = withTypos;
          found = this.#evaluate(resolved, filter, true);
          fuzzyUsed = found.ids.length > 0;
        }
        if (found.ids.length < this.#fuzzyThreshold && resolved.length > 1) {
          // The next evaluation reuses the result buffers, so keep this (small) result apart.
          found = { ids: found.ids.slice(), rank: found.rank.slice(), score: found.score.slice() };
          // Still too little: let documents match some of the words, ranked by how many they match.
          const some = this.#evaluate(resolved, filter, false);
          if (some.ids.length > found.ids.length) {
            found = some;
            fuzzyUsed = resolved.some((c) => c.fuzzy);
          }
        }
      }
      ({ ids, rank, score } = found);
      highlightTerms = new Set(resolved.flatMap((c) => c.terms));
    }

    const order = this.#order(ids, rank, query);
    const from = (query.page - 1) * query.pageSize;
    const hits: SearchHit[] = [];
    for (const k of order.slice(from, from + query.pageSize)) {
      hits.push(this.#hit(this.#docs[ids[k]!]!, score[k]!, highlightTerms));
    }
    return {
      hits,
      total: ids.length,
      page: query.page,
      pageSize: query.pageSize,
      facets: query.facets ? this.#facetCounts(ids) : {},
      synonymsUsed,
      fuzzyUsed,
    };
  }

  #words(): string[] {
    if (!this.#sortedWords) this.#sortedWords = [...this.#termNames].sort();
    return this.#sortedWords;
  }

  #word(term: string): Postings | undefined {
    const id = this.#termIds.get(term);
    return id === undefined ? undefined : this.#unigrams[id];
  }

  #idf(df: number): number {
    const n = Math.max(this.#idBySlug.size, 1);
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  #resolve(clause: QueryClause, fuzzy: boolean): ResolvedClause {
    const alternatives: Alternative[] = [];
    const terms: string[] = [];
    let usedFuzzy = false;
    const addWord = (term: string, weight: number) => {
      const list = this.#word(term);
      if (!list || list.length === 0) return false;
      alternatives.push({ lists: [list], weight, idf: this.#idf(list.length) });
      terms.push(term);
      return true;
    };
    for (const phrase of clause.alternatives) {
      if (phrase.length === 1) {
        const word = phrase[0]!;
        addWord(word, EXACT);
        // Prefix matching only for the word being typed (the last one), as type-ahead does.
        if (clause.last && !clause.synonym && word.length >= 3 && !/^\d+$/.test(word)) {
          const words = this.#words();
          let added = 0;
          for (let i = lowerBound(words, word); i < words.length && added < MAX_EXPANSIONS; i++) {
            const w = words[i]!;
            if (!w.startsWith(word)) break;
            if (w !== word && addWord(w, PREFIX * (word.length / w.length))) added++;
          }
        }
        const typos = allowedTypos(word);
        if (fuzzy && !clause.synonym && typos > 0) {
          let added = 0;
          for (const w of this.#words()) {
            if (added >= MAX_EXPANSIONS) break;
            if (w === word || Math.abs(w.length - word.length) > typos) continue;
            if (editDistanceWithin(word, w, typos) <= typos && addWord(w, FUZZY)) {
              added++;
              usedFuzzy = true;
            }
          }
        }
      } else {
        const lists: Postings[] = [];
        for (let i = 1; i < phrase.length; i++) {
          const a = this.#termIds.get(phrase[i - 1]!);
          const b = this.#termIds.get(phrase[i]!);
          const list = a === undefined || b === undefined ? undefined : this.#bigrams.get(a * PAIR + b);
          if (!list) break;
          lists.push(list);
        }
        if (lists.length === phrase.length - 1) {
          const df = Math.min(...lists.map((l) => l.length));
          alternatives.push({ lists, weight: EXACT, idf: this.#idf(df) });
          terms.push(...phrase);
        }
      }
    }
    return { alternatives, terms, fuzzy: usedFuzzy };
  }

  /**
   * Scores documents against the clauses with dense scratch arrays: one pass over each posting list, no
   * per-document objects. `all` requires every clause to match; otherwise any clause may.
   */
  #evaluate(
    clauses: readonly ResolvedClause[],
    filter: Uint32Array,
    all: boolean,
  ): { ids: Int32Array; rank: Float64Array; score: Float64Array } {
    const stamp = this.#stamp;
    const best = this.#best;
    const hits = this.#hits;
    const score = this.#score;
    const touched = this.#touched;
    let touchedCount = 0;
    if (all && clauses.some((c) => c.alternatives.length === 0)) {
      return { ids: new Int32Array(0), rank: new Float64Array(0), score: new Float64Array(0) };
    }
    for (const clause of clauses) {
      const mark = ++this.#stampNow;
      for (const alt of clause.alternatives) {
        const first = alt.lists[0]!;
        const rest = alt.lists.length > 1 ? alt.lists.slice(1) : undefined;
        const docs = first.docs;
        const weights = first.weights;
        const factor = alt.weight * alt.idf;
        for (let i = 0; i < first.length; i++) {
          const doc = docs[i]!;
          if ((filter[doc >> 5]! & (1 << (doc & 31))) === 0) continue;
          if (rest && !rest.every((l) => contains(l, doc))) continue;
          const w = weights[i]!;
          const s = factor * ((w * 2.2) / (w + 1.2));
          // A clause counts once per document, with its best alternative's score.
          if (stamp[doc] !== mark) {
            stamp[doc] = mark;
            best[doc] = s;
            if (hits[doc] === 0) touched[touchedCount++] = doc;
            hits[doc]!++;
            score[doc]! += s;
          } else if (s > best[doc]!) {
            score[doc]! += s - best[doc]!;
            best[doc] = s;
          }
        }
      }
    }
    const need = all ? clauses.length : 1;
    // Results go into reused buffers: a query allocates almost nothing, which keeps GC pauses out of the tail.
    const ids = this.#outIds;
    const rank = this.#outRank;
    const scores = this.#outScore;
    let k = 0;
    for (let t = 0; t < touchedCount; t++) {
      const doc = touched[t]!;
      if (hits[doc]! >= need) {
        ids[k] = doc;
        scores[k] = score[doc]!;
        // Matching more of the words outranks a higher score on fewer of them.
        rank[k] = hits[doc]! * 1e6 + score[doc]!;
        k++;
      }
      hits[doc] = 0;
      score[doc] = 0;
    }
    return { ids: ids.subarray(0, k), rank: rank.subarray(0, k), score: scores.subarray(0, k) };
  }

  #filterBits(query: SearchQuery): Uint32Array {
    const alive = this.#alive.words;
    const result = new Uint32Array(alive.length + 1);
    result.set(alive);
    for (const [facet, values] of filterValues(query.filters)) {
      const any = new Uint32Array(result.length);
      for (const value of values) {
        const bits = this.#facetBits.get(facet)!.get(value);
        if (!bits) continue;
        const words = bits.words;
        const n = Math.min(words.length, any.length);
        for (let i = 0; i < n; i++) any[i]! |= words[i]!;
      }
      for (let i = 0; i < result.length; i++) result[i]! &= any[i]!;
    }
    return result;
  }

  #allIn(bits: Uint32Array): Int32Array {
    const out: number[] = [];
    for (let w = 0; w < bits.length; w++) {
      let word = bits[w]!;
      while (word !== 0) {
        const low = word & -word;
        out.push(w * 32 + 31 - Math.clz32(low));
        word ^= low;
      }
    }
    return Int32Array.from(out);
  }

  /** Indexes into `ids` in result order, computed only as far as the requested page reaches. */
  #order(ids: Int32Array, rank: Float64Array, query: SearchQuery): number[] {
    const cost = this.#cost;
    const level = this.#level;
    const recency = this.#recency;
    // Ties fall back to index order (a number compare): comparing slugs made ties the most expensive part of
    // sorting 30k matches that share a publication date. Restored snapshots keep the order.
    const byIndexOrder = (a: number, b: number) => ids[a]! - ids[b]!;
    const byRank = (a: number, b: number) => rank[b]! - rank[a]!;
    const byRecency = (a: number, b: number) => recency[ids[b]!]! - recency[ids[a]!]!;
    let compare: (a: number, b: number) => number;
    switch (query.sort) {
      case 'cost-per-participant':
        compare = (a, b) => {
          const x = cost[ids[a]!]!;
          const y = cost[ids[b]!]!;
          return (x === y ? 0 : x < y ? -1 : 1) || byRank(a, b) || byIndexOrder(a, b);
        };
        break;
      case 'evidence-level':
        compare = (a, b) => level[ids[b]!]! - level[ids[a]!]! || byRank(a, b) || byIndexOrder(a, b);
        break;
      case 'recency':
        compare = (a, b) => byRecency(a, b) || byRank(a, b) || byIndexOrder(a, b);
        break;
      default:
        compare = (a, b) => byRank(a, b) || byRecency(a, b) || byIndexOrder(a, b);
    }
    const needed = Math.min(ids.length, query.page * query.pageSize);
    return topK(ids.length, needed, compare);
  }

  #facetCounts(ids: Int32Array): Partial<Record<Facet, FacetValue[]>> {
    const out: Partial<Record<Facet, FacetValue[]>> = {};
    const valueCount = [...this.#facetBits.values()].reduce((n, m) => n + m.size, 0);
    // Few matches: count from the matched documents. Many: AND each value's bitset with the match set.
    const direct = ids.length * 100 < valueCount * this.#alive.words.length;
    let counts: Map<Facet, Map<string, number>>;
    if (direct) {
      counts = new Map(FACETS.map((f) => [f, new Map()]));
      for (const id of ids) {
        const values = facetValuesOf(this.#docs[id]!);
        for (const facet of FACETS) {
          const m = counts.get(facet)!;
          for (const v of values[facet]) m.set(v, (m.get(v) ?? 0) + 1);
        }
      }
    } else {
      const match = new Uint32Array(this.#alive.words.length);
      for (const id of ids) match[id >> 5]! |= 1 << (id & 31);
      counts = new Map();
      for (const [facet, byValue] of this.#facetBits) {
        const m = new Map<string, number>();
        for (const [value, bits] of byValue) m.set(value, countAnd(match, bits.words));
        counts.set(facet, m);
      }
    }
    for (const facet of FACETS) {
      const values: FacetValue[] = [];
      for (const [value, count] of counts.get(facet)!) {
        if (count > 0) values.push({ value, label: facetLabel(facet, value, this.#councilNames), count });
      }
      out[facet] = sortFacetValues(values);
    }
    return out;
  }

  #hit(doc: SearchDocument, score: number, terms: ReadonlySet<string>): SearchHit {
    const highlights: Highlight[] = [];
    if (terms.size > 0) {
      for (const field of ['title', 'summary', 'intervention'] as const) {
        const snippet = highlightText(doc[field], terms);
        if (snippet) highlights.push({ field, snippet });
      }
    }
    return toHit(doc, score, highlights);
  }
}

export function toHit(doc: SearchDocument, score: number, highlights: Highlight[]): SearchHit {
  return {
    slug: doc.slug,
    title: doc.title,
    summary: doc.summary,
    highlights,
    score,
    version: doc.version,
    intervention: doc.intervention,
    councils: doc.councils.map((code, i) => ({ code, name: doc.councilNames[i] ?? code })),
    regions: doc.regions,
    policyStrand: doc.policyStrand,
    serviceAreas: doc.serviceAreas,
    deliveryModel: doc.deliveryModel,
    evidenceLevel: doc.evidenceLevel,
    evidenceResult: doc.evidenceResult,
    costPerParticipantPence: doc.costPerParticipantPence,
    totalCostPence: doc.totalCostPence,
    priceYear: doc.priceYear,
    costBand: doc.costBand,
    year: doc.year,
    publishedAt: doc.publishedAt,
  };
}

function lowerBound(words: readonly string[], target: string): number {
  let lo = 0;
  let hi = words.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (words[mid]! < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Binary search in an ascending posting list. */
function contains(list: Postings, doc: number): boolean {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = list.docs[mid]!;
    if (v === doc) return true;
    if (v < doc) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/**
 * The first `k` of `n` items in comparator order. A full sort when k is a large share of n; otherwise a
 * bounded max-heap, so page one of 50k matches does not sort all 50k.
 */
export function topK(n: number, k: number, compare: (a: number, b: number) => number): number[] {
  if (k <= 0) return [];
  if (k * 4 >= n) {
    const all = Array.from({ length: n }, (_, i) => i);
    return all.sort(compare).slice(0, k);
  }
  const heap: number[] = [];
  const worse = (a: number, b: number) => compare(a, b) > 0;
  const siftUp = (i: number) => {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!worse(heap[i]!, heap[p]!)) break;
      [heap[i], heap[p]] = [heap[p]!, heap[i]!];
      i = p;
    }
  };
  const siftDown = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && worse(heap[l]!, heap[m]!)) m = l;
      if (r < heap.length && worse(heap[r]!, heap[m]!)) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m]!, heap[i]!];
      i = m;
    }
  };
  for (let i = 0; i < n; i++) {
    if (heap.length < k) {
      heap.push(i);
      siftUp(heap.length - 1);
    } else if (compare(i, heap[0]!) < 0) {
      heap[0] = i;
      siftDown(0);
    }
  }
  return heap.sort(compare);
}
