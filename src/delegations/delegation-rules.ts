import { EntityManager } from 'typeorm';
import { NotFoundError, RuleViolationError } from '../common/errors';

/** Kinds of matter a delegation may name besides its free-text list. */
export const DELEGATION_MATTER_KINDS = [
  'motion',
  'initiative',
  'citizen_proposal',
  'grant',
] as const;
export type DelegationMatterKind = (typeof DELEGATION_MATTER_KINDS)[number];

export interface DelegationRow {
  id: string;
  organisation_id: string;
  from_body_id: string;
  to_body_id: string | null;
  to_role: string | null;
  to_holder_name: string | null;
  matters: string[];
  matter_kinds: string[];
  valid_from: string | null;
  valid_to: string | null;
  appealable: boolean;
  decided_in_paragraph_id: string | null;
  decided_in_reference: string | null;
}

/** A delegation is in force on a day within its dates (an unprinted start date is open). */
export const inForce = (d: DelegationRow, on: string): boolean =>
  (d.valid_from === null || d.valid_from <= on) && (d.valid_to === null || on <= d.valid_to);

/**
 * The delegation a paragraph of `bodyId` on `meetingDate` is decided under: it must be a
 * delegation to that body and in force on the meeting date.
 */
export async function assertDelegationCovers(
  m: EntityManager,
  delegationId: string,
  bodyId: string,
  meetingDate: string | null,
): Promise<DelegationRow> {
  const [d]: DelegationRow[] = await m.query(`SELECT * FROM delegation WHERE id = $1 FOR SHARE`, [
    delegationId,
  ]);
  if (!d) throw new NotFoundError('delegation', delegationId);
  if (d.to_body_id !== bodyId) {
    throw new RuleViolationError('The delegation is not to the body of this paragraph', {
      field: 'delegationId',
    });
  }
  if (meetingDate === null) {
    throw new RuleViolationError(
      'The meeting date is not known: the delegation in force on it cannot be checked',
      { field: 'delegationId' },
    );
  }
  if (!inForce(d, meetingDate)) {
    throw new RuleViolationError(
      `The delegation is not in force on the meeting date ${meetingDate} (valid ${d.valid_from ?? 'date not known'} – ${d.valid_to ?? ''})`,
      { field: 'delegationId' },
    );
  }
  return d;
}

/**
 * Whether `delegateBodyId` holds a delegation from `fromBodyId` in force on `on` for matters
 * of `kind` (e.g. a council delegating citizen proposals to its board).
 */
export async function holdsDelegationFor(
  m: EntityManager,
  fromBodyId: string,
  delegateBodyId: string,
  kind: string,
  on: string,
): Promise<boolean> {
  const rows: unknown[] = await m.query(
    `SELECT 1 FROM delegation
      WHERE from_body_id = $1 AND to_body_id = $2 AND $3 = ANY (matter_kinds)
        AND (valid_from IS NULL OR valid_from <= $4::date)
        AND (valid_to IS NULL OR $4::date <= valid_to)
      LIMIT 1`,
    [fromBodyId, delegateBodyId, kind, on],
  );
  return rows.length > 0;
}
