import path from 'node:path';
import { parseArgs } from 'node:util';
import { type Evidence, formatIssue, loadEvidence } from '@costed/evidence';
import { type Command, EXIT_FAILURE, EXIT_OK } from '../command.ts';
import { resolveRepoPath } from '../find-repo-root.ts';

export const validateCommand: Command = {
  name: 'validate',
  summary: 'Check every file in data/ against the schemas and the cross-references',
  usage: `Usage: costed validate [--data <dir>]

Checks every file in the evidence base and prints each problem as file:line: path: message.
Exits 0 when the data is valid, 1 when there are problems.

Options:
  --data <dir>  The data directory (default: data/ at the repository root)
  -h, --help    Show this help`,
  async run(args, io) {
    const { values } = parseArgs({ args, options: { data: { type: 'string' } }, strict: true });
    const dataDir = resolveRepoPath(io.cwd, values.data, 'data');
    const { evidence, issues } = await loadEvidence(dataDir);
    const shown = `${path.relative(io.cwd, dataDir).split(path.sep).join('/') || '.'}/`;
    if (issues.length > 0) {
      for (const issue of issues) io.stdout(formatIssue(issue));
      const files = new Set(issues.map((i) => i.file)).size;
      io.stdout(`${plural(issues.length, 'issue')} in ${plural(files, 'file')}: ${shown} is not valid`);
      return EXIT_FAILURE;
    }
    io.stdout(`${shown} is valid: ${summarise(evidence)}`);
    return EXIT_OK;
  },
};

function summarise(e: Evidence): string {
  return [
    plural(e.caseStudies.length, 'case study', 'case studies'),
    plural(e.councils.length, 'council'),
    plural(e.deflators.length, 'deflator series', 'deflator series'),
    plural(e.discountSchedules.length, 'discount schedule'),
    plural(e.unitCosts.length, 'unit cost'),
    plural(e.indicators.length, 'indicator'),
    plural(e.synonyms.length, 'synonym group'),
    plural(e.optimismBias.length, 'optimism-bias row'),
  ].join(', ');
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
