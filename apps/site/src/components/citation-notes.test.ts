import { describe, expect, it } from 'vitest';
import { createCitationNotes } from './citation-notes.ts';

describe('createCitationNotes', () => {
  it('numbers notes in order of first citation and shares a note for the same source and quote', () => {
    const notes = createCitationNotes();
    expect(notes.cite({ source: 'a', quote: 'first quoted sentence' }, 'Cost')).toBe(1);
    expect(notes.cite({ source: 'b', quote: 'second quoted sentence' }, 'Outcome')).toBe(2);
    expect(notes.cite({ source: 'a', quote: 'first quoted sentence' }, 'Again')).toBe(1);
    expect(notes.all().map((n) => n.number)).toEqual([1, 2]);
    expect(notes.forSource('a').map((n) => n.about)).toEqual(['Cost']);
  });
});
