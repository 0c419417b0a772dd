import type { Citation } from '@costed/schema';

/**
 * Footnote-style source notes for a case study: every figure on the page links to a numbered note that
 * names its source and quotes the sentence the figure was read from. The same source and quote cited twice
 * share one note.
 */
export interface CitationNote {
  number: number;
  source: string;
  quote: string;
  locator: string | undefined;
  /** What the note supports, e.g. the cost line's label. */
  about: string;
}

export interface CitationNotes {
  /** The note number for a citation (a new note the first time this source and quote appear). */
  cite(citation: Citation, about: string): number;
  /** Every note, in number order. */
  all(): readonly CitationNote[];
  /** The notes for one source, in number order. */
  forSource(source: string): readonly CitationNote[];
}

export function createCitationNotes(): CitationNotes {
  const notes: CitationNote[] = [];
  const byKey = new Map<string, CitationNote>();
  return {
    cite(citation, about) {
      const key = `${citation.source}\u0000${citation.quote}`;
      const existing = byKey.get(key);
      if (existing) return existing.number;
      const note: CitationNote = {
        number: notes.length + 1,
        source: citation.source,
        quote: citation.quote,
        locator: citation.locator,
        about,
      };
      notes.push(note);
      byKey.set(key, note);
      return note.number;
    },
    all: () => notes,
    forSource: (source) => notes.filter((note) => note.source === source),
  };
}
