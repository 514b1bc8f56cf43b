import 'reflect-metadata';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres';
import { runMigrations } from '../src/database/migrate';
import { TEMPLATE_DATABASE, withDatabase } from './database-url';

/**
 * Once per run: a real PostgreSQL (DATABASE_URL when set, else a throw-away embedded one),
 * and a template database with every migration applied. Each test file clones the template.
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
    });
    (globalThis as { __embeddedPostgres__?: unknown }).__embeddedPostgres__ = embedded;
    serverUrl = embedded.url;
  }
  process.env.TEST_SERVER_URL = serverUrl;
  const admin = new Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE} ENCODING 'UTF8' TEMPLATE template0`);
  } finally {
    await admin.end();
  }
  await runMigrations(withDatabase(serverUrl, TEMPLATE_DATABASE));
}
