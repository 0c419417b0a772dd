// Writes the portfolio import templates and the filled example to data/templates from the column
// definitions, so the downloads never drift from the importer. Run: pnpm --filter @costed/decommissioning templates
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { buildPortfolioCsv, buildPortfolioXlsx, EXAMPLE_PORTFOLIO } from '../src/build-portfolio-template.ts';

const dir = fileURLToPath(new URL('../../../data/templates/', import.meta.url));
const files: [string, Uint8Array][] = [
  ['portfolio-template.csv', buildPortfolioCsv()],
  ['portfolio-template.xlsx', await buildPortfolioXlsx()],
  ['portfolio-example.csv', buildPortfolioCsv(EXAMPLE_PORTFOLIO)],
  ['portfolio-example.xlsx', await buildPortfolioXlsx(EXAMPLE_PORTFOLIO)],
];
for (const [name, bytes] of files) {
  await writeFile(dir + name, bytes);
  console.log(`wrote data/templates/${name} (${bytes.byteLength} bytes)`);
}
