export { type GenerateOptions, generateCaseStudies, iterateCaseStudies } from './generate-case-studies.ts';
export { createRandom, type Random } from './random.ts';
export { INTERVENTIONS, type InterventionTemplate, SYNTHETIC_COUNCILS } from './vocabulary.ts';
