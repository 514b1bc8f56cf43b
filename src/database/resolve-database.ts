import { AppConfig } from '../config/app-config';
import { EmbeddedDatabase, startEmbeddedPostgres } from './embedded-postgres';

/** DATABASE_URL when set; otherwise the project's embedded PostgreSQL, started (or joined) here. */
export async function resolveDatabase(
  config: AppConfig,
  log?: (message: string) => void,
): Promise<EmbeddedDatabase> {
  if (config.DATABASE_URL) return { url: config.DATABASE_URL, stop: async () => undefined };
  const embedded = await startEmbeddedPostgres({
    dir: config.EMBEDDED_PG_DIR,
    port: config.EMBEDDED_PG_PORT,
    log,
  });
  config.DATABASE_URL = embedded.url;
  // Nest modules read the configuration from the environment; hand them the embedded URL.
  process.env.DATABASE_URL = embedded.url;
  return embedded;
}
