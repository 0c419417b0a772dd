// The baseline for the load figures: a Fastify app with one route and nothing else, run as its own process like the
// API, so "search requests/s as a ratio of bare Fastify" compares like with like on the same machine in the same run.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/', async () => ({ ok: true }));
await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
console.log('ready');
