import 'reflect-metadata';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './config/app-config';
import { createDataSource } from './database/data-source';
import { runMigrations } from './database/migrate';
import { resolveDatabase } from './database/resolve-database';
import { normaliseOrganisationNumber } from './organisations/organisation-number';
import { ORGANISATION_KINDS } from './organisations/organisation.entity';
import { UsersService } from './users/users.service';
import { TransactionRunner } from './database/transaction-runner';
import { parseExpires } from './users/token-expiry';
import { ROLES, Role } from './common/auth/actor';
import { Keyring } from './signing/keyring';
import { recordCheckpoint, verifyChain } from './audit/audit-chain';

const USAGE = `Usage:
  npm run cli -- user:create --name "Ada Admin" --role admin
  npm run cli -- user:create --name "Rita Registrator" --role registrar --organisation <organisation id or organisationsnummer>
  npm run cli -- user:create --name "Robert Hamberg" --role politician --person <person id>
  npm run cli -- organisation:create --name "Region Jämtland Härjedalen" --kind region --number 232100-0214
  npm run cli -- organisation:create --name "Räddningstjänsten Östra Götaland" --kind municipal_association
                 (without --number when the organisationsnummer is not known)
  npm run cli -- user:list
  npm run cli -- user:revoke --user <user id>
  npm run cli -- token:rotate --user <user id> [--expires 30d|YYYY-MM-DD]
  npm run cli -- signing:keys
  npm run cli -- signing:rotate
  npm run cli -- audit:verify        (walks the hash chain of the audit trail; exit 1 when broken)
  npm run cli -- audit:checkpoint    (records today's checkpoint of the chain head, once a day)

user:create and token:rotate print the bearer token once; only its hash is stored.
Tokens expire after TOKEN_LIFETIME_DAYS (90) unless --expires gives a number of days (30d)
or a date. token:rotate replaces the token (the old one stops working at once); user:revoke
disables the user for good.
signing:rotate makes a new Ed25519 key in SIGNING_KEYS_DIR that signs from now on; the old private
key is retired (renamed <keyId>.retired.pem) and its public key keeps verifying old signatures.`;

const COMMANDS = [
  'user:create',
  'organisation:create',
  'user:list',
  'user:revoke',
  'token:rotate',
  'audit:verify',
  'audit:checkpoint',
] as const;

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
      user: { type: 'string' },
      expires: { type: 'string' },
    },
  });
  if (command === 'signing:keys' || command === 'signing:rotate') {
    // The keys live outside the database: no database is needed.
    const config = loadConfig();
    const keyring = new Keyring(resolve(config.SIGNING_KEYS_DIR), config.SIGNING_PRIVATE_KEY);
    keyring.load();
    if (command === 'signing:rotate') {
      const { active, retired } = keyring.rotate();
      console.log(
        `New signing key ${active.keyId} (Ed25519) signs from now on` +
          (retired.length > 0 ? `; retired: ${retired.join(', ')}` : ''),
      );
    }
    for (const key of keyring.list()) {
      console.log(
        `${key.keyId}  ${key.algorithm}  ${key.createdAt ?? '(no date)'}  ${key.active ? 'active' : 'verifies only'}`,
      );
    }
    return 0;
  }
  if (!COMMANDS.includes(command as (typeof COMMANDS)[number])) {
    console.error(USAGE);
    return 2;
  }
  const expiresAt = parseExpires(values.expires);
  if ((command === 'user:revoke' || command === 'token:rotate') && !values.user) {
    console.error(`${command} needs --user <user id>\n\n${USAGE}`);
    return 2;
  }
  const config = loadConfig();
  const database = await resolveDatabase(config);
  if (config.RUN_MIGRATIONS) await runMigrations(database.ownerUrl);
  const dataSource = createDataSource(database.url);
  await dataSource.initialize();
  const users = new UsersService(dataSource, config);
  const tx = new TransactionRunner(dataSource);
  try {
    if (command === 'user:list') {
      const list = await users.listUsers();
      for (const u of list) {
        console.log(
          [u.id, u.role, u.state, `expires ${u.expiresAt.toISOString()}`, u.name].join('\t'),
        );
      }
      if (list.length === 0) console.log('No users.');
      return 0;
    }
    if (command === 'user:revoke') {
      const user = await tx.run((manager) => users.revoke(manager, values.user!));
      console.log(`User ${user.id} (${user.name}) revoked at ${user.revokedAt?.toISOString()}.`);
      return 0;
    }
    if (command === 'token:rotate') {
      const { user, token } = await tx.run((manager) =>
        users.rotateToken(manager, values.user!, expiresAt),
      );
      console.log(
        `New token for ${user.id} (${user.name}), valid until ${user.expiresAt.toISOString()}; ` +
          `the old one no longer works. Bearer token, shown only now:\n${token}`,
      );
      return 0;
    }
    if (command === 'audit:verify') {
      const result = await verifyChain(dataSource);
      console.log(JSON.stringify(result, null, 2));
      return result.ok ? 0 : 1;
    }
    if (command === 'audit:checkpoint') {
      console.log(JSON.stringify(await recordCheckpoint(dataSource), null, 2));
      return 0;
    }
    if (command === 'organisation:create') {
      // No --number: the organisationsnummer is not known and stays unknown (never invented).
      const number =
        values.number === undefined ? null : normaliseOrganisationNumber(values.number);
      if (
        !values.name ||
        (values.number !== undefined && !number) ||
        !(ORGANISATION_KINDS as readonly string[]).includes(values.kind ?? '')
      ) {
        console.error(
          `organisation:create needs --name, --kind ${ORGANISATION_KINDS.join('|')} and, when known, a valid --number`,
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
    const { user, token } = await users.createUser({
      name: values.name,
      role: values.role as Role,
      organisationId,
      personId: values.person ?? null,
      expiresAt,
    });
    console.log(
      `User ${user.id} (${user.role}) created, valid until ${user.expiresAt.toISOString()}. ` +
        `Bearer token, shown only now:\n${token}`,
    );
    return 0;
  } finally {
    await dataSource.destroy();
    await database.stop();
  }
}

if (require.main === module) {
  main(process.argv.slice(2))
    .then((code) => process.exit(code))
    .catch((error: unknown) => {
      console.error(error instanceof ConfigError || error instanceof Error ? error.message : error);
      process.exit(1);
    });
}
