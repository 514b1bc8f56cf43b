import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { configureApp } from './app.setup';
import { ConfigError, loadConfig } from './config/app-config';
import { runMigrations } from './database/migrate';
import { resolveDatabase } from './database/resolve-database';
import { leaveSignalsToCaller } from './database/embedded-postgres';
import { GracefulShutdown } from './lifecycle/graceful-shutdown';

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
  const lifecycle = new GracefulShutdown(app.getHttpServer());

  let closing = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (closing) return;
    closing = true;
    console.log(
      `${signal} received: no new connections; finishing ${lifecycle.activeRequests} request(s) in flight`,
    );
    try {
      const { cutOff, tookMs } = await lifecycle.shutdown(config.SHUTDOWN_GRACE_MS);
      console.log(
        cutOff > 0
          ? `${cutOff} request(s) still running after ${config.SHUTDOWN_GRACE_MS} ms were cut off`
          : `All requests answered (${tookMs} ms); closing the application and the database`,
      );
      await app.close();
      await database.stop();
      process.exit(0);
    } catch (error) {
      console.error('Shutdown failed:', error);
      await database.stop().catch(() => undefined);
      process.exit(1);
    }
  };
  // embedded-postgres (through async-exit-hook) stops PostgreSQL at once on these signals,
  // under the requests still running; we stop it ourselves once they are answered.
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGHUP', () => void shutdown('SIGHUP'));

  await app.listen(config.PORT, config.HOST);
  console.log(
    `Decision register listening on ${config.HOST}:${config.PORT}, public at ${config.PUBLIC_BASE_URL} ` +
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
