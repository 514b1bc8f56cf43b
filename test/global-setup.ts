import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, escapeLiteral } from 'pg';
import { GROUP_ROLE, startEmbeddedPostgres } from '../src/database/embedded-postgres';
import { runMigrations } from '../src/database/migrate';
import {
  ownerUrl,
  TEMPLATE_DATABASE,
  TEST_APP_ROLE,
  TEST_OWNER_ROLE,
  withDatabase,
} from './database-url';

/**
 * Once per run: a real PostgreSQL (DATABASE_URL when set, a superuser; else a throw-away
 * embedded one), the roles of a least-privilege set-up (owner dr_test_owner, application role
 * dr_test_app in the group decision_register_app), and a template database owned by the owner
 * with every migration applied by it. Each test file clones the template.
 */
export default async function globalSetup(): Promise<void> {
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const dir = mkdtempSync(join(tmpdir(), 'decision-register-test-'));
    chmodSync(dir, 0o755); // the server runs as the unprivileged postgres user when we are root
    const port = 55000 + Math.floor(Math.random() * 4000);
    const embedded = await startEmbeddedPostgres({
      dir: join(dir, 'pg'),
      port,
      database: 'postgres',
      createRoles: false,
    });
    (globalThis as { __embeddedPostgres__?: unknown }).__embeddedPostgres__ = embedded;
    serverUrl = embedded.superuserUrl;
  }
  process.env.TEST_SERVER_URL = serverUrl;
  process.env.TEST_OWNER_PASSWORD = randomBytes(18).toString('base64url');
  process.env.TEST_APP_PASSWORD = randomBytes(18).toString('base64url');
  const admin = new Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await admin.connect();
  try {
    const logins: [string, string][] = [
      [TEST_OWNER_ROLE, process.env.TEST_OWNER_PASSWORD],
      [TEST_APP_ROLE, process.env.TEST_APP_PASSWORD],
    ];
    for (const [role, password] of logins) {
      const found = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
      await admin.query(
        `${found.rowCount ? 'ALTER' : 'CREATE'} ROLE ${role} LOGIN NOSUPERUSER NOCREATEDB ` +
          `NOCREATEROLE NOBYPASSRLS PASSWORD ${escapeLiteral(password)}`,
      );
    }
    const group = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [GROUP_ROLE]);
    if (!group.rowCount) await admin.query(`CREATE ROLE ${GROUP_ROLE} NOLOGIN`);
    await admin.query(`GRANT ${GROUP_ROLE} TO ${TEST_APP_ROLE}`);
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`);
    await admin.query(
      `CREATE DATABASE ${TEMPLATE_DATABASE} OWNER ${TEST_OWNER_ROLE} ENCODING 'UTF8' TEMPLATE template0`,
    );
  } finally {
    await admin.end();
  }
  await runMigrations(ownerUrl(TEMPLATE_DATABASE));
}
