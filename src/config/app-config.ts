import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  validateSync,
} from 'class-validator';

const toBoolean = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') return value;
  if (['true', '1', 'yes'].includes(value.toLowerCase())) return true;
  if (['false', '0', 'no'].includes(value.toLowerCase())) return false;
  return value;
};

/** Every setting the service reads from the environment, validated once at start-up. */
export class AppConfig {
  /** postgres://user:pass@host:port/db. When unset, an embedded PostgreSQL is started. */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;

  /**
   * The role that owns the schema and runs the migrations; DATABASE_URL is then the application
   * role with only the grants it needs. Default: DATABASE_URL.
   */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'MIGRATION_DATABASE_URL must be a postgres:// URL' })
  MIGRATION_DATABASE_URL?: string;

  @Transform(({ value }) => (value === undefined ? 3000 : Number(value)))
  @IsInt({ message: 'PORT must be an integer' })
  @Min(1)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  /** Run pending migrations when the server starts. */
  @Transform(toBoolean)
  @IsBoolean({ message: 'RUN_MIGRATIONS must be true or false' })
  RUN_MIGRATIONS = true;

  /** Data folder of the embedded PostgreSQL; survives restarts. */
  @IsString()
  EMBEDDED_PG_DIR = '.data/postgres';

  @Transform(({ value }) => (value === undefined ? 54329 : Number(value)))
  @IsInt({ message: 'EMBEDDED_PG_PORT must be an integer' })
  @Min(1024)
  @Max(65535)
  EMBEDDED_PG_PORT = 54329;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** Where adjusted minutes are kept, as printed on the notice board (anslag). */
  @IsString()
  MINUTES_KEPT_AT = 'Registraturen';

  /**
   * Folder of the Ed25519 keys that sign certified extracts and citation certificates (mode
   * 0700, key files 0600); kept outside the database. A first key is made when there is none.
   */
  @IsString()
  SIGNING_KEYS_DIR = '.data/keys';

  /** An Ed25519 private key (PEM) that signs instead of the folder's newest key. */
  @IsOptional()
  @IsString()
  @Matches(/-----BEGIN PRIVATE KEY-----/, {
    message: 'SIGNING_PRIVATE_KEY must be a PEM private key (-----BEGIN PRIVATE KEY-----)',
  })
  SIGNING_PRIVATE_KEY?: string;

  /**
   * The address clients reach the service at (scheme, host, optional port and path prefix),
   * used for every absolute URL (feeds, links). Never taken from the Host header.
   * Defaults to http://localhost:PORT.
   */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/, {
    message: 'PUBLIC_BASE_URL must be an http(s) URL without query or fragment',
  })
  PUBLIC_BASE_URL?: string;

  /** Largest accepted request body; larger bodies get 413. */
  @Transform(({ value }) => (value === undefined ? 1048576 : Number(value)))
  @IsInt({ message: 'BODY_LIMIT_BYTES must be an integer' })
  @Min(1024)
  @Max(104857600)
  BODY_LIMIT_BYTES = 1048576;

  /** The window both rate limits count in. */
  @Transform(({ value }) => (value === undefined ? 60 : Number(value)))
  @IsInt({ message: 'RATE_LIMIT_WINDOW_SECONDS must be an integer' })
  @Min(1)
  @Max(86400)
  RATE_LIMIT_WINDOW_SECONDS = 60;

  /** Failed authentications per client IP and window; more get 429 until the window ends. */
  @Transform(({ value }) => (value === undefined ? 20 : Number(value)))
  @IsInt({ message: 'RATE_LIMIT_AUTH_FAILURES must be an integer' })
  @Min(1)
  @Max(1000000000)
  RATE_LIMIT_AUTH_FAILURES = 20;

  /** Writes (non-GET requests) per token and window; more get 429. */
  @Transform(({ value }) => (value === undefined ? 120 : Number(value)))
  @IsInt({ message: 'RATE_LIMIT_WRITES must be an integer' })
  @Min(1)
  @Max(1000000000)
  RATE_LIMIT_WRITES = 120;

  /** Days a new or rotated bearer token is valid. */
  @Transform(({ value }) => (value === undefined ? 90 : Number(value)))
  @IsInt({ message: 'TOKEN_LIFETIME_DAYS must be an integer' })
  @Min(1)
  @Max(3650)
  TOKEN_LIFETIME_DAYS = 90;

  /** On SIGTERM, how long in-flight requests may take before connections are cut. */
  @Transform(({ value }) => (value === undefined ? 30000 : Number(value)))
  @IsInt({ message: 'SHUTDOWN_GRACE_MS must be an integer' })
  @Min(0)
  @Max(600000)
  SHUTDOWN_GRACE_MS = 30000;
}

export class ConfigError extends Error {}

const SECRETS = new Set(['SIGNING_PRIVATE_KEY']);

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const defined = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  );
  const config = plainToInstance(AppConfig, defined, { exposeDefaultValues: true });
  const errors = validateSync(config, { skipMissingProperties: false });
  if (errors.length > 0) {
    // Name the raw value as written in the environment, not its transformed form.
    // Secrets are never echoed.
    const lines = errors.map(
      (e) =>
        `  ${e.property}=${SECRETS.has(e.property) ? '(hidden)' : JSON.stringify(env[e.property])}: ${Object.values(e.constraints ?? {}).join('; ')}`,
    );
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  config.PUBLIC_BASE_URL = (config.PUBLIC_BASE_URL ?? `http://localhost:${config.PORT}`).replace(
    /\/+$/,
    '',
  );
  return config;
}
