import type { TestApp } from '../test-app';
import { FuzzRequest, FuzzTarget, toJson } from './fuzz-generator';
import { buildFuzzWorld } from './fuzz-world';

/** The in-process application as a fuzz target: data built, document read, requests via supertest. */
export async function fuzzTargetFor(t: TestApp): Promise<FuzzTarget> {
  const world = await buildFuzzWorld(t);
  const docs = await t.http.get('/api/docs-json');
  if (docs.status !== 200) throw new Error(`GET /api/docs-json answered ${docs.status}`);
  return {
    dataSource: t.dataSource,
    tokens: { registrar: world.tokens.registrar, admin: world.tokens.admin },
    ids: world.ids,
    openapi: docs.body,
    async send(req: FuzzRequest, token: string | null) {
      let r = t.http[req.method](req.url);
      if (token) r = r.set('Authorization', `Bearer ${token}`);
      for (const [k, v] of Object.entries(req.headers)) r = r.set(k, v);
      if (req.body !== undefined) {
        if (req.raw) r = r.set('Content-Type', req.headers['Content-Type'] ?? 'application/json');
        else r = r.set('Content-Type', 'application/json');
        r = r.send(req.raw ? (req.body as string) : toJson(req.body));
      }
      const res = await r.buffer(true).parse((response, callback) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () => callback(null, Buffer.concat(chunks).toString('utf8')));
      });
      return { status: res.status, text: String(res.body ?? '') };
    },
  };
}
