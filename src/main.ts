import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { configureApp } from './app.setup';
import { ConfigError, loadConfig } from './config/app-config';
import { runMigrations } from './database/migrate';
import { resolveDatabase } from './database/resolve-database';
import { trackRequests } from './common/graceful-shutdown';
import { leaveSignalsToCaller } from './database/embedded-postgres';

/** How long a shutdown waits for requests in flight before closing their connections. */
const SHUTDOWN_DRAIN_MS = 20_000;

async function bootstrap(): Promise<void> {
  const startedAt = Date.now();
  const config = loadConfig();
  // The embedded PostgreSQL must outlive the requests in flight: shutdown() below stops it last.
  leaveSignalsToCaller();
  const database = await resolveDatabase(config);
  if (config.RUN_MIGRATIONS) {
    const applied = await runMigrations(database.ownerUrl);
    if (applied.length > 0) console.log(`Applied migrations: ${applied.join(', ')}`);
  }
  const app = await NestFactory.create(AppModule, { bufferLogs: true });
  configureApp(app);

  const requests = trackRequests(app.getHttpServer());
  let closing = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (closing) return;
    closing = true;
    console.log(`${signal} received: finishing requests in flight, then stopping the database`);
    let code = 0;
    try {
      // Stop accepting; let running requests finish while the database is still there.
      await requests.drain(SHUTDOWN_DRAIN_MS);
      await app.close();
    } catch (error) {
      console.error('Shutdown:', error);
      code = 1;
    }
    await database.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGHUP', () => void shutdown('SIGHUP'));

  await app.listen(config.PORT, config.HOST);
  console.log(
    `Decision register listening on http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${config.PORT} ` +
      `(docs at /api/docs) after ${Date.now() - startedAt} ms`,
  );
}

bootstrap().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error('Start-up failed:', error);
  }
  process.exit(1);
});
