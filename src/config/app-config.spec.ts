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

  it('takes the public base URL from PUBLIC_BASE_URL, else localhost and PORT', () => {
    expect(loadConfig({ PORT: '8080' }).PUBLIC_BASE_URL).toBe('http://localhost:8080');
    expect(loadConfig({ PUBLIC_BASE_URL: 'https://register.example.se/' }).PUBLIC_BASE_URL).toBe(
      'https://register.example.se',
    );
    expect(() => loadConfig({ PUBLIC_BASE_URL: 'register.example.se' })).toThrow(/PUBLIC_BASE_URL/);
    expect(() => loadConfig({ RATE_LIMIT_WRITES: '0' })).toThrow(/RATE_LIMIT_WRITES/);
  });
});
