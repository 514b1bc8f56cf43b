import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { Body } from '../bodies/body.entity';
import { Actor } from '../common/auth/actor';
import { addDays, daysBetween, todayInSweden } from '../common/dates';
import { NotFoundError } from '../common/errors';
import { formatSwedishDate } from '../common/format';
import { compileTemplate } from '../common/templates';
import { Organisation } from '../organisations/organisation.entity';
import { displayName, Person } from '../people/person.entity';
import { DueMotionsQuery, MotionReportQuery, MotionStatisticsQuery } from './dto/motion.dto';
import { MotionEvent } from './motion.entity';
import {
  isFinal,
  KIND_SV,
  MotionKind,
  MotionOutcome,
  MotionStatus,
  OUTCOME_SV,
  STATUS_SV,
} from './motion-rules';
import { MotionsService, MotionSummary } from './motions.service';
import {
  eventVisibleTo,
  motionFromRow,
  motionsSeenBy,
  Param,
  paramList,
} from './motion-visibility';

interface ReportRow {
  kind: string;
  title: string;
  caseNumber: string | null;
  signatories: string;
  bodyShortName: string;
  raisedOn: string;
  decisionDue: string;
  status: string;
  referredTo: string | null;
  answerDue: string | null;
  daysOpen: number;
  daysOverdue: number;
}

interface ReportContext {
  organisationName: string;
  bodyName: string | null;
  cutoff: string;
  overdue: ReportRow[];
  pending: ReportRow[];
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
  year: number;
  raised: number;
  decided: number;
  medianDaysToDecision: number | null;
  /**
   * Raised that year and, by the day judged on, decided or past their due day (withdrawn ones
   * left out): the motions whose one-year outcome is known.
   */
  cohort: number;
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
    overdue: (MotionSummary & { daysOverdue: number })[];
    soonDue: (MotionSummary & { daysLeft: number })[];
  }> {
    const on = query.on ?? todayInSweden();
    const withinDays = query.withinDays ?? 60;
    const { params, param } = paramList();
    const source = motionsSeenBy(actor, param);
    const where = [
      `m.organisation_id = ${param(query.organisationId)}`,
      `m.status NOT IN ('decided', 'withdrawn')`,
      `m.raised_on <= ${param(on)}::date`,
      `m.decision_due <= ${param(addDays(on, withinDays))}::date`,
    ];
    if (query.bodyId) where.push(`m.body_id = ${param(query.bodyId)}`);
    if (query.kind) where.push(`m.kind = ${param(query.kind)}`);
    const rows = (
      (await this.dataSource.query(
        `SELECT m.* FROM ${source} m WHERE ${where.join(' AND ')} ORDER BY m.decision_due, m.id`,
        params,
      )) as Record<string, unknown>[]
    ).map(motionFromRow);
    const summaries = await this.motions.summarise(rows, on);
    return {
      on,
      withinDays,
      overdue: summaries
        .filter((s) => s.overdue)
        .map((s) => ({ ...s, daysOverdue: daysBetween(s.decisionDue, on) })),
      soonDue: summaries
        .filter((s) => !s.overdue)
        .map((s) => ({ ...s, daysLeft: daysBetween(on, s.decisionDue) })),
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
      `m.raised_on <= ${param(cutoff)}::date`,
      // Closed after the cutoff still counts as open on the cutoff day.
      `(m.closed_on IS NULL OR m.closed_on > ${param(cutoff)}::date)`,
    ];
    if (body) where.push(`m.body_id = ${param(body.id)}`);
    const motions = (
      (await this.dataSource.query(
        `SELECT m.* FROM ${source} m WHERE ${where.join(' AND ')} ORDER BY m.raised_on, m.id`,
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
    const rows: (ReportRow & { overdue: boolean })[] = [];
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
        signatories: motion.citizenName
          ? motion.citizenName
          : summary.signatories.map((s) => displayName(s)).join(', '),
        bodyShortName: summary.body.shortName,
        raisedOn: motion.raisedOn,
        decisionDue: motion.decisionDue,
        status: STATUS_SV[state.status],
        referredTo: state.referredTo,
        answerDue: state.answerDue,
        daysOpen: daysBetween(motion.raisedOn, cutoff),
        daysOverdue: Math.max(0, daysBetween(motion.decisionDue, cutoff)),
        overdue: cutoff > motion.decisionDue,
      });
    }
    const strip = ({ overdue: _o, ...row }: ReportRow & { overdue: boolean }): ReportRow => row;
    return renderReport({
      organisationName: organisation.name,
      bodyName: body?.name ?? null,
      cutoff,
      overdue: rows.filter((r) => r.overdue).map(strip),
      pending: rows.filter((r) => !r.overdue).map(strip),
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
    const raised: {
      bodyId: string;
      year: number;
      raised: number;
      cohort: number;
      decidedWithinYear: number;
    }[] = await this.dataSource.query(
      `SELECT body_id AS "bodyId", extract(year FROM raised_on)::int AS year,
              count(*)::int AS raised,
              count(*) FILTER (
                WHERE NOT (status = 'withdrawn' AND closed_on <= $4::date)
                  AND ((status = 'decided' AND decided_on <= $4::date) OR decision_due < $4::date)
              )::int AS cohort,
              count(*) FILTER (
                WHERE status = 'decided' AND decided_on <= decision_due AND decided_on <= $4::date
              )::int AS "decidedWithinYear"
         FROM ${source} m
        WHERE organisation_id = $1 AND ($2::uuid IS NULL OR body_id = $2)
          AND ($3::int IS NULL OR extract(year FROM raised_on) = $3) AND raised_on <= $4::date
        GROUP BY 1, 2`,
      params,
    );
    const decided: { bodyId: string; year: number; decided: number; median: number }[] =
      await this.dataSource.query(
        `SELECT body_id AS "bodyId", extract(year FROM decided_on)::int AS year,
                count(*)::int AS decided,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY decided_on - raised_on) AS median
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
    const row = (bodyId: string, year: number): MotionStatisticsRow => {
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
      target.shareDecidedWithinYear =
        r.cohort > 0 ? Math.round((r.decidedWithinYear / r.cohort) * 1000) / 1000 : null;
    }
    for (const d of decided) {
      const target = row(d.bodyId, d.year);
      target.decided = d.decided;
      target.medianDaysToDecision = Number(d.median);
    }
    return [...rows.values()].sort(
      (a, b) => a.bodyName.localeCompare(b.bodyName, 'sv') || a.year - b.year,
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
  occurredOn: string;
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
  return e.kind === 'decided' && e.outcome ? OUTCOME_SV[e.outcome] : STATUS_SV[e.kind];
}

function eventSummary(e: FeedRow): string {
  const parts = [`${formatSwedishDate(e.occurredOn)}: ${eventTitle(e)}`];
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
  const until = events.filter((e) => e.occurredOn <= on);
  const last = until[until.length - 1];
  if (!last) return null;
  const referral = until.filter((e) => e.kind === 'referred').pop();
  return {
    status: last.toStatus,
    referredTo: referral?.referredTo ?? null,
    answerDue: referral?.answerDue ?? null,
  };
}
