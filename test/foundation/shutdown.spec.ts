import { ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { nextOrganisationNumber } from '../factories';
import { createTestApp, TestApp } from '../test-app';

/**
 * The real server process (src/main.ts) on a test database: SIGTERM under load lets every
 * request it accepted finish (none answered 500), then the process exits 0.
 */
describe('SIGTERM under load', () => {
  let t: TestApp;
  let server: ChildProcess | undefined;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    server?.kill('SIGKILL');
    await t.close();
  });

  it('finishes the requests in flight, answers none with 500, and exits 0', async () => {
    const admin = await t.tokenFor('admin');
    const port = 40000 + Math.floor(Math.random() * 9000);
    server = spawn(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', resolve(__dirname, '..', '..', 'src', 'main.ts')],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: {
          ...process.env,
          TS_NODE_PROJECT: resolve(__dirname, '..', '..', 'tsconfig.jest.json'),
          DATABASE_URL: t.databaseUrl,
          MIGRATION_DATABASE_URL: t.ownerDatabaseUrl,
          RUN_MIGRATIONS: 'false',
          PORT: String(port),
          HOST: '127.0.0.1',
          LOG_LEVEL: 'silent',
        },
      },
    );
    let output = '';
    server.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    server.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((r) => server!.once('exit', (code) => r(code)));
    for (let i = 0; i < 600 && !output.includes('listening on'); i++) {
      if (server.exitCode !== null) throw new Error(`server exited: ${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(output).toContain('listening on');

    const base = `http://127.0.0.1:${port}`;
    const headers = { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/json' };
    // 120 writes and reads at once; SIGTERM arrives while they run.
    const requests = Array.from({ length: 120 }, (_, i) =>
      fetch(
        i % 2 === 0 ? `${base}/api/organisations` : `${base}/api/organisations?limit=50`,
        i % 2 === 0
          ? {
              method: 'POST',
              headers,
              body: JSON.stringify({
                name: `Kommun ${i}`,
                kind: 'municipality',
                organisationNumber: nextOrganisationNumber(),
              }),
            }
          : { headers },
      ).then(
        (res) => res.status,
        () => 'refused' as const,
      ),
    );
    // SIGTERM as soon as the first answer is back: the others are then being handled.
    await Promise.race(requests);
    server.kill('SIGTERM');
    const statuses = await Promise.all(requests);
    expect(await exited).toBe(0);

    const answered = statuses.filter((s): s is number => typeof s === 'number');
    const summary = `${answered.length} answered (${answered.filter((s) => s >= 500).length} with 5xx), ${statuses.length - answered.length} refused`;
    console.log(`shutdown under load: ${summary}`);
    expect(answered.length).toBeGreaterThan(1);
    expect(answered.filter((s) => s >= 500)).toEqual([]);
    expect(answered.every((s) => s === 200 || s === 201)).toBe(true);
    // Each organisation the server said it created is there.
    const created = statuses.filter((s, i) => i % 2 === 0 && s === 201).length;
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM organisation WHERE name LIKE 'Kommun %'`,
    );
    expect(n).toBe(created);
    expect(output).toContain('SIGTERM received');
  });
});
