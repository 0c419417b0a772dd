import type { SynonymGroup } from '@costed/schema';
import { tokenize } from './text.ts';

/** One part of a query: any of its alternatives may match; an alternative is a phrase of index terms. */
export interface QueryClause {
  alternatives: string[][];
  /** The preferred term of the synonym group this clause came from, if any. */
  synonym?: string;
  /** True for the clause made from the last word typed, which may be unfinished (prefix matching). */
  last: boolean;
}

interface CompiledGroup {
  preferred: string;
  phrases: string[][];
}

/** Synonym groups compiled to index terms, longest phrases first so "youth offending team" beats "youth". */
export class SynonymTable {
  readonly #byFirstTerm = new Map<string, { phrase: string[]; group: CompiledGroup }[]>();

  constructor(groups: readonly SynonymGroup[]) {
    for (const g of groups) {
      const phrases = uniquePhrases(g.terms.map((t) => tokenize(t)).filter((p) => p.length > 0));
      const group = { preferred: g.terms[0]!, phrases };
      for (const phrase of phrases) {
        const entries = this.#byFirstTerm.get(phrase[0]!) ?? [];
        entries.push({ phrase, group });
        entries.sort((a, b) => b.phrase.length - a.phrase.length);
        this.#byFirstTerm.set(phrase[0]!, entries);
      }
    }
  }

  /** Splits a query into clauses, turning any synonym phrase in it into one clause with every alternative. */
  plan(q: string): { clauses: QueryClause[]; synonymsUsed: string[] } {
    const terms = tokenize(q);
    const clauses: QueryClause[] = [];
    const used = new Set<string>();
    let i = 0;
    while (i < terms.length) {
      const match = this.#byFirstTerm
        .get(terms[i]!)
        ?.find((e) => e.phrase.every((t, k) => terms[i + k] === t));
      if (match) {
        used.add(match.group.preferred);
        i += match.phrase.length;
        clauses.push({
          alternatives: match.group.phrases,
          synonym: match.group.preferred,
          last: i >= terms.length,
        });
      } else {
        clauses.push({ alternatives: [[terms[i]!]], last: i === terms.length - 1 });
        i++;
      }
    }
    return { clauses, synonymsUsed: [...used] };
  }
}

function uniquePhrases(phrases: string[][]): string[][] {
  const seen = new Set<string>();
  return phrases.filter((p) => {
    const key = p.join(' ');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
