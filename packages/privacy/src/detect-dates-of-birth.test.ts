import { describe, expect, it } from 'vitest';
import { detectDatesOfBirth } from './detect-dates-of-birth.ts';

describe('detectDatesOfBirth', () => {
  it('finds full dates after a birth word, in words or digits', () => {
    for (const [text, raw] of [
      ['Jamie was born on 3 March 2009 and entered care.', '3 March 2009'],
      ['DOB 03/03/2009; placed the same week.', '03/03/2009'],
      ["Child's d.o.b. 14.07.2011 was checked.", '14.07.2011'],
      ['Date of birth: 21 November 2007.', '21 November 2007'],
      ['DOB 08/05/11, known since 2013.', '08/05/11'],
      ['D.O.B.: 2006-11-23, currently NEET.', '2006-11-23'],
      ['he was born on the 9th of October 2005.', '9th of October 2005'],
    ] as const) {
      const found = detectDatesOfBirth(text);
      expect(found, text).toHaveLength(1);
      expect(text.slice(found[0]?.start, found[0]?.end)).toBe(raw);
      expect(found[0]?.confidence).toBeGreaterThanOrEqual(0.9);
    }
  });

  it('finds a full date in a sentence about one child’s age or circumstances', () => {
    expect(detectDatesOfBirth('A 15-year-old girl who went missing on 4 June 2018 was found.')).toHaveLength(
      1,
    );
    expect(detectDatesOfBirth('The child, aged 3, was admitted on 18/12/2017 with bruising.')).toHaveLength(
      1,
    );
    expect(detectDatesOfBirth('She went missing on 2 May 2019.')).toHaveLength(1);
  });

  it('masks the day and month and keeps the year', () => {
    expect(detectDatesOfBirth('born on 3 March 2009')[0]?.match).toBe('* ***** 2009');
    expect(detectDatesOfBirth('DOB 03/03/2009')[0]?.match).toBe('**/**/2009');
  });

  it('passes years, month-years, financial years, ranges and publication dates', () => {
    for (const text of [
      'Children born in 2009 were the first cohort.',
      'Pupils born between September 2010 and August 2011 started in 2015.',
      'In 2012-13 the council spent £108m; 2019/20 was £128.6 million.',
      'The evaluation was published on 12 March 2019 by the Department for Education.',
      'Phase 1 ran from 1 April 2015 to 31 March 2016.',
      'Children aged 10-17 were seen from 1 April 2014.',
      'Between 2014 and 2019 the number of 16- and 17-year-olds in care fell; census day was 31 March 2019.',
      'Accessed 14 February 2021 from the council website.',
    ]) {
      expect(detectDatesOfBirth(text), text).toEqual([]);
    }
  });
});
