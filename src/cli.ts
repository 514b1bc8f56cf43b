import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './config/app-config';
import { createDataSource } from './database/data-source';
import { runMigrations } from './database/migrate';
import { resolveDatabase } from './database/resolve-database';
import { normaliseOrganisationNumber } from './organisations/organisation-number';
import { UsersService } from './users/users.service';
import { ROLES, Role } from './common/auth/actor';

const USAGE = `Usage:
  npm run cli -- user:create --name "Ada Admin" --role admin
  npm run cli -- user:create --name "Rita Registrator" --role registrar --organisation <organisation id or organisationsnummer>
  npm run cli -- user:create --name "Robert Hamberg" --role politician --person <person id>
  npm run cli -- organisation:create --name "Region Jämtland Härjedalen" --kind region --number 232100-0214

user:create prints the bearer token once; only its hash is stored.`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      name: { type: 'string' },
      role: { type: 'string' },
      organisation: { type: 'string' },
      person: { type: 'string' },
      kind: { type: 'string' },
      number: { type: 'string' },
    },
  });
  if (command !== 'user:create' && command !== 'organisation:create') {
    console.error(USAGE);
    return 2;
  }
  const config = loadConfig();
  const database = await resolveDatabase(config);
  if (config.RUN_MIGRATIONS) await runMigrations(database.ownerUrl);
  const dataSource = createDataSource(database.url);
  await dataSource.initialize();
  try {
    if (command === 'organisation:create') {
      const number = normaliseOrganisationNumber(values.number ?? '');
      if (!values.name || !number || !['region', 'municipality'].includes(values.kind ?? '')) {
        console.error(
          'organisation:create needs --name, --kind region|municipality and a valid --number',
        );
        return 2;
      }
      const rows: { id: string }[] = await dataSource.query(
        'INSERT INTO organisation (name, kind, organisation_number) VALUES ($1, $2, $3) RETURNING id',
        [values.name, values.kind, number],
      );
      console.log(`Organisation created: ${rows[0].id}`);
      return 0;
    }
    if (!values.name || !ROLES.includes(values.role as Role)) {
      console.error(`user:create needs --name and --role (${ROLES.join('|')})\n\n${USAGE}`);
      return 2;
    }
    let organisationId = values.organisation ?? null;
    if (organisationId && normaliseOrganisationNumber(organisationId)) {
      const rows: { id: string }[] = await dataSource.query(
        'SELECT id FROM organisation WHERE organisation_number = $1',
        [normaliseOrganisationNumber(organisationId)],
      );
      if (rows.length === 0)
        throw new Error(`No organisation with organisationsnummer ${organisationId}`);
      organisationId = rows[0].id;
    }
    const { user, token } = await new UsersService(dataSource).createUser({
      name: values.name,
      role: values.role as Role,
      organisationId,
      personId: values.person ?? null,
    });
    console.log(`User ${user.id} (${user.role}) created. Bearer token, shown only now:\n${token}`);
    return 0;
  } finally {
    await dataSource.destroy();
    await database.stop();
  }
}

main(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    console.error(error instanceof ConfigError || error instanceof Error ? error.message : error);
    process.exit(1);
  });
