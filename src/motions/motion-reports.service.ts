import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { Body } from '../bodies/body.entity';
import { addDays, daysBetween, todayInSweden } from '../common/dates';
import { NotFoundError } from '../common/errors';
import { formatSwedishDate } from '../common/format';
import { compileTemplate } from '../common/templates';
import { Organisation } from '../organisations/organisation.entity';
import { displayName, Person } from '../people/person.entity';
import { DueMotionsQuery, MotionReportQuery, MotionStatisticsQuery } from './dto/motion.dto';
import { Motion, MotionEvent } from './motion.entity';
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
  async dueMotions(query: DueMotionsQuery): Promise<{
    on: string;
    withinDays: number;
    overdue: (MotionSummary & { daysOverdue: number })[];
    soonDue: (MotionSummary & { daysLeft: number })[];
  }> {
    const on = query.on ?? todayInSweden();
    const withinDays = query.withinDays ?? 60;
    const qb = this.dataSource
      .getRepository(Motion)
      .createQueryBuilder('m')
      .where('m.organisation_id = :org', { org: query.organisationId })
      .andWhere(`m.status NOT IN ('decided', 'withdrawn')`)
      .andWhere('m.raised_on <= :on', { on })
      .andWhere('m.decision_due <= :until', { until: addDays(on, withinDays) });
    if (query.bodyId) qb.andWhere('m.body_id = :bodyId', { bodyId: query.bodyId });
    if (query.kind) qb.andWhere('m.kind = :kind', { kind: query.kind });
    const rows = await qb.orderBy('m.decision_due', 'ASC').addOrderBy('m.id', 'ASC').getMany();
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
  async undecidedReport(query: MotionReportQuery): Promise<string> {
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
    const qb = this.dataSource
      .getRepository(Motion)
      .createQueryBuilder('m')
      .where('m.organisation_id = :org', { org: organisation.id })
      .andWhere('m.raised_on <= :cutoff', { cutoff })
      // Closed after the cutoff still counts as open on the cutoff day.
      .andWhere('(m.closed_on IS NULL OR m.closed_on > :cutoff)', { cutoff });
    if (body) qb.andWhere('m.body_id = :bodyId', { bodyId: body.id });
    const motions = await qb.orderBy('m.raised_on', 'ASC').addOrderBy('m.id', 'ASC').getMany();
    const events = motions.length
      ? await this.dataSource.getRepository(MotionEvent).find({
          where: { motionId: In(motions.map((m) => m.id)) },
          order: { seq: 'ASC' },
        })
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
      const state = stateOn(eventsOf.get(motion.id) ?? [], cutoff);
      if (!state || isFinal(state.status)) continue;
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
  async personFeed(personId: string, baseUrl: string): Promise<string> {
    const person = await this.dataSource.getRepository(Person).findOneBy({ id: personId });
    if (!person) throw new NotFoundError('person', personId);
    const events = await this.feedEvents(
      'EXISTS (SELECT 1 FROM motion_signatory s WHERE s.motion_id = m.id AND s.person_id = $1)',
      personId,
    );
    return this.renderFeed(events, baseUrl, {
      id: `urn:uuid:${personId}`,
      title: `Motioner – ${displayName(person)}`,
      selfLink: `${baseUrl}/api/people/${personId}/motions/feed`,
    });
  }

  /** Atom feed of the status changes of the motions raised in a body. */
  async bodyFeed(bodyId: string, baseUrl: string): Promise<string> {
    const body = await this.dataSource.getRepository(Body).findOneBy({ id: bodyId });
    if (!body) throw new NotFoundError('body', bodyId);
    const events = await this.feedEvents('m.body_id = $1', bodyId);
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
  async statistics(query: MotionStatisticsQuery): Promise<MotionStatisticsRow[]> {
    const on = query.on ?? todayInSweden();
    const params = [query.organisationId, query.bodyId ?? null, query.year ?? null, on];
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
         FROM motion
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
           FROM motion
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

  private async feedEvents(condition: string, id: string): Promise<FeedRow[]> {
    return this.dataSource.query(
      `SELECT e.id, e.kind, e.occurred_on AS "occurredOn", e.outcome, e.referred_to AS "referredTo",
              e.answer_due AS "answerDue", e.created_at AS "createdAt",
              m.id AS "motionId", m.title, m.kind AS "motionKind", m.case_number AS "caseNumber"
         FROM motion_event e JOIN motion m ON m.id = e.motion_id
        WHERE ${condition}
        ORDER BY e.created_at DESC, e.id DESC
        LIMIT ${FEED_SIZE}`,
      [id],
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
