import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { Body } from '../bodies/body.entity';
import { Actor } from '../common/auth/actor';
import { addDays, daysBetween, todayInSweden } from '../common/dates';
import { NotFoundError } from '../common/errors';
import { formatSwedishDate } from '../common/format';
import { formatPartialDateSv } from '../common/partial-date';
import { compileTemplate } from '../common/templates';
import { Organisation } from '../organisations/organisation.entity';
import { displayName, Person } from '../people/person.entity';
import { DueMotionsQuery, MotionReportQuery, MotionStatisticsQuery } from './dto/motion.dto';
import { MotionEvent } from './motion.entity';
import {
  DATE_UNCERTAIN_SV,
  EVENT_SV,
  isFinal,
  KIND_SV,
  MotionKind,
  MotionOutcome,
  MotionStatus,
  OUTCOME_SV,
  STATUS_SV,
} from './motion-rules';
import { MotionsService, MotionSummary, raisedDateView, raisedRange } from './motions.service';
import {
  eventVisibleTo,
  motionFromRow,
  motionsSeenBy,
  Param,
  paramList,
  RAISED_EARLIEST_SQL,
} from './motion-visibility';

interface ReportRow {
  kind: string;
  title: string;
  caseNumber: string | null;
  signatories: string;
  bodyShortName: string;
  /** The raised date as far as known ("mars 2014", "datum okänt"). */
  raisedText: string;
  /** The due day, or the range of possible due days with "datum osäkert". */
  dueText: string;
  status: string;
  referredTo: string | null;
  answerDue: string | null;
  /** Null when the raised day is not known. */
  daysOpen: number | null;
  daysOverdue: number | null;
}

interface ReportContext {
  organisationName: string;
  bodyName: string | null;
  cutoff: string;
  overdue: ReportRow[];
  pending: ReportRow[];
  /** Open matters whose raised date is not known: the one-year rule cannot be applied. */
  unknownDate: ReportRow[];
  total: number;
}

interface FeedEntry {
  id: string;
  title: string;
  link: string;
  updated: string;
  summary: string;
}

interface FeedContext {
  id: string;
  title: string;
  selfLink: string;
  updated: string;
  author: string;
  entries: FeedEntry[];
}

export interface MotionStatisticsRow {
  bodyId: string;
  bodyName: string;
  /** Null: motions whose raised date is not known (counted in `raised` only). */
  year: number | null;
  raised: number;
  decided: number;
  medianDaysToDecision: number | null;
  /**
   * Raised that year and, by the day judged on, decided or past their due day (withdrawn ones
   * left out): the motions whose one-year outcome is known. A motion whose raised date is known
   * only in part counts only when its outcome is certain over the whole range of due days.
   */
  cohort: number;
  /** Of `raised`: raised date known only as a year or a year and month. */
  raisedDatePartial: number;
  /** Of those: left out of the cohort because the range of due days leaves the outcome open. */
  outcomeUncertain: number;
  decidedWithinYear: number;
  /** decidedWithinYear / cohort, rounded to 3 decimals; null without a cohort. */
  shareDecidedWithinYear: number | null;
}

const renderReport = compileTemplate<ReportContext>(__dirname, 'undecided-motions-report.hbs');
const renderFeed = compileTemplate<FeedContext>(__dirname, 'motion-feed.atom.hbs');

const FEED_SIZE = 100;
// Characters XML 1.0 forbids even when escaped; stripped so the feed always parses.
// eslint-disable-next-line no-control-regex
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const xmlText = (s: string): string => s.replace(XML_FORBIDDEN, '');
const EPOCH = '1970-01-01T00:00:00.000Z';

@Injectable()
export class MotionReportsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly motions: MotionsService,
  ) {}

  /** Open motions past their decision-due day, and those due within `withinDays`. */
  async dueMotions(
    actor: Actor,
    query: DueMotionsQuery,
  ): Promise<{
    on: string;
    withinDays: number;
    /** daysOverdue is null when the due day is a range (dateUncertain); daysOverdueAtMost is from the earliest. */
    overdue: (MotionSummary & { daysOverdue: number | null; daysOverdueAtMost: number })[];
    soonDue: (MotionSummary & { daysLeft: number })[];
    /** Open matters with no known raised date: the one-year rule cannot say anything. */
    unknownDate: MotionSummary[];
  }> {
    const on = query.on ?? todayInSweden();
    const withinDays = query.withinDays ?? 60;
    const { params, param } = paramList();
    const source = motionsSeenBy(actor, param);
    const where = [
      `m.organisation_id = ${param(query.organisationId)}`,
      `m.status NOT IN ('decided', 'withdrawn', 'closed')`,
      `(${RAISED_EARLIEST_SQL} <= ${param(on)}::date OR ${RAISED_EARLIEST_SQL} IS NULL)`,
      `(m.decision_due_earliest <= ${param(addDays(on, withinDays))}::date OR m.decision_due_earliest IS NULL)`,
    ];
    if (query.bodyId) where.push(`m.body_id = ${param(query.bodyId)}`);
    if (query.kind) where.push(`m.kind = ${param(query.kind)}`);
    const rows = (
      (await this.dataSource.query(
        `SELECT m.* FROM ${source} m WHERE ${where.join(' AND ')}
          ORDER BY m.decision_due_earliest NULLS LAST, m.id`,
        params,
      )) as Record<string, unknown>[]
    ).map(motionFromRow);
    const summaries = await this.motions.summarise(rows, on);
    const known = summaries.filter((s) => s.decisionDueRange !== null);
    return {
      on,
      withinDays,
      overdue: known
        .filter((s) => s.overdue)
        .map((s) => ({
          ...s,
          daysOverdue: s.decisionDue ? daysBetween(s.decisionDue, on) : null,
          daysOverdueAtMost: daysBetween(s.decisionDueRange!.earliest, on),
        })),
      soonDue: known
        .filter((s) => !s.overdue)
        .map((s) => ({ ...s, daysLeft: daysBetween(on, s.decisionDueRange!.earliest) })),
      unknownDate: summaries.filter((s) => s.decisionDueRange === null),
    };
  }

  /**
   * The report to the council of motions not yet decided (KL 5 kap. 35 §), as the register
   * stood at the end of `cutoff`: later events are ignored, so any past date can be reported.
   */
  async undecidedReport(actor: Actor, query: MotionReportQuery): Promise<string> {
    const cutoff = query.cutoff ?? todayInSweden();
    const organisation = await this.dataSource
      .getRepository(Organisation)
      .findOneBy({ id: query.organisationId });
    if (!organisation) throw new NotFoundError('organisation', query.organisationId);
    let body: Body | null = null;
    if (query.bodyId) {
      body = await this.dataSource.getRepository(Body).findOneBy({ id: query.bodyId });
      if (!body || body.organisationId !== organisation.id) {
        throw new NotFoundError('body', query.bodyId);
      }
    }
    const { params, param } = paramList();
    const source = motionsSeenBy(actor, param);
    const where = [
      `m.organisation_id = ${param(organisation.id)}`,
      `(${RAISED_EARLIEST_SQL} <= ${param(cutoff)}::date OR ${RAISED_EARLIEST_SQL} IS NULL)`,
      // Closed after the cutoff still counts as open on the cutoff day.
      `(m.closed_on IS NULL OR m.closed_on > ${param(cutoff)}::date)`,
    ];
    if (body) where.push(`m.body_id = ${param(body.id)}`);
    const motions = (
      (await this.dataSource.query(
        `SELECT m.* FROM ${source} m WHERE ${where.join(' AND ')}
          ORDER BY ${RAISED_EARLIEST_SQL} NULLS LAST, m.id`,
        params,
      )) as Record<string, unknown>[]
    ).map(motionFromRow);
    // Only the events the actor may see: the state on the cutoff day is the published one.
    const ev = paramList();
    const visibleIds = new Set(
      motions.length
        ? (
            (await this.dataSource.query(
              `SELECT e.id FROM motion_event e JOIN motion m ON m.id = e.motion_id
                WHERE e.motion_id = ANY(${ev.param(motions.map((x) => x.id))}::uuid[])
                  AND ${eventVisibleTo(actor, ev.param, 'm.organisation_id')}`,
              ev.params,
            )) as { id: string }[]
          ).map((x) => x.id)
        : [],
    );
    const events = motions.length
      ? (
          await this.dataSource.getRepository(MotionEvent).find({
            where: { motionId: In(motions.map((m) => m.id)) },
            order: { seq: 'ASC' },
          })
        ).filter((e) => visibleIds.has(e.id))
      : [];
    const summaries = new Map(
      (await this.motions.summarise(motions, cutoff)).map((s) => [s.id, s]),
    );
    // Grouped once (events come in seq order): filtering per motion would be quadratic.
    const eventsOf = new Map<string, MotionEvent[]>();
    for (const e of events) {
      const list = eventsOf.get(e.motionId) ?? [];
      list.push(e);
      eventsOf.set(e.motionId, list);
    }
    const rows: (ReportRow & { overdue: boolean; unknown: boolean })[] = [];
    for (const motion of motions) {
      // A motion whose raised event is not yet published is still raised.
      const state = stateOn(eventsOf.get(motion.id) ?? [], cutoff) ?? {
        status: 'raised' as const,
        referredTo: null,
        answerDue: null,
      };
      if (isFinal(state.status)) continue;
      const summary = summaries.get(motion.id)!;
      rows.push({
        kind: KIND_SV[motion.kind],
        title: motion.title,
        caseNumber: motion.caseNumber,
        signatories: summary.proposer ?? summary.signatories.map((s) => displayName(s)).join(', '),
        bodyShortName: summary.body.shortName,
        raisedText: raisedDateView(motion).text,
        dueText: dueText(motion.decisionDueEarliest, motion.decisionDueLatest),
        status: STATUS_SV[state.status],
        referredTo: state.referredTo,
        answerDue: state.answerDue,
        daysOpen: motion.raisedOn ? daysBetween(motion.raisedOn, cutoff) : null,
        daysOverdue: motion.decisionDue
          ? Math.max(0, daysBetween(motion.decisionDue, cutoff))
          : null,
        // Listed as overdue once even the earliest possible due day has passed.
        overdue: motion.decisionDueEarliest !== null && cutoff > motion.decisionDueEarliest,
        unknown: raisedRange(motion) === null,
      });
    }
    const strip = ({
      overdue: _o,
      unknown: _u,
      ...row
    }: ReportRow & { overdue: boolean; unknown: boolean }): ReportRow => row;
    return renderReport({
      organisationName: organisation.name,
      bodyName: body?.name ?? null,
      cutoff,
      overdue: rows.filter((r) => r.overdue).map(strip),
      pending: rows.filter((r) => !r.overdue && !r.unknown).map(strip),
      unknownDate: rows.filter((r) => r.unknown).map(strip),
      total: rows.length,
    });
  }

  /** Atom feed of the status changes of the motions a person signed. */
  async personFeed(actor: Actor, personId: string, baseUrl: string): Promise<string> {
    const person = await this.dataSource.getRepository(Person).findOneBy({ id: personId });
    if (!person) throw new NotFoundError('person', personId);
    const events = await this.feedEvents(
      actor,
      (param) =>
        `EXISTS (SELECT 1 FROM motion_signatory s WHERE s.motion_id = m.id AND s.person_id = ${param(personId)})`,
    );
    return this.renderFeed(events, baseUrl, {
      id: `urn:uuid:${personId}`,
      title: `Motioner – ${displayName(person)}`,
      selfLink: `${baseUrl}/api/people/${personId}/motions/feed`,
    });
  }

  /** Atom feed of the status changes of the motions raised in a body. */
  async bodyFeed(actor: Actor, bodyId: string, baseUrl: string): Promise<string> {
    const body = await this.dataSource.getRepository(Body).findOneBy({ id: bodyId });
    if (!body) throw new NotFoundError('body', bodyId);
    const events = await this.feedEvents(actor, (param) => `m.body_id = ${param(bodyId)}`);
    return this.renderFeed(events, baseUrl, {
      id: `urn:uuid:${bodyId}`,
      title: `Motioner – ${body.name}`,
      selfLink: `${baseUrl}/api/bodies/${bodyId}/motions/feed`,
    });
  }

  /**
   * Per body and year: motions raised and decided, median days from raised to decided (of those
   * decided that year), and the share decided within a year of the motions raised that year
   * whose year is over or that are closed (withdrawn ones do not count).
   */
  async statistics(actor: Actor, query: MotionStatisticsQuery): Promise<MotionStatisticsRow[]> {
    const on = query.on ?? todayInSweden();
    const { params, param } = paramList();
    for (const value of [query.organisationId, query.bodyId ?? null, query.year ?? null, on]) {
      param(value);
    }
    // The decided state as the actor may see it ($1–$4 above, the actor's organisation after).
    const source = motionsSeenBy(actor, param);
    // The year raised is known for full and partial dates; motions with no raised date are
    // counted apart (year null) and enter no date-based figure. A partial date enters the cohort
    // only when its one-year outcome is the same for every possible due day.
    const raisedYear = `coalesce(extract(year FROM m.raised_on)::int, substr(m.raised_partial, 1, 4)::int)`;
    const decidedBy = `(m.status = 'decided' AND m.decided_on <= $4::date)`;
    const certain = `(CASE WHEN ${decidedBy}
                        THEN m.decided_on <= m.decision_due_earliest OR m.decided_on > m.decision_due_latest
                        ELSE m.decision_due_latest < $4::date END)`;
    const inCohort = `NOT (m.status = 'withdrawn' AND m.closed_on <= $4::date)
                      AND (${decidedBy} OR m.decision_due_earliest < $4::date)`;
    const raised: {
      bodyId: string;
      year: number | null;
      raised: number;
      cohort: number;
      decidedWithinYear: number;
      raisedDatePartial: number;
      outcomeUncertain: number;
    }[] = await this.dataSource.query(
      `SELECT m.body_id AS "bodyId", ${raisedYear} AS year,
              count(*)::int AS raised,
              count(*) FILTER (WHERE ${inCohort} AND ${certain})::int AS cohort,
              count(*) FILTER (
                WHERE m.status = 'decided' AND m.decided_on <= m.decision_due_earliest AND m.decided_on <= $4::date
              )::int AS "decidedWithinYear",
              count(*) FILTER (WHERE m.raised_partial IS NOT NULL)::int AS "raisedDatePartial",
              count(*) FILTER (WHERE ${inCohort} AND NOT ${certain})::int AS "outcomeUncertain"
         FROM ${source} m
        WHERE m.organisation_id = $1 AND ($2::uuid IS NULL OR m.body_id = $2)
          AND ($3::int IS NULL OR ${raisedYear} = $3 OR ${raisedYear} IS NULL)
          AND (${RAISED_EARLIEST_SQL} <= $4::date OR ${RAISED_EARLIEST_SQL} IS NULL)
        GROUP BY 1, 2`,
      params,
    );
    const decided: {
      bodyId: string;
      year: number;
      decided: number;
      median: number | null;
      withDays: number;
    }[] = await this.dataSource.query(
      `SELECT body_id AS "bodyId", extract(year FROM decided_on)::int AS year,
                count(*)::int AS decided,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY decided_on - raised_on) AS median,
                count(raised_on)::int AS "withDays"
           FROM ${source} m
          WHERE organisation_id = $1 AND ($2::uuid IS NULL OR body_id = $2)
            AND ($3::int IS NULL OR extract(year FROM decided_on) = $3)
            AND status = 'decided' AND decided_on <= $4::date
          GROUP BY 1, 2`,
      params,
    );
    const bodyIds = [...new Set([...raised, ...decided].map((r) => r.bodyId))];
    const bodies = bodyIds.length
      ? await this.dataSource.getRepository(Body).findBy({ id: In(bodyIds) })
      : [];
    const bodyName = new Map(bodies.map((b) => [b.id, b.name]));
    const rows = new Map<string, MotionStatisticsRow>();
    const row = (bodyId: string, year: number | null): MotionStatisticsRow => {
      const key = `${bodyId}:${year}`;
      let r = rows.get(key);
      if (!r) {
        r = {
          bodyId,
          bodyName: bodyName.get(bodyId) ?? '',
          year,
          raised: 0,
          decided: 0,
          medianDaysToDecision: null,
          cohort: 0,
          decidedWithinYear: 0,
          shareDecidedWithinYear: null,
          raisedDatePartial: 0,
          outcomeUncertain: 0,
        };
        rows.set(key, r);
      }
      return r;
    };
    for (const r of raised) {
      const target = row(r.bodyId, r.year);
      target.raised = r.raised;
      target.cohort = r.cohort;
      target.decidedWithinYear = r.decidedWithinYear;
      target.raisedDatePartial = r.raisedDatePartial;
      target.outcomeUncertain = r.outcomeUncertain;
      target.shareDecidedWithinYear =
        r.cohort > 0 ? Math.round((r.decidedWithinYear / r.cohort) * 1000) / 1000 : null;
    }
    for (const d of decided) {
      const target = row(d.bodyId, d.year);
      target.decided = d.decided;
      // Days from raised to decided only where the raised day is known.
      target.medianDaysToDecision = d.median === null ? null : Number(d.median);
    }
    return [...rows.values()].sort(
      (a, b) =>
        a.bodyName.localeCompare(b.bodyName, 'sv') ||
        (a.year ?? Number.MAX_SAFE_INTEGER) - (b.year ?? Number.MAX_SAFE_INTEGER),
    );
  }

  /**
   * The latest events, newest first, that the actor may see. An event enters an outsider's feed
   * when its paragraph is published, so it is dated by the later of recording and adjustment.
   */
  private async feedEvents(actor: Actor, condition: (param: Param) => string): Promise<FeedRow[]> {
    const { params, param } = paramList();
    return this.dataSource.query(
      `SELECT e.id, e.kind, e.occurred_on AS "occurredOn", e.outcome, e.referred_to AS "referredTo",
              e.answer_due AS "answerDue",
              greatest(e.created_at, p.adjusted_at) AS "createdAt",
              m.id AS "motionId", m.title, m.kind AS "motionKind", m.case_number AS "caseNumber"
         FROM motion_event e JOIN motion m ON m.id = e.motion_id
         LEFT JOIN paragraph p ON p.id = e.paragraph_id
        WHERE ${condition(param)} AND ${eventVisibleTo(actor, param, 'm.organisation_id')}
        ORDER BY 7 DESC, e.id DESC
        LIMIT ${FEED_SIZE}`,
      params,
    );
  }

  private renderFeed(
    events: FeedRow[],
    baseUrl: string,
    feed: { id: string; title: string; selfLink: string },
  ): string {
    return renderFeed({
      ...feed,
      title: xmlText(feed.title),
      updated: events[0] ? new Date(events[0].createdAt).toISOString() : EPOCH,
      author: 'Beslutsregistret',
      entries: events.map((e) => ({
        id: `urn:uuid:${e.id}`,
        title: xmlText(`${KIND_SV[e.motionKind]}: ${e.title} – ${eventTitle(e)}`),
        link: `${baseUrl}/api/motions/${e.motionId}`,
        updated: new Date(e.createdAt).toISOString(),
        summary: xmlText(eventSummary(e)),
      })),
    });
  }
}

interface FeedRow {
  id: string;
  kind: MotionEvent['kind'];
  occurredOn: string | null;
  outcome: MotionOutcome | null;
  referredTo: string | null;
  answerDue: string | null;
  createdAt: Date;
  motionId: string;
  title: string;
  motionKind: MotionKind;
  caseNumber: string | null;
}

function eventTitle(e: FeedRow): string {
  return e.kind === 'decided' && e.outcome ? OUTCOME_SV[e.outcome] : EVENT_SV[e.kind];
}

function eventSummary(e: FeedRow): string {
  const parts = [`${formatPartialDateSv(e.occurredOn)}: ${eventTitle(e)}`];
  if (e.referredTo) parts.push(`remitterad till ${e.referredTo}`);
  if (e.answerDue) parts.push(`svar senast ${formatSwedishDate(e.answerDue)}`);
  if (e.caseNumber) parts.push(`dnr ${e.caseNumber}`);
  return parts.join(', ');
}

/** Status (and current referral) after the last event on or before `on`. */
function stateOn(
  events: MotionEvent[],
  on: string,
): { status: MotionStatus; referredTo: string | null; answerDue: string | null } | null {
  // A raising with no known day came before everything else.
  const until = events.filter((e) => e.occurredOn === null || e.occurredOn <= on);
  const last = until[until.length - 1];
  if (!last) return null;
  const referral = until.filter((e) => e.kind === 'referred').pop();
  return {
    status: last.toStatus,
    referredTo: referral?.referredTo ?? null,
    answerDue: referral?.answerDue ?? null,
  };
}

/** The due day, or the range of possible due days flagged "datum osäkert", or "datum okänt". */
function dueText(earliest: string | null, latest: string | null): string {
  if (earliest === null || latest === null) return formatPartialDateSv(null);
  if (earliest === latest) return formatSwedishDate(earliest);
  return `${formatSwedishDate(earliest)} – ${formatSwedishDate(latest)} (${DATE_UNCERTAIN_SV})`;
}
