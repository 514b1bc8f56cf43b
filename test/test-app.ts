import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import { configureApp } from '../src/app.setup';
import { Role } from '../src/common/auth/actor';
import { UsersService } from '../src/users/users.service';
import { appUrl, ownerUrl, TEMPLATE_DATABASE, TEST_OWNER_ROLE, withDatabase } from './database-url';

export interface TestApp {
  app: INestApplication;
  http: ReturnType<typeof request>;
  dataSource: DataSource;
  /** The URL the application connects with: the application role (dr_test_app). */
  databaseUrl: string;
  /** The URL of the role that owns the schema (runs migrations); for tests that tamper as the owner. */
  ownerDatabaseUrl: string;
  /** A bearer token for a new user with that role. */
  tokenFor(role: Role, options?: { organisationId?: string; personId?: string }): Promise<string>;
  close(): Promise<void>;
}

async function adminQuery(sql: string): Promise<void> {
  const client = new Client({
    connectionString: withDatabase(process.env.TEST_SERVER_URL!, 'postgres'),
  });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Settings every test app gets unless a test overrides them: no rate limit gets in the way. */
const TEST_ENV: Record<string, string> = {
  RATE_LIMIT_AUTH_FAILURES: '1000000',
  RATE_LIMIT_WRITES: '1000000',
};

export interface TestAppOptions {
  /** Configuration variables for this app only (e.g. small rate limits). */
  env?: Record<string, string>;
  /** Connect the application as the owner role instead (to test the start-up warning). */
  connectAs?: 'app' | 'owner';
}

/** The whole application, in-process, on a fresh database cloned from the migrated template. */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = `dr_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(
    `CREATE DATABASE ${database} TEMPLATE ${TEMPLATE_DATABASE} OWNER ${TEST_OWNER_ROLE}`,
  );
  const databaseUrl = appUrl(database);
  const ownerDatabaseUrl = ownerUrl(database);
  process.env.DATABASE_URL = options.connectAs === 'owner' ? ownerDatabaseUrl : databaseUrl;
  process.env.MIGRATION_DATABASE_URL = ownerDatabaseUrl;
  process.env.LOG_LEVEL = 'silent';
  // Each app signs with a key folder of its own (src/signing), never the developer's .data/keys.
  process.env.SIGNING_KEYS_DIR = join(mkdtempSync(join(tmpdir(), 'dr-test-signing-')), 'keys');
  const env = { ...TEST_ENV, ...options.env };
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  let moduleRef;
  try {
    moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
  const app = moduleRef.createNestApplication({ logger: false });
  configureApp(app);
  await app.init();
  const dataSource = app.get(DataSource);
  const users = app.get(UsersService);
  return {
    app,
    http: request(app.getHttpServer()),
    dataSource,
    databaseUrl,
    ownerDatabaseUrl,
    async tokenFor(role, options = {}) {
      const { token } = await users.createUser({ name: `Test ${role}`, role, ...options });
      return token;
    },
    async close() {
      await app.close();
      await adminQuery(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    },
  };
}
