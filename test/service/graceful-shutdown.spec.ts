import { Agent, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { GracefulShutdown } from '../../src/lifecycle/graceful-shutdown';
import { createRegistry, Registry } from '../factories';
import { createTestApp, TestApp } from '../test-app';

interface Outcome {
  status?: number;
  error?: string;
  connection?: string;
}

/** One request over a real socket; resolves with its status or its network error. */
function send(
  agent: Agent,
  port: number,
  method: string,
  path: string,
  token?: string,
  body?: unknown,
): Promise<Outcome> {
  return new Promise((resolve) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent,
        headers: {
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
          ...(payload
            ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) }
            : {}),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () =>
          resolve({ status: res.statusCode, connection: String(res.headers.connection) }),
        );
        res.on('error', (e: NodeJS.ErrnoException) => resolve({ error: e.code ?? e.message }));
      },
    );
    req.on('error', (e: NodeJS.ErrnoException) => resolve({ error: e.code ?? e.message }));
    req.end(payload);
  });
}

const waitFor = async (condition: () => boolean, ms = 10_000): Promise<void> => {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('graceful shutdown (SIGTERM)', () => {
  let t: TestApp;
  let reg: Registry;

  beforeAll(async () => {
    t = await createTestApp();
    reg = await createRegistry(t);
  });
  afterAll(() => t.close());

  it('finishes every request received before the signal, then stops accepting', async () => {
    const server = t.app.getHttpServer();
    const lifecycle = new GracefulShutdown(server);
    await t.app.listen(0, '127.0.0.1');
    const { port } = server.address() as AddressInfo;
    const agent = new Agent({ keepAlive: true, maxSockets: 100 });

    // Warm up keep-alive connections that will sit idle when the signal comes.
    const warm = await Promise.all(
      Array.from({ length: 10 }, () => send(agent, port, 'GET', '/health')),
    );
    expect(warm.map((o) => o.status)).toEqual(Array(10).fill(200));

    // Slow requests: renames that wait for a row lock held by another session.
    const locker = new Client({ connectionString: t.databaseUrl });
    locker.on('error', () => undefined);
    await locker.connect();
    await locker.query('BEGIN');
    await locker.query('SELECT 1 FROM organisation WHERE id = $1 FOR UPDATE', [reg.organisationId]);
    const seenBefore = lifecycle.requestsSeen;
    const inFlight: Promise<Outcome>[] = [];
    for (let i = 0; i < 50; i++) {
      inFlight.push(
        i % 5 === 0
          ? send(agent, port, 'PATCH', `/api/organisations/${reg.organisationId}`, reg.adminToken, {
              name: `Region ${i}`,
            })
          : i % 2 === 0
            ? send(agent, port, 'GET', `/api/organisations/${reg.organisationId}`)
            : send(agent, port, 'GET', '/health'),
      );
    }
    await waitFor(() => lifecycle.requestsSeen >= seenBefore + 50);
    await waitFor(() => lifecycle.activeRequests >= 10); // the ten renames are blocked

    const stopping = lifecycle.shutdown(20_000);
    // New connections are refused as soon as the server stops listening.
    await waitFor(() => !server.listening);
    const late = await send(new Agent(), port, 'GET', '/health');
    expect(late.error).toBe('ECONNREFUSED');
    // The slow ones are still running; let them go.
    await new Promise((r) => setTimeout(r, 300));
    // The renames, and reads queued behind them for a database connection.
    expect(lifecycle.activeRequests).toBeGreaterThanOrEqual(10);
    await locker.query('COMMIT');
    await locker.end();

    const outcomes = await Promise.all(inFlight);
    const result = await stopping;
    agent.destroy();

    expect(outcomes.filter((o) => o.error)).toEqual([]);
    expect(outcomes.map((o) => o.status).filter((s) => s !== 200)).toEqual([]);
    expect(result.cutOff).toBe(0);
    // The renames that waited did happen, in order of the lock.
    const rows = await t.dataSource.query('SELECT name FROM organisation WHERE id = $1', [
      reg.organisationId,
    ]);
    expect(rows[0].name).toMatch(/^Region \d+$/);
    // Responses finished after the signal told the client to close the connection.
    expect(outcomes.filter((o) => o.connection === 'close').length).toBeGreaterThanOrEqual(10);
    // The application still closes cleanly afterwards (done by t.close()).
  });

  it('cuts requests still running when the grace period ends', async () => {
    const u = await createTestApp();
    try {
      const r = await createRegistry(u);
      const server = u.app.getHttpServer();
      const lifecycle = new GracefulShutdown(server);
      await u.app.listen(0, '127.0.0.1');
      const { port } = server.address() as AddressInfo;
      const locker = new Client({ connectionString: u.databaseUrl });
      locker.on('error', () => undefined);
      await locker.connect();
      await locker.query('BEGIN');
      await locker.query('SELECT 1 FROM organisation WHERE id = $1 FOR UPDATE', [r.organisationId]);
      const stuck = send(
        new Agent(),
        port,
        'PATCH',
        `/api/organisations/${r.organisationId}`,
        r.adminToken,
        {
          name: 'Fast',
        },
      );
      await waitFor(() => lifecycle.activeRequests === 1);
      const result = await lifecycle.shutdown(200);
      expect(result.cutOff).toBe(1);
      expect((await stuck).error).toBeDefined();
      await locker.query('ROLLBACK');
      await locker.end();
    } finally {
      await u.close();
    }
  });
});
