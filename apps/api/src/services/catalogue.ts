import {
  type CaseStudyCostSummary,
  createMethodStamp,
  createPriceConverter,
  isCostingError,
  type MethodStamp,
  summariseCaseStudyCosts,
} from '@costed/costing';
import {
  type CaseStudy,
  EVIDENCE_LEVELS,
  isReported,
  type Money,
  type PriceYear,
  priceYearKind,
} from '@costed/schema';
import type { SearchQueryInput, SearchResult } from '@costed/search';
import type { CaseStudyRecord } from '@costed/store';
import diff from 'microdiff';
import { ApiError } from '../errors.ts';
import type { AppServices } from './create-services.ts';

type Services = Pick<AppServices, 'store' | 'search' | 'reference'>;

export function searchCaseStudies(services: Services, query: SearchQueryInput): Promise<SearchResult> {
  return services.search.search(query);
}

/** A published case study, or 404 (never published) / 410 (withdrawn, with the reason). */
export async function getPublished(
  services: Pick<Services, 'store'>,
  slug: string,
): Promise<CaseStudyRecord> {
  const record = await services.store.caseStudies.get(slug);
  if (!record || (record.status !== 'published' && record.status !== 'withdrawn')) {
    throw new ApiError(
      'not-found',
      `There is no published case study "${slug}". Search with GET /v1/case-studies.`,
      { extensions: { slug } },
    );
  }
  if (record.status === 'withdrawn') {
    const versions = await services.store.caseStudies.versions(slug);
    const reason = versions.at(-1)?.changeNote ?? 'No reason was recorded.';
    throw new ApiError(
      'gone',
      `"${record.document.title}" was withdrawn on ${record.updatedAt.slice(0, 10)}: ${reason}`,
      {
        extensions: {
          slug,
          withdrawnAt: record.updatedAt,
          reason,
          versions: `/v1/case-studies/${slug}/versions`,
        },
      },
    );
  }
  return record;
}

export interface ConvertedFigure {
  label: string;
  original: Money | null;
  converted: Money | null;
  /** Why there is no converted figure: not reported by the source, or a calendar/financial year mismatch. */
  note: string | null;
}

export interface ConvertedCaseStudy {
  priceYear: PriceYear;
  costs: ConvertedFigure[];
  savings: ConvertedFigure[];
  summary: CaseStudyCostSummary;
  stamp: MethodStamp;
}

/** Every money figure of a case study in one price year, each with its original, and the method stamp. */
export async function convertCaseStudy(
  services: Services,
  caseStudy: CaseStudy,
  priceYear: PriceYear,
): Promise<ConvertedCaseStudy> {
  const reference = await services.reference.get();
  const converter = createPriceConverter(reference.deflators);
  const convert = (label: string, money: Money): ConvertedFigure => {
    if (priceYearKind(money.priceYear) !== priceYearKind(priceYear)) {
      return {
        label,
        original: money,
        converted: null,
        note: `${money.priceYear} and ${priceYear} are in different deflator series (calendar vs financial years).`,
      };
    }
    return {
      label,
      original: money,
      converted: { pence: Math.round(money.pence * converter.factor(money.priceYear, priceYear)), priceYear },
      note: null,
    };
  };
  try {
    const costs = caseStudy.costs.map((line) =>
      isReported(line.money)
        ? convert(line.label, line.money)
        : { label: line.label, original: null, converted: null, note: `Not reported: ${line.money.reason}` },
    );
    const savings = caseStudy.savings.map((s) => convert(s.label, s.money));
    const summary = summariseCaseStudyCosts(caseStudy, converter, priceYear);
    const release = converter.releaseFor(priceYear);
    return {
      priceYear,
      costs,
      savings,
      summary,
      stamp: createMethodStamp({ deflatorRelease: release }),
    };
  } catch (error) {
    if (isCostingError(error)) {
      throw new ApiError('validation-failed', error.message, {
        errors: [{ path: 'querystring.priceYear', message: error.message, code: error.code }],
      });
    }
    throw error;
  }
}

export function evidenceLevelDefinition(level: number) {
  return EVIDENCE_LEVELS.find((l) => l.level === level) ?? null;
}

export interface VersionChange {
  path: string;
  type: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
}

/** The history of a published or withdrawn case study, each version with what changed from the one before. */
export async function versionHistory(services: Services, slug: string) {
  const record = await services.store.caseStudies.get(slug);
  if (!record || (record.status !== 'published' && record.status !== 'withdrawn')) {
    throw new ApiError('not-found', `There is no published case study "${slug}".`);
  }
  const versions = await services.store.caseStudies.versions(slug);
  return versions.map((v, i) => {
    const previous = versions[i - 1];
    const changes: VersionChange[] = previous
      ? diff(stripVersion(previous.document), stripVersion(v.document)).map((d) => ({
          path: d.path.join('.'),
          type: d.type === 'CREATE' ? 'added' : d.type === 'REMOVE' ? 'removed' : 'changed',
          ...('oldValue' in d ? { before: d.oldValue } : {}),
          ...('value' in d ? { after: d.value } : {}),
        }))
      : [];
    return {
      version: v.version,
      status: v.document.status,
      createdAt: v.createdAt,
      changeNote: v.changeNote,
      contentHash: v.contentHash,
      changes,
    };
  });
}

function stripVersion(document: CaseStudy): Record<string, unknown> {
  const { version: _version, ...rest } = document;
  return rest;
}
