import { Actor } from '../common/auth/actor';
import { Motion } from './motion.entity';

/** The columns of `motion` (and of the view `motion_public`), in order. */
const MOTION_COLUMNS = [
  'id',
  'organisation_id',
  'body_id',
  'kind',
  'title',
  'case_number',
  'raised_on',
  'raised_paragraph_id',
  'citizen_name',
  'decision_due',
  'status',
  'outcome',
  'referred_to',
  'answer_due',
  'decided_on',
  'decision_paragraph_id',
  'closed_on',
  'created_at',
  'updated_at',
  'raised_partial',
  'transcribed',
  'decision_due_earliest',
  'decision_due_latest',
  'citizen_name_unpublished',
  'signature_period_start',
  'signature_period_end',
  'signature_threshold',
  'signature_count',
  'handled_by_body_id',
  'printed_number',
  'proposer_party',
].join(', ');

/** Adds a bind parameter and returns its placeholder ($n). */
export type Param = (value: unknown) => string;

export function paramList(): { params: unknown[]; param: Param } {
  const params: unknown[] = [];
  return {
    params,
    param: (value) => {
      params.push(value);
      return `$${params.length}`;
    },
  };
}

/**
 * SQL: the earliest possible raised day of motion `m` (null when unknown): the sort key of lists.
 */
export const RAISED_EARLIEST_SQL = `coalesce(m.raised_on, motion_partial_earliest(m.raised_partial))`;
export const RAISED_LATEST_SQL = `coalesce(m.raised_on, motion_partial_latest(m.raised_partial))`;
/** Sort key: unknown dates sort as the oldest. */
export const RAISED_SORT_SQL = `coalesce(${RAISED_EARLIEST_SQL}, '0001-01-01'::date)`;

/**
 * A FROM item with the columns of `motion` as the actor may see them: admins see the real state;
 * users of an organisation see their own organisation's motions as they are and the others'
 * in their public state (`motion_public`: the state after the last published event); anonymous
 * users see the public state of every motion. Use it wherever motions are read, so a draft
 * decision never shows in a list, filter, feed, statistic or report.
 */
export function motionsSeenBy(actor: Actor, param: Param): string {
  if (actor.role === 'admin') return 'motion';
  if (actor.role !== 'anonymous' && actor.organisationId) {
    const org = param(actor.organisationId);
    return `(SELECT ${MOTION_COLUMNS} FROM motion WHERE organisation_id = ${org}::uuid
             UNION ALL
             SELECT ${MOTION_COLUMNS} FROM motion_public WHERE organisation_id <> ${org}::uuid)`;
  }
  return 'motion_public';
}

/**
 * SQL condition: the timeline event (alias `e`, of a motion of organisation `orgColumn`) is
 * visible to the actor: it has no paragraph, its paragraph is published, or the actor may see
 * the organisation's drafts.
 */
export function eventVisibleTo(actor: Actor, param: Param, orgColumn: string): string {
  if (actor.role === 'admin') return 'true';
  const published = 'paragraph_is_published(e.paragraph_id)';
  if (actor.role !== 'anonymous' && actor.organisationId) {
    return `(${published} OR ${orgColumn} = ${param(actor.organisationId)}::uuid)`;
  }
  return published;
}

/** A raw row of `motion` / `motion_public` as a Motion. */
export function motionFromRow(r: Record<string, unknown>): Motion {
  return {
    id: r.id as string,
    organisationId: r.organisation_id as string,
    bodyId: r.body_id as string,
    kind: r.kind as Motion['kind'],
    title: r.title as string,
    caseNumber: r.case_number as string | null,
    raisedOn: r.raised_on as string | null,
    raisedPartial: r.raised_partial as string | null,
    transcribed: r.transcribed as boolean,
    raisedParagraphId: r.raised_paragraph_id as string | null,
    citizenName: r.citizen_name as string | null,
    decisionDue: r.decision_due as string | null,
    decisionDueEarliest: r.decision_due_earliest as string | null,
    decisionDueLatest: r.decision_due_latest as string | null,
    citizenNameUnpublished: r.citizen_name_unpublished as boolean,
    signaturePeriodStart: r.signature_period_start as string | null,
    signaturePeriodEnd: r.signature_period_end as string | null,
    signatureThreshold: r.signature_threshold as number | null,
    signatureCount: r.signature_count as number | null,
    handledByBodyId: r.handled_by_body_id as string | null,
    printedNumber: r.printed_number as string | null,
    proposerParty: r.proposer_party as string | null,
    status: r.status as Motion['status'],
    outcome: r.outcome as Motion['outcome'],
    referredTo: r.referred_to as string | null,
    answerDue: r.answer_due as string | null,
    decidedOn: r.decided_on as string | null,
    decisionParagraphId: r.decision_paragraph_id as string | null,
    closedOn: r.closed_on as string | null,
    createdAt: r.created_at as Date,
    updatedAt: r.updated_at as Date,
  };
}
