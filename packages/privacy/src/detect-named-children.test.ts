import { describe, expect, it } from 'vitest';
import { detectNamedChildren } from './detect-named-children.ts';

function names(text: string): string[] {
  return detectNamedChildren(text).map((f) => text.slice(f.start, f.end));
}

describe('detectNamedChildren', () => {
  it('finds a name next to an age', () => {
    expect(names('Jamie, aged 7, was placed with foster carers.')).toEqual(['Jamie']);
    expect(names('Kayleigh (14) went missing twice.')).toEqual(['Kayleigh']);
    expect(names('Tyler, 15, was arrested.')).toEqual(['Tyler']);
    expect(names('We met Aisha, a 12-year-old young carer.')).toEqual(['Aisha']);
    expect(names('Leah, who is 11, cares for her mother.')).toEqual(['Leah']);
    expect(names('Freya Thompson (born 2 February 2010) was adopted.')).toEqual(['Freya Thompson']);
    expect(names('Then Jamie, aged 7, was placed.')).toEqual(['Jamie']);
  });

  it('finds a name after a family relationship or "called"', () => {
    expect(names('Her son Tom, who has ADHD, was excluded.')).toEqual(['Tom']);
    expect(names('Their youngest child, Harvey, was taken into care.')).toEqual(['Harvey']);
    expect(names('A girl called Chloe disclosed exploitation.')).toEqual(['Chloe']);
  });

  it('finds a name next to what happened to the child', () => {
    expect(names('Jayden went missing from home overnight.')).toEqual(['Jayden']);
    expect(names('Nathan was diagnosed with FASD.')).toEqual(['Nathan']);
    expect(names("Sophie's foster placement broke down.")).toEqual(['Sophie']);
  });

  it('masks the name to its first letter', () => {
    expect(detectNamedChildren('Freya Thompson (born 2 February 2010)')[0]?.match).toBe('F**** T*******');
  });

  it('passes anonymised children, cohorts, citations and adults named in their role', () => {
    for (const text of [
      'Child A (aged 7) was known to three agencies.',
      'Children aged 0-5 accounted for 38% of referrals.',
      'Young people aged 16 to 25 leaving care were offered an adviser.',
      'Munro (2011) argued for a system that values expertise.',
      "Eileen Munro's 2011 review recommended less prescriptive guidance.",
      'Isabelle Trowler, the Chief Social Worker, visited in 2016.',
      'Professor Donald Forrester (14 authors in total) led the evaluation.',
      'See Table 3 (page 14); Year 7 to Year 11 pupils took part.',
      'Doncaster was placed under a children’s trust in 2014.',
      'Hartlepool (E06000001) and Middlesbrough (E06000002).',
    ]) {
      expect(names(text), text).toEqual([]);
    }
  });
});
