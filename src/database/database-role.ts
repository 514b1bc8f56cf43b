import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface DatabaseRoleReport {
  /** The role the server is connected as. */
  name: string;
  /** False when the role can rewrite history (superuser, owner, BYPASSRLS, DDL, TRUNCATE). */
  leastPrivilege: boolean;
  warnings: string[];
}

interface RoleRow {
  name: string;
  superuser: boolean;
  bypassrls: boolean;
  createrole: boolean;
  owned: string[];
  owner_roles: string[];
  can_create: boolean;
  truncatable: string[];
  in_group: boolean;
}

/**
 * What the connected role may do beyond the application's needs. Each finding is a warning;
 * `leastPrivilege` is false when any of them lets the role change or erase the record.
 */
export async function inspectDatabaseRole(
  query: (sql: string) => Promise<unknown[]>,
): Promise<DatabaseRoleReport> {
  const [row] = (await query(`
    WITH reg AS (
      SELECT c.oid, c.relname, c.relowner FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
    )
    SELECT r.rolname AS name, r.rolsuper AS superuser, r.rolbypassrls AS bypassrls,
           r.rolcreaterole AS createrole,
           ARRAY(SELECT relname::text FROM reg WHERE relowner = r.oid ORDER BY 1) AS owned,
           ARRAY(SELECT DISTINCT pg_get_userbyid(relowner)::text FROM reg
                 WHERE relowner <> r.oid AND pg_has_role(r.oid, relowner, 'MEMBER')
                 ORDER BY 1) AS owner_roles,
           has_schema_privilege(r.oid, 'public', 'CREATE') AS can_create,
           ARRAY(SELECT relname::text FROM reg WHERE has_table_privilege(r.oid, oid, 'TRUNCATE')
                 ORDER BY 1) AS truncatable,
           EXISTS (SELECT 1 FROM pg_roles g WHERE g.rolname = 'decision_register_app'
                   AND pg_has_role(r.oid, g.oid, 'MEMBER')) AS in_group
    FROM pg_roles r WHERE r.rolname = current_user`)) as RoleRow[];
  const warnings: string[] = [];
  if (row.superuser) warnings.push('connected as a superuser');
  if (row.bypassrls) warnings.push('the role has BYPASSRLS');
  if (row.createrole) warnings.push('the role has CREATEROLE');
  if (row.owned.length > 0) warnings.push(`the role owns ${row.owned.length} register tables`);
  if (row.owner_roles.length > 0)
    warnings.push(`the role is a member of the owner role ${row.owner_roles.join(', ')}`);
  if (row.can_create) warnings.push('the role may create objects in schema public');
  if (row.truncatable.length > 0)
    warnings.push(`the role may TRUNCATE ${row.truncatable.length} register tables`);
  const leastPrivilege = warnings.length === 0;
  if (!row.in_group) warnings.push('the role is not a member of decision_register_app');
  return { name: row.name, leastPrivilege, warnings };
}

/** Checks at start-up which role the server runs as, and says so loudly when it is too mighty. */
@Injectable()
export class DatabaseRoleCheck implements OnApplicationBootstrap {
  private readonly logger = new Logger('DatabaseRole');
  private report?: DatabaseRoleReport;

  constructor(private readonly dataSource: DataSource) {}

  async onApplicationBootstrap(): Promise<void> {
    const report = await this.current();
    if (!report.leastPrivilege) {
      this.logger.warn(
        `!!! The server is connected to PostgreSQL as "${report.name}", which can rewrite or erase ` +
          `the register: ${report.warnings.join('; ')}. Connect as the application role ` +
          `(DATABASE_URL) and run migrations as the owner (MIGRATION_DATABASE_URL); see README.`,
      );
    } else if (report.warnings.length > 0) {
      this.logger.warn(`Database role "${report.name}": ${report.warnings.join('; ')}`);
    }
  }

  async current(): Promise<DatabaseRoleReport> {
    this.report ??= await inspectDatabaseRole((sql) => this.dataSource.query(sql));
    return this.report;
  }
}
