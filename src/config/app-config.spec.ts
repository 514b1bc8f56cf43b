import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('applies defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      PORT: 3000,
      RUN_MIGRATIONS: true,
      EMBEDDED_PG_DIR: '.data/postgres',
    });
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it('parses values from the environment', () => {
    const config = loadConfig({
      PORT: '8080',
      RUN_MIGRATIONS: 'false',
      DATABASE_URL: 'postgres://u@h:5432/db',
    });
    expect(config).toMatchObject({
      PORT: 8080,
      RUN_MIGRATIONS: false,
      DATABASE_URL: 'postgres://u@h:5432/db',
    });
  });

  it('names each bad value', () => {
    expect(() =>
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' }),
    ).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x' });
    } catch (e) {
      expect((e as Error).message).toMatch(/PORT/);
      expect((e as Error).message).toMatch(/DATABASE_URL/);
    }
  });
});
