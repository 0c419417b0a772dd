// Starts the built site: reads SITE_PORT / SITE_HOST through src/env.ts and runs the Node adapter's handler
// inside our own HTTP server, so static files (CSS, JS, icons) get the same nosniff and referrer headers as
// pages. Build first: `pnpm --filter @costed/site build`.
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { readSiteEnv } from './src/env.ts';

const entry = new URL('./dist/server/entry.mjs', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  console.error(`No build at ${fileURLToPath(entry)}. Run \`pnpm --filter @costed/site build\` first.`);
  process.exit(1);
}

const env = readSiteEnv();
// The adapter would otherwise start its own server on PORT/HOST as soon as the entry is imported.
process.env.ASTRO_NODE_AUTOSTART = 'disabled';
const { handler } = (await import(entry.href)) as {
  handler: (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void;
};

const server = createServer((req, res) => {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'same-origin');
  handler(req, res);
});
server.listen(env.SITE_PORT, env.SITE_HOST, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : env.SITE_PORT;
  console.log(`Costed site listening on http://${env.SITE_HOST}:${port}`);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
