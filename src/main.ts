import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { configureApp } from './app.setup';
import { ConfigError, loadConfig } from './config/app-config';
import { runMigrations } from './database/migrate';
import { resolveDatabase } from './database/resolve-database';

async function bootstrap(): Promise<void> {
  const startedAt = Date.now();
  const config = loadConfig();
  const database = await resolveDatabase(config);
  if (config.RUN_MIGRATIONS) {
    const applied = await runMigrations(database.ownerUrl);
    if (applied.length > 0) console.log(`Applied migrations: ${applied.join(', ')}`);
  }
  const app = await NestFactory.create(AppModule, { bufferLogs: true });
  configureApp(app);

  let closing = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (closing) return;
    closing = true;
    console.log(`${signal} received: closing connections and stopping the database`);
    await app.close();
    await database.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

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
