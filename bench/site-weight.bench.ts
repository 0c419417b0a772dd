// Page weight of the site's accessibility statement (the only page before the API-backed pages arrive):
// HTML + CSS + JS, raw and gzip-compressed (level 6, what a compressing proxy typically sends), against the
// budget of 150 KB per page and 30 KB of JavaScript. Needs a build: pnpm --filter @costed/site build.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const SITE_DIR = fileURLToPath(new URL('../apps/site/', import.meta.url));
const PAGE = '/accessibility';
const PAGE_BUDGET = 150 * 1024;
const JS_BUDGET = 30 * 1024;

if (!existsSync(`${SITE_DIR}dist/server/entry.mjs`)) {
  console.error('No site build. Run `pnpm --filter @costed/site build` first.');
  process.exit(1);
}

const port = await new Promise<number>((resolve) => {
  const probe = createServer().listen(0, '127.0.0.1', () => {
    const address = probe.address();
    probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
  });
});
const server = spawn(process.execPath, ['serve.ts'], {
  cwd: SITE_DIR,
  env: { ...process.env, SITE_PORT: String(port), SITE_HOST: '127.0.0.1' },
  stdio: 'ignore',
});
const base = `http://127.0.0.1:${port}`;

try {
  let html = '';
  for (let attempt = 0; attempt < 100 && !html; attempt++) {
    html = await fetch(base + PAGE)
      .then((r) => r.text())
      .catch(async () => {
        await new Promise((r) => setTimeout(r, 100));
        return '';
      });
  }
  const css = [...html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => m[1]!);
  const js = [...html.matchAll(/<script[^>]* src="([^"]+)"/g)].map((m) => m[1]!);
  const rows: { kind: string; url: string; raw: number; gzip: number }[] = [
    { kind: 'html', url: PAGE, raw: Buffer.byteLength(html), gzip: gzipSync(html, { level: 6 }).length },
  ];
  for (const [kind, urls] of [
    ['css', css],
    ['js', js],
  ] as const) {
    for (const url of urls) {
      const body = Buffer.from(await (await fetch(base + url)).arrayBuffer());
      rows.push({ kind, url, raw: body.length, gzip: gzipSync(body, { level: 6 }).length });
    }
  }
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  for (const row of rows)
    console.log(
      `${row.kind.padEnd(5)} ${kb(row.raw).padStart(9)} raw ${kb(row.gzip).padStart(9)} gzip  ${row.url}`,
    );
  const total = rows.reduce((sum, r) => sum + r.gzip, 0);
  const jsTotal = rows.filter((r) => r.kind === 'js').reduce((sum, r) => sum + r.gzip, 0);
  console.log(
    `total ${kb(total)} gzip (budget ${kb(PAGE_BUDGET)}: ${total <= PAGE_BUDGET ? 'within' : 'OVER'})`,
  );
  console.log(
    `js    ${kb(jsTotal)} gzip (budget ${kb(JS_BUDGET)} on search: ${jsTotal <= JS_BUDGET ? 'within' : 'OVER'})`,
  );
} finally {
  server.kill('SIGTERM');
}
