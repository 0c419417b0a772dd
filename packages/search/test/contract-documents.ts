import {
  DELIVERY_MODEL_LABELS,
  type DeliveryModel,
  type EvidenceResult,
  POLICY_STRAND_LABELS,
  type PolicyStrand,
  type Region,
  SERVICE_AREA_LABELS,
  type ServiceArea,
  type SynonymGroup,
} from '@costed/schema';
import { costBandOf, type SearchDocument } from '../src/index.ts';

/** The synonym groups the contract suite checks (the shape of data/reference/synonyms.yaml). */
export const CONTRACT_SYNONYMS: SynonymGroup[] = [
  { terms: ['looked-after children', 'LAC', 'CLA', 'children in care'] },
  { terms: ['NEET', 'not in education, employment or training'] },
  { terms: ['youth offending team', 'YOT', 'youth justice service'] },
  { terms: ['family group conference', 'FGC'] },
  { terms: ['team around the child', 'TAC'] },
  { terms: ['children in need', 'CIN'] },
  { terms: ['child protection', 'CP'] },
  { terms: ['SEND', 'special educational needs and disabilities'] },
  { terms: ['CSE', 'child sexual exploitation'] },
  { terms: ['early help', 'early intervention'] },
];

interface Spec {
  slug: string;
  title: string;
  summary: string;
  intervention: string;
  councils: [code: string, name: string, region: Region][];
  policyStrand: PolicyStrand;
  serviceAreas: ServiceArea[];
  deliveryModel: DeliveryModel;
  evidenceLevel: number;
  evidenceResult?: EvidenceResult;
  cost: number | null;
  year: string;
  publishedAt: string;
  tags?: string[];
  version?: number;
}

export function makeDocument(spec: Spec): SearchDocument {
  return {
    id: spec.slug,
    slug: spec.slug,
    version: spec.version ?? 1,
    title: spec.title,
    summary: spec.summary,
    intervention: spec.intervention,
    interventionDescription: `${spec.intervention}, as the council describes it.`,
    councils: spec.councils.map((c) => c[0]),
    councilNames: spec.councils.map((c) => c[1]),
    regions: [...new Set(spec.councils.map((c) => c[2]))],
    policyStrand: spec.policyStrand,
    policyStrandLabel: POLICY_STRAND_LABELS[spec.policyStrand],
    serviceAreas: spec.serviceAreas,
    serviceAreaLabels: spec.serviceAreas.map((a) => SERVICE_AREA_LABELS[a]),
    deliveryModel: spec.deliveryModel,
    deliveryModelLabel: DELIVERY_MODEL_LABELS[spec.deliveryModel],
    evidenceLevel: spec.evidenceLevel,
    evidenceResult: spec.evidenceResult ?? (spec.evidenceLevel > 1 ? 'evaluated-positive' : 'not-evaluated'),
    outcomes: [],
    tags: spec.tags ?? [],
    costPerParticipantPence: spec.cost,
    totalCostPence: spec.cost === null ? null : spec.cost * 100,
    priceYear: spec.cost === null ? null : '2024-25',
    costBand: costBandOf(spec.cost),
    year: spec.year,
    publishedAt: spec.publishedAt,
    recency: Number(spec.publishedAt.replaceAll('-', '')),
  };
}

/**
 * Ten handcrafted documents. Each synonym group has one document that uses a term of the group and none of
 * the term the suite searches for, in any searchable field.
 */
export const CONTRACT_DOCUMENTS: SearchDocument[] = [
  makeDocument({
    slug: 'gloucestershire-safeguarding-hub',
    title: 'Gloucestershire: multi-agency safeguarding hub',
    summary:
      'Police, health and social care share one front door that screens referrals of children in need.',
    intervention: 'Multi-Agency Safeguarding Hub',
    councils: [['E10000013', 'Gloucestershire', 'South West']],
    policyStrand: 'contact-and-referrals',
    serviceAreas: ['safeguarding'],
    deliveryModel: 'partnership',
    evidenceLevel: 2,
    cost: 45_000,
    year: '2014',
    publishedAt: '2016-03-01',
  }),
  makeDocument({
    slug: 'manchester-troubled-families',
    title: 'Manchester: troubled families key workers',
    summary: 'Key workers coordinate early intervention for whole families with multiple problems.',
    intervention: 'Troubled Families programme',
    councils: [['E08000003', 'Manchester', 'North West']],
    policyStrand: 'universal-services',
    serviceAreas: ['family-support'],
    deliveryModel: 'in-house',
    evidenceLevel: 1,
    cost: 250_000,
    year: '2012',
    publishedAt: '2014-05-01',
  }),
  makeDocument({
    slug: 'north-yorkshire-no-wrong-door',
    title: 'North Yorkshire: No Wrong Door for adolescents on the edge of care',
    summary: 'Hubs combine residential beds and outreach so that youth workers stay with each young person.',
    intervention: 'No Wrong Door',
    councils: [['E06000065', 'North Yorkshire', 'Yorkshire and The Humber']],
    policyStrand: 'edge-of-care',
    serviceAreas: ['children-in-care', 'mental-health'],
    deliveryModel: 'integrated',
    evidenceLevel: 3,
    cost: 1_200_000,
    year: '2015',
    publishedAt: '2019-01-01',
  }),
  makeDocument({
    slug: 'suffolk-yot-restructure',
    title: 'Suffolk: YOT restructure cuts first-time entrants',
    summary: 'The YOT moved into schools and worked with police on diversion.',
    intervention: 'YOT prevention',
    councils: [['E10000029', 'Suffolk', 'East of England']],
    policyStrand: 'edge-of-care',
    serviceAreas: ['youth-justice'],
    deliveryModel: 'outsourced',
    evidenceLevel: 2,
    cost: null,
    year: '2011',
    publishedAt: '2013-07-01',
  }),
  makeDocument({
    slug: 'leeds-family-group-conferences',
    title: 'Leeds: family group conferences keep children out of care',
    summary: 'An independent coordinator helps relatives make a plan before proceedings start.',
    intervention: 'Family Group Conferences',
    councils: [['E08000035', 'Leeds', 'Yorkshire and The Humber']],
    policyStrand: 'edge-of-care',
    serviceAreas: ['family-support'],
    deliveryModel: 'in-house',
    evidenceLevel: 4,
    cost: 300_000,
    year: '2017',
    publishedAt: '2021-02-01',
  }),
  makeDocument({
    slug: 'westminster-tac-meetings',
    title: 'Westminster: TAC meetings for families below threshold',
    summary: 'A lead professional chairs TAC meetings with a shared plan.',
    intervention: 'TAC',
    councils: [['E09000033', 'Westminster', 'London']],
    policyStrand: 'universal-services',
    serviceAreas: ['family-support'],
    deliveryModel: 'partnership',
    evidenceLevel: 0,
    cost: 90_000,
    year: '2010',
    publishedAt: '2012-01-01',
  }),
  makeDocument({
    slug: 'kent-travel-training',
    title: 'Kent: travel training & support for pupils <16 with special educational needs and disabilities',
    summary: 'Pupils learn to travel to school on their own instead of by taxi.',
    intervention: 'Independent travel training',
    councils: [['E10000016', 'Kent', 'South East']],
    policyStrand: 'common-issues',
    serviceAreas: ['education'],
    deliveryModel: 'in-house',
    evidenceLevel: 1,
    cost: 2_500_000,
    year: '2016',
    publishedAt: '2018-09-01',
  }),
  makeDocument({
    slug: 'bristol-exploitation-team',
    title: 'Bristol: co-located team tackles child sexual exploitation',
    summary:
      'Police and social workers share an office to identify and disrupt exploitation; safeguarding improved.',
    intervention: 'Co-located exploitation team',
    councils: [['E06000023', 'Bristol', 'South West']],
    policyStrand: 'contact-and-referrals',
    serviceAreas: ['safeguarding'],
    deliveryModel: 'partnership',
    evidenceLevel: 2,
    cost: 800_000,
    year: '2014',
    publishedAt: '2015-11-01',
  }),
  makeDocument({
    slug: 'birmingham-careers-advisers',
    title: 'Birmingham: careers advisers for young people not in education, employment or training',
    summary: 'Advisers track every 16 and 17 year old and offer guidance.',
    intervention: 'Careers tracking',
    councils: [['E08000025', 'Birmingham', 'West Midlands']],
    policyStrand: 'universal-services',
    serviceAreas: ['careers-guidance'],
    deliveryModel: 'volunteer-led',
    evidenceLevel: 1,
    cost: 60_000,
    year: '2013',
    publishedAt: '2014-10-01',
  }),
  makeDocument({
    slug: 'tri-borough-signs-of-safety',
    title: 'Tri-borough: Signs of Safety for CP plans',
    summary: 'Two boroughs train social workers together in one practice model for CP casework.',
    intervention: 'Signs of Safety',
    councils: [
      ['E09000013', 'Hammersmith and Fulham', 'London'],
      ['E09000020', 'Kensington and Chelsea', 'London'],
    ],
    policyStrand: 'contact-and-referrals',
    serviceAreas: ['workforce'],
    deliveryModel: 'combined',
    evidenceLevel: 3,
    cost: 150_000,
    year: '2013',
    publishedAt: '2017-04-01',
  }),
];

/** For each synonym group: the query typed and the document that must be found through another term. */
export const SYNONYM_CASES: { group: string; query: string; slug: string }[] = [
  { group: 'looked-after children', query: 'LAC', slug: 'north-yorkshire-no-wrong-door' },
  { group: 'NEET', query: 'NEET', slug: 'birmingham-careers-advisers' },
  { group: 'youth offending team', query: 'youth offending team', slug: 'suffolk-yot-restructure' },
  { group: 'family group conference', query: 'FGC', slug: 'leeds-family-group-conferences' },
  { group: 'team around the child', query: 'team around the child', slug: 'westminster-tac-meetings' },
  { group: 'children in need', query: 'CIN', slug: 'gloucestershire-safeguarding-hub' },
  { group: 'child protection', query: 'child protection', slug: 'tri-borough-signs-of-safety' },
  { group: 'SEND', query: 'SEND', slug: 'kent-travel-training' },
  { group: 'CSE', query: 'CSE', slug: 'bristol-exploitation-team' },
  { group: 'early help', query: 'early help', slug: 'manchester-troubled-families' },
];
