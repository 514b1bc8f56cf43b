import { AppConfig } from '../config/app-config';
import { startEmbeddedPostgres } from './embedded-postgres';

export interface ResolvedDatabase {
  /** The application role's URL: the server and the CLI's business commands. */
  url: string;
  /** The owner role's URL: migrations (MIGRATION_DATABASE_URL, else DATABASE_URL). */
  ownerUrl: string;
  /** Stops the embedded PostgreSQL if this process started it; otherwise a no-op. */
  stop(): Promise<void>;
}

/**
 * DATABASE_URL (the application role) and MIGRATION_DATABASE_URL (the owner, default
 * DATABASE_URL) when set; otherwise the project's embedded PostgreSQL, started (or joined) here,
 * with its own owner and application roles.
 */
export async function resolveDatabase(
  config: AppConfig,
  log?: (message: string) => void,
): Promise<ResolvedDatabase> {
  if (config.DATABASE_URL) {
    return {
      url: config.DATABASE_URL,
      ownerUrl: config.MIGRATION_DATABASE_URL ?? config.DATABASE_URL,
      stop: async () => undefined,
    };
  }
  const embedded = await startEmbeddedPostgres({
    dir: config.EMBEDDED_PG_DIR,
    port: config.EMBEDDED_PG_PORT,
    log,
  });
  config.DATABASE_URL = embedded.url;
  config.MIGRATION_DATABASE_URL = embedded.ownerUrl;
  // Nest modules read the configuration from the environment; hand them the embedded URL.
  process.env.DATABASE_URL = embedded.url;
  process.env.MIGRATION_DATABASE_URL = embedded.ownerUrl;
  return { url: embedded.url, ownerUrl: embedded.ownerUrl, stop: embedded.stop };
}
