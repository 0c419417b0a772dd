export { canonicalJson, contentHash } from './content-hash.ts';
export {
  CASE_STUDIES_DIR,
  DEFLATORS_DIR,
  EVIDENCE_SCHEMAS,
  type EvidenceSchemaName,
  REFERENCE_FILES,
  type ReferenceFile,
  SCHEMAS_DIR,
  schemaFileName,
} from './data-layout.ts';
export { issuesFromZod } from './issues-from-zod.ts';
export { type Evidence, type LoadResult, type Located, loadEvidence } from './load-evidence.ts';
export { OptimismBiasRow } from './optimism-bias-row.ts';
export {
  type Location,
  type ParsedYaml,
  type Position,
  parseYamlWithPositions,
} from './parse-yaml-with-positions.ts';
export { compareIssues, formatIssue, formatPath, type ValidationIssue } from './validation-issue.ts';
