import { caseStudyTables, tableList } from '@costed/exports';
import type { DeflatorSeries } from '@costed/schema';
import readXlsxFile from 'read-excel-file/node';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors.ts';
import {
  buildXlsxOffThread,
  createXlsxCache,
  matchesIfNoneMatch,
  priceConversion,
  tableForFile,
} from './open-data.ts';
import type { ReferenceSnapshot } from './reference-cache.ts';

describe('matchesIfNoneMatch', () => {
  const etag = 'W/"abc"';
  it('matches the same tag, weakly or strongly, alone or in a list, and *', () => {
    expect(matchesIfNoneMatch('W/"abc"', etag)).toBe(true);
    expect(matchesIfNoneMatch('"abc"', etag)).toBe(true);
    expect(matchesIfNoneMatch('"x", W/"abc" ,"y"', etag)).toBe(true);
    expect(matchesIfNoneMatch('*', etag)).toBe(true);
  });
  it('does not match another tag, a prefix of it, or no header', () => {
    expect(matchesIfNoneMatch('W/"abd"', etag)).toBe(false);
    expect(matchesIfNoneMatch('W/"ab"', etag)).toBe(false);
    expect(matchesIfNoneMatch(undefined, etag)).toBe(false);
    expect(matchesIfNoneMatch('', etag)).toBe(false);
  });
});

describe('tableForFile', () => {
  it('maps file stems to tables and refuses anything else with not-found', () => {
    expect(tableForFile('case-studies')).toBe('case_studies');
    expect(tableForFile('costs')).toBe('costs');
    for (const stem of ['case_studies', 'people', '', '../costs']) {
      expect(() => tableForFile(stem)).toThrow(ApiError);
      try {
        tableForFile(stem);
      } catch (error) {
        expect((error as ApiError).code).toBe('not-found');
      }
    }
  });
});

describe('priceConversion', () => {
  const fy: DeflatorSeries = {
    id: 'fy-test',
    kind: 'financial',
    release: 'Test release',
    base: '2024-25',
    sourceUrl: 'https://example.org/deflators',
    points: [
      { year: '2010-11', index: 50, status: 'outturn' },
      { year: '2024-25', index: 100, status: 'outturn' },
    ],
  };
  const reference = { deflators: [fy] } as unknown as ReferenceSnapshot;

  it('converts with index[target] ÷ index[source], rounded to whole pence, and records the release', () => {
    const conversion = priceConversion(reference, '2024-25');
    expect(conversion.deflatorRelease).toBe('Test release');
    expect(conversion.convert({ pence: 1001, priceYear: '2010-11' })).toEqual({
      pence: 2002,
      priceYear: '2024-25',
    });
  });

  it('leaves amounts it cannot convert empty rather than guessing', () => {
    const conversion = priceConversion(reference, '2024-25');
    expect(conversion.convert({ pence: 100, priceYear: '2012' })).toBeNull(); // calendar year: no series
    expect(conversion.convert({ pence: 100, priceYear: '1999-00' })).toBeNull(); // outside the series
  });

  it('refuses a target year outside the series with a field error on querystring.priceYear', () => {
    for (const year of ['2030-31', '2024']) {
      try {
        priceConversion(reference, year);
        expect.unreachable(`${year} should be refused`);
      } catch (error) {
        expect(error).toBeInstanceOf(ApiError);
        expect((error as ApiError).status).toBe(400);
        expect((error as ApiError).errors?.map((e) => e.path)).toEqual(['querystring.priceYear']);
      }
    }
  });
});

describe('createXlsxCache', () => {
  const bytes = (n: number) => new Uint8Array([n]);

  it('builds once per key, sharing the build between concurrent callers', async () => {
    const cache = createXlsxCache();
    let builds = 0;
    const build = async () => {
      builds += 1;
      return bytes(builds);
    };
    const [a, b] = await Promise.all([cache.get('k', build), cache.get('k', build)]);
    expect(builds).toBe(1);
    expect(a).toBe(b);
    expect(await cache.get('k', build)).toBe(a);
  });

  it('evicts the least recently used entry beyond its size', async () => {
    const cache = createXlsxCache(2);
    let builds = 0;
    const build = async () => bytes(++builds);
    await cache.get('a', build);
    await cache.get('b', build);
    await cache.get('a', build); // a is now the most recent
    await cache.get('c', build); // evicts b
    expect(cache.size).toBe(2);
    expect(builds).toBe(3);
    await cache.get('a', build);
    expect(builds).toBe(3);
    await cache.get('b', build);
    expect(builds).toBe(4);
  });

  it('forgets a failed build so the next request retries', async () => {
    const cache = createXlsxCache();
    await expect(cache.get('k', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(cache.size).toBe(0);
    expect(await cache.get('k', async () => bytes(7))).toEqual(bytes(7));
  });
});

describe('buildXlsxOffThread', () => {
  const meta = { title: 'Test', licence: 'CC-BY-4.0', generatedAt: '2026-01-01T00:00:00Z' };

  it('returns a workbook built in a worker thread', async () => {
    const workbook = await buildXlsxOffThread(tableList(caseStudyTables([])), meta);
    const sheets = await readXlsxFile(Buffer.from(workbook));
    expect(sheets.map((s) => s.sheet)).toEqual([
      'README',
      'case_studies',
      'costs',
      'savings',
      'outcomes',
      'sources',
    ]);
  });

  it("rejects with the library's message when the workbook cannot be built", async () => {
    const [first] = tableList(caseStudyTables([]));
    if (!first) throw new Error('no tables');
    await expect(buildXlsxOffThread([{ ...first, name: 'bad/name' }], meta)).rejects.toThrow(
      /XLSX export could not be built: "bad\/name" cannot be a worksheet name/,
    );
  });
});
