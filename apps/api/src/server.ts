import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from './app.ts';
import { parseEnv } from './env.ts';
import { createServices } from './services/create-services.ts';

/** The checkout root (the folder with pnpm-workspace.yaml), so defaults do not depend on the working directory. */
function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'pnpm-workspace.yaml'))) {
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}

async function main(): Promise<void> {
  const root = repoRoot();
  const config = parseEnv(process.env);
  config.dataDir = resolve(root, process.env.DATA_DIR ?? '.data');
  config.evidenceDir =
    process.env.EVIDENCE_DIR === '' ? undefined : resolve(root, process.env.EVIDENCE_DIR ?? 'data');

  const started = performance.now();
  const services = await createServices(config, {
    log: {
      info: (obj: unknown, msg?: string) => console.log(`api: ${msg ?? ''} ${JSON.stringify(obj)}`),
      warn: (obj: unknown, msg?: string) => console.warn(`api: ${msg ?? ''} ${JSON.stringify(obj)}`),
      error: (obj: unknown, msg?: string) => console.error(`api: ${msg ?? ''}`, obj),
    } as never,
  });
  const app = await buildApp({ config, services });
  await app.listen({ port: config.port, host: config.host });
  const store = config.databaseUrl ? 'PostgreSQL' : `PGlite in ${config.dataDir}`;
  const search = config.meiliUrl ? `Meilisearch at ${config.meiliUrl}` : 'in-process index';
  console.log(
    `api: listening on http://${config.host}:${config.port} (store: ${store}; search: ${search}; ready in ${Math.round(performance.now() - started)} ms; docs at /docs)`,
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`api: ${signal} received: draining requests, flushing the outbox, closing the store`);
    try {
      await app.close();
      process.exit(0);
    } catch (error) {
      console.error('api: shutdown failed', error);
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(`api: could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
