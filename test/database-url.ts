export const TEMPLATE_DATABASE = 'dr_test_template';
/** The login roles of the test run: the owner runs migrations, the application role the app. */
export const TEST_OWNER_ROLE = 'dr_test_owner';
export const TEST_APP_ROLE = 'dr_test_app';

export function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export function withLogin(serverUrl: string, user: string, password: string, database: string) {
  const url = new URL(withDatabase(serverUrl, database));
  url.username = user;
  url.password = password;
  return url.toString();
}

/** The owner's URL for a test database (passwords come from globalSetup through the environment). */
export function ownerUrl(database: string): string {
  return withLogin(
    process.env.TEST_SERVER_URL!,
    TEST_OWNER_ROLE,
    process.env.TEST_OWNER_PASSWORD!,
    database,
  );
}

/** The application role's URL for a test database. */
export function appUrl(database: string): string {
  return withLogin(
    process.env.TEST_SERVER_URL!,
    TEST_APP_ROLE,
    process.env.TEST_APP_PASSWORD!,
    database,
  );
}
