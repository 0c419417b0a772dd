/**
 * The site calls the API from its own server, so it must say whose request it is serving: every API call it
 * makes carries the visitor's address as X-Forwarded-For (which the API believes from loopback, TRUST_PROXY).
 * Without it the API counts every visitor as one client and rate limits them all together.
 * The API here is a recorder that answers 404 to everything: pages fail, but every call they make is seen.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureSiteBuild, type RunningServer, startSite } from './harness.ts';

describe('the site forwards the visitor address on every API call', () => {
  const seen: { url: string; headers: IncomingHttpHeaders }[] = [];
  let recorder: Server;
  let site: RunningServer;

  beforeAll(async () => {
    ensureSiteBuild();
    recorder = createServer((req, res) => {
      seen.push({ url: req.url ?? '', headers: req.headers });
      res.writeHead(404, { 'content-type': 'application/problem+json' });
      res.end(JSON.stringify({ type: 'about:blank', title: 'Not found', status: 404, detail: 'Recorder.' }));
    });
    await new Promise<void>((resolve) => recorder.listen(0, '127.0.0.1', resolve));
    const { port } = recorder.address() as AddressInfo;
    site = await startSite({ apiUrl: `http://127.0.0.1:${port}` });
  }, 180_000);

  afterAll(async () => {
    await site?.stop();
    await new Promise((resolve) => recorder?.close(resolve));
  });

  it('sends X-Forwarded-For with page reads, the session check and sign-in', async () => {
    const cookie = 'costed_session=not-a-real-session';
    await fetch(`${site.url}/`, { headers: { cookie } });
    await fetch(`${site.url}/search?q=edge+of+care`, { headers: { cookie } });
    await fetch(`${site.url}/case-studies/hackney-learning-trust`, { headers: { cookie } });
    await fetch(`${site.url}/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: site.url },
      body: 'email=someone%40example.org&password=a+long+enough+password',
    });
    const paths = seen.map((s) => s.url.split('?')[0]);
    for (const path of [
      '/v1/case-studies',
      '/v1/me',
      '/v1/case-studies/hackney-learning-trust',
      '/v1/auth/sign-in/email',
    ]) {
      expect(paths, `the site never called ${path}`).toContain(path);
    }
    const without = seen.filter((s) => s.headers['x-forwarded-for'] !== '127.0.0.1').map((s) => s.url);
    expect(without, 'API calls without the visitor address').toEqual([]);
  });
});
