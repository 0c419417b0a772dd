import { describe, expect, it } from 'vitest';
import { scanDocument } from './scan-document.ts';

describe('scanDocument', () => {
  it('walks nested objects and arrays and names each field by pointer and dotted path', () => {
    const doc = {
      title: 'Edge of care in Leeds, 2012-13',
      outcomes: [{ note: 'Clean.' }, { note: 'Kayleigh (14) went missing.' }],
      'a/b~c': ['call 07700 900123'],
      count: 7,
      flag: true,
      nothing: null,
    };
    const found = scanDocument(doc);
    expect(found.map((f) => [f.kind, f.pointer, f.path])).toEqual([
      ['named-child', '/outcomes/1/note', 'outcomes.1.note'],
      ['phone', '/a~1b~0c/0', 'a/b~c.0'],
    ]);
  });

  it('scans a bare string at the root with an empty pointer', () => {
    expect(scanDocument('NI number AB123456C')[0]?.pointer).toBe('');
  });

  it('does not loop on a cyclic object', () => {
    const doc: Record<string, unknown> = { note: 'DOB 03/03/2009' };
    doc.self = doc;
    expect(scanDocument(doc).map((f) => f.kind)).toEqual(['date-of-birth']);
  });
});
