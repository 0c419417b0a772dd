import { describe, expect, it } from 'vitest';
import { ApiProblem, ApiUnreachable } from '../lib/api-client.ts';
import { findStoredService, isPortfolioNotFound } from './portfolio-access.ts';
import type { Portfolio } from './portfolio-schemas.ts';

function portfolio(services: Portfolio['services']): Portfolio {
  return {
    id: 'p1',
    organisationId: 'kestrelford',
    name: 'Children’s services 2025',
    thresholds: {},
    services,
    createdAt: '2025-04-01T00:00:00.000Z',
    updatedAt: '2025-04-01T00:00:00.000Z',
  };
}

describe('findStoredService', () => {
  it('finds the service with the id and gives it back whole', () => {
    const found = findStoredService(
      portfolio([
        { id: 's1', name: 'Edge of care team', caseStudySlugs: ['a'] },
        { id: 's2', name: 'Family group conferencing' },
      ]),
      's2',
    );
    expect(found).toEqual({ id: 's2', name: 'Family group conferencing' });
  });

  it('is undefined for an id the portfolio does not hold, and skips services without an id', () => {
    const held = portfolio([{ name: 'Not stored yet' }, { id: 's1', name: 'Edge of care team' }]);
    expect(findStoredService(held, 's9')).toBeUndefined();
    expect(findStoredService(held, '')).toBeUndefined();
  });
});

describe('isPortfolioNotFound', () => {
  it('treats 404 and 403 alike, so another council’s portfolio looks missing', () => {
    expect(isPortfolioNotFound(new ApiProblem(404, undefined, 'missing'))).toBe(true);
    expect(isPortfolioNotFound(new ApiProblem(403, undefined, 'not yours'))).toBe(true);
  });

  it('leaves every other failure to the page', () => {
    expect(isPortfolioNotFound(new ApiProblem(400, undefined, 'bad'))).toBe(false);
    expect(isPortfolioNotFound(new ApiProblem(500, undefined, 'broken'))).toBe(false);
    expect(
      isPortfolioNotFound(new ApiUnreachable('api-unreachable', 'http://api.test', new Error('down'))),
    ).toBe(false);
  });
});
