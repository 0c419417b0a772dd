import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildMeilisearchFilter } from './meilisearch-filter.ts';

describe('buildMeilisearchFilter', () => {
  it('ORs values within a facet and ANDs facets, quoting enum values', () => {
    expect(
      buildMeilisearchFilter({
        council: ['E08000003', 'E09000033'],
        region: ['Yorkshire and The Humber'],
        evidenceLevel: [3, 4],
        costBand: ['not-reported'],
      }),
    ).toEqual([
      ['councils = "E08000003"', 'councils = "E09000033"'],
      ['regions = "Yorkshire and The Humber"'],
      ['evidenceLevel = 3', 'evidenceLevel = 4'],
      ['costBand = "not-reported"'],
    ]);
  });

  it('returns no clauses for no filters or empty lists', () => {
    expect(buildMeilisearchFilter(undefined)).toEqual([]);
    expect(buildMeilisearchFilter({ council: [] })).toEqual([]);
  });

  it('refuses hostile values instead of escaping them into the expression', () => {
    const hostile = [
      { council: ['E08000003" OR councils EXISTS OR "'] },
      { region: ['London" OR 1=1'] },
      { policyStrand: ['edge-of-care\\'] },
      { evidenceLevel: ['3 OR evidenceLevel > 0'] },
      { year: ['2014) OR (year EXISTS'] },
      { deliveryModel: [{ toString: () => 'in-house' }] },
      { notAFacet: ['x'] },
    ];
    for (const filters of hostile) {
      expect(() => buildMeilisearchFilter(filters)).toThrow(
        expect.objectContaining({ code: 'SEARCH_INVALID_QUERY' }),
      );
    }
  });

  it('never emits a clause built from text outside the known values', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        let clauses: string[][] = [];
        try {
          clauses = buildMeilisearchFilter({ council: [text], year: [text], region: [text] });
        } catch (error) {
          expect(error).toMatchObject({ code: 'SEARCH_INVALID_QUERY' });
          return;
        }
        for (const clause of clauses.flat()) {
          expect(clause).toMatch(
            /^(councils = "E(06|08|09|10)\d{6}"|year = "\d{4}"|regions = "[A-Za-z ]+")$/,
          );
        }
      }),
    );
  });
});
