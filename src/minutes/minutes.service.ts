import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '../common/auth/actor';
import { canSeeUnpublished } from '../common/auth/permissions';
import { NotFoundError } from '../common/errors';
import { todayInSweden } from '../common/dates';
import { keysetPage, Page } from '../common/pagination';
import { compileTemplate } from '../common/templates';
import { AppConfig } from '../config/app-config';
import { PeopleService } from '../people/people.service';
import { reportedDelegationDecisions, ReportedDelegationView } from '../delegations/reported';
import { displayName } from '../people/person.entity';
import { adjustmentDeadline, noticeRemovedOn } from './appeal-calendar';
import { AnnouncementRow, noticeView, NoticeView } from '../notices/announcements';
import { AttendanceRow, effectiveAttendance, meetingAttendanceRows } from './attendance';
import { ClauseChange, diffClauses } from './clause-diff';
import { ListParagraphsQuery, NoticeBoardQuery, VoteChoice } from './dto/minutes.dto';
import { Meeting, RecordedAs } from './meeting.entity';
import {
  lateness,
  meetingSnapshotDefaults,
  paragraphSnapshotDefaults,
  transcribedMeetingFacts,
  TranscribedMeetingFacts,
  transcribedParagraphFacts,
  transcribedPersonIds,
  VoteRecordedAs,
} from '../transcribed/transcribed-facts';
import { OutcomeKind, Paragraph } from './paragraph.entity';
import {
  MeetingFactsView,
  meetingFactsView,
  ParagraphFactsView,
  paragraphFactsView,
} from '../meeting-facts/meeting-facts.view';
import { printScope, ScopeOf } from '../meeting-facts/paragraph-scope';
import { officerReportLine, onwardBodiesOf, proposalHeadingOf } from './proposal-chain';
import { paragraphSortKey, relatedParagraphsOf, RelationKind } from '../numbering/relations';

export interface PersonRef {
  id: string;
  name: string;
  party: string | null;
  title: string | null;
  /** "Robert Hamberg (M)" */
  displayName: string;
}

export interface AttendanceEntryView {
  person: PersonRef;
  role: 'member' | 'substitute' | 'other';
  /** The seat holder a substitute served for. */
  servingFor: PersonRef | null;
  /** "ersättare för Vakant (M)": the party of the vacant seat served for. */
  servingForVacantParty: string | null;
  note: string | null;
  /** The paragraphs the entry applies to; null: the whole meeting. */
  paragraphs: ScopeOf | null;
  /** As registrars print it: "ej § 29, 32", "§§ 33–37", "fr o m § 63". */
  paragraphsPrinted: string | null;
}

export interface ProposalInParagraphView {
  id: string;
  sourceKind: 'officer' | 'body_paragraph';
  /** "Regiondirektörens förslag" / "Arbetsutskottet föreslår regionstyrelsen besluta att" */
  heading: string;
  title: string;
  officerName: string | null;
  officerTitle: string | null;
  sourceParagraphReference: string | null;
  caseNumber: string | null;
  /** Tjänsteskrivelse: the officer's report (date and handläggare as known), or null. */
  report: { date: string | null; caseOfficerName: string | null } | null;
  /** The report as printed: "Tjänsteskrivelse 2024-09-20, Anna Andersson, handläggare …". */
  reportLine: string | null;
  clauses: { position: number; text: string }[];
  basisDocuments: string[];
  /** Outcome of this handling; null until the decision is recorded. */
  outcome: string | null;
  /** Clause-by-clause comparison with the decision (once decided). */
  changes: ClauseChange[] | null;
}

export type LegalForceStatus =
  | 'not_adjusted'
  | 'not_appealable'
  | 'awaiting_announcement'
  /** On a transcribed notice that does not print its posting day: the period cannot be computed. */
  | 'posting_date_unknown'
  | 'appeal_period'
  | 'appealed'
  | 'final'
  /** Transcribed, adjusted on paper on a day not (fully) printed: no deadline can be computed. */
  | 'unknown';

/**
 * Everything the register knows about one paragraph, as shown in minutes and extracts.
 * Returned by MinutesService.getParagraphView — keep this shape stable (extracts and grants use it).
 */
export interface ParagraphView extends ParagraphFactsView {
  id: string;
  organisation: { id: string; name: string; organisationNumber: string | null };
  body: { id: string; name: string; shortName: string; kind: string };
  meeting: {
    id: string;
    /** Full date, or (transcribed) 'YYYY-MM' / 'YYYY' / null when not printed. */
    meetingDate: string | null;
    recordedAs: RecordedAs;
    startTime: string | null;
    endTime: string | null;
    place: string | null;
    status: string;
  };
  number: number;
  /** "RS 2024-11-12 § 123", or as the body prints it ("KSAU 130/2014") */
  reference: string;
  /** Printed at the paragraph's heading: "§ 123", "44 §", "Ks 1" */
  label: string;
  /** The number is the one printed on a transcribed protocol (gaps allowed). */
  numberPrinted: boolean;
  /** Ärende number on the agenda, e.g. "14" or "E10" ("ärende 14"). */
  agendaItem: string | null;
  title: string;
  /** The first of caseNumbers (kept for compatibility). */
  caseNumber: string | null;
  caseNumbers: string[];
  /** Diariekod / arkivkod, e.g. "3.3.7.2" or "51". */
  filingCode: string | null;
  /** References to other paragraphs, as printed in the minutes. */
  relatedParagraphs: RelatedParagraphView[];
  /** "Ärendet" */
  description: string | null;
  /** "Beslutsunderlag", in order */
  basisDocuments: string[];
  isPublic: boolean;
  /** Adjusted and public: visible to anyone. */
  published: boolean;
  outcomeKind: OutcomeKind;
  proposesToBody: { id: string; name: string; shortName: string } | null;
  /** Decided under delegation (delegationsbeslut): a final decision of this body. */
  delegation: {
    id: string;
    fromBody: { id: string; name: string };
    appealable: boolean;
    decidedInReference: string | null;
  } | null;
  /** Bodies the proposal goes on to after proposesToBody, in order (a proposal chain). */
  onwardBodies: { id: string; name: string; shortName: string }[];
  /** "Regionstyrelsen beslutar att" or "Arbetsutskottet föreslår regionstyrelsen besluta att" */
  decisionHeading: string;
  /**
   * A deciding paragraph that also proposes ("… samt föreslår kommunfullmäktige besluta att …"):
   * the heading and clauses of its proposal, printed apart from the decision.
   */
  alsoProposes: { heading: string; clauses: { position: number; text: string }[] } | null;
  proposals: ProposalInParagraphView[];
  /** The proposal this paragraph made to the deciding body (proposal paragraphs). */
  producedProposal: { id: string; toBodyId: string; status: string } | null;
  /** Floor motions; supporters joined them ("instämmer i yrkandet"). */
  motions: { position: number; proposer: PersonRef; text: string; supporters: PersonRef[] }[];
  questionOrder: string | null;
  attendance: {
    entries: AttendanceEntryView[];
    recused: { person: PersonRef; reason: string | null }[];
    seats: number;
    presentSeats: number;
    quorum: boolean;
  };
  votes: {
    position: number;
    question: string;
    yesMeans: string | null;
    noMeans: string | null;
    /** 'ballots' (named roll call), 'printed_totals' or 'result_only' (transcribed). */
    recordedAs: VoteRecordedAs;
    /** Transcribed: e.g. "omröstningslista bilaga 2" when the roll call was not printed. */
    rollCallNote: string | null;
    /** null: not printed (result only). */
    yes: number | null;
    no: number | null;
    abstain: number | null;
    result: 'yes' | 'no' | 'tie';
    decidedByCastingVote: boolean;
    ballots: { person: PersonRef; choice: VoteChoice }[];
  }[];
  decisionRecordedAt: string | null;
  /** The decision clauses ("att …"), in order. */
  clauses: { id: string; position: number; text: string }[];
  /** By a person, or (transcribed) by party groups such as "V" or "S, MP". */
  reservations: { person: PersonRef | null; partyGroups: string | null; reason: string | null }[];
  protocolNotes: { person: PersonRef | null; partyGroups: string | null; text: string }[];
  /** Särskilt yttrande, by a person or a party group. */
  specialStatements: { person: PersonRef | null; partyGroups: string | null; text: string }[];
  adjustment: {
    adjusted: boolean;
    /** ISO timestamp */
    adjustedAt: string | null;
    adjustedOn: string | null;
    immediate: boolean;
    /** Chair and adjusters, with when each signed. */
    adjusters: { person: PersonRef; role: 'chair' | 'adjuster'; signedAt: string | null }[];
    /** null when the meeting date is not fully known (transcribed). */
    deadline: string | null;
    late: boolean | null;
  };
  noticeBoard: NoticeView | null;
  appeal: {
    appealable: boolean;
    appealLastDay: string | null;
    registeredAt: string | null;
    note: string | null;
    legalForce: LegalForceStatus;
    /** Day it became (or becomes) final if no appeal is registered. */
    finalOn: string | null;
  };
  corrections: { id: string; reason: string; text: string; recordedAt: string }[];
}

export interface RelatedParagraphView {
  relation: RelationKind;
  /** The registered paragraph referred to, or null when only its printed reference is known. */
  paragraphId: string | null;
  reference: string;
  /** "Avser entlediganden från uppdrag enligt § 12" etc. */
  text: string;
}

export interface MeetingView extends MeetingFactsView {
  id: string;
  organisation: { id: string; name: string };
  body: { id: string; name: string; shortName: string; kind: string };
  /** Full date, or for a transcribed meeting 'YYYY-MM' / 'YYYY' / null (not printed). */
  meetingDate: string | null;
  startTime: string | null;
  endTime: string | null;
  place: string | null;
  chair: PersonRef | null;
  secretary: PersonRef | null;
  adjustmentPlace: string | null;
  adjustmentDate: string | null;
  minutesKeptAt: string;
  status: string;
  adjustedAt: string | null;
  adjustedOn: string | null;
  /** null when the meeting date is not fully known (transcribed). */
  adjustmentDeadline: string | null;
  /** null: cannot be told (meeting or adjustment date not fully known). */
  lateAdjustment: boolean | null;
  signatories: { person: PersonRef; role: 'chair' | 'adjuster'; signedAt: string | null }[];
  attendance: AttendanceEntryView[];
  /** 'live' or 'transcribed' from a printed protocol, with what the paper showed. */
  recordedAs: RecordedAs;
  transcribed: TranscribedMeetingFacts | null;
  announcement: ParagraphView['noticeBoard'];
  paragraphs: {
    id: string;
    number: number;
    reference: string;
    label: string;
    title: string;
    adjusted: boolean;
  }[];
  /** Anmälan av delegationsbeslut: delegation decisions reported to this meeting. */
  reportedDelegationDecisions: ReportedDelegationView[];
}

interface ParagraphRow {
  id: string;
  organisation_id: string;
  organisation_name: string;
  organisation_number: string | null;
  body_id: string;
  body_name: string;
  body_short_name: string;
  body_kind: string;
  meeting_id: string;
  meeting_date: string | null;
  meeting_date_partial: string | null;
  recorded_as: RecordedAs;
  adjusted_on_paper: boolean;
  adjusted_on_printed: string | null;
  start_time: string | null;
  end_time: string | null;
  place: string | null;
  meeting_status: string;
  number: number;
  reference: string;
  label: string;
  number_printed: boolean;
  agenda_item: string | null;
  title: string;
  case_number: string | null;
  case_numbers: string[];
  filing_code: string | null;
  description: string | null;
  question_order: string | null;
  is_public: boolean;
  outcome_kind: OutcomeKind;
  proposes_to_body_id: string | null;
  proposes_to_name: string | null;
  delegation_id: string | null;
  delegation_from_body_id: string | null;
  delegation_from_name: string | null;
  delegation_appealable: boolean | null;
  delegation_decided_in: string | null;
  proposes_to_short_name: string | null;
  proposal_clauses_separate: boolean;
  decision_recorded_at: Date | null;
  immediately_adjusted: boolean;
  adjusted_at: Date | null;
  announcement_id: string | null;
  appealable: boolean;
  appeal_last_day: string | null;
  appeal_registered_at: Date | null;
  appeal_note: string | null;
}

async function sequentially<T extends readonly unknown[]>(queries: {
  [K in keyof T]: () => Promise<T[K]>;
}): Promise<T> {
  const results: unknown[] = [];
  for (const q of queries) results.push(await q());
  return results as unknown as T;
}

function scopeView(
  r: AttendanceRow,
): Pick<AttendanceEntryView, 'paragraphs' | 'paragraphsPrinted'> {
  if (r.paragraphScope === 'all') return { paragraphs: null, paragraphsPrinted: null };
  const scope: ScopeOf = { scope: r.paragraphScope, numbers: [...r.scopeNumbers] };
  return { paragraphs: scope, paragraphsPrinted: printScope(scope) };
}

export const swedishDateOf = (at: Date): string => todayInSweden(at);

export interface RenderedMinutes {
  html: string;
}

interface MinutesTemplateContext {
  meeting: MeetingView;
  paragraphs: (ParagraphView & { hidden: boolean })[];
  certificate: ParagraphView['noticeBoard'];
}

/** Reads everything (drafts included) for internal use: hashing and freezing. */
const ADMIN_READER: Actor = Object.freeze({
  userId: null,
  role: 'admin',
  organisationId: null,
  personId: null,
});

const renderMinutes = compileTemplate<MinutesTemplateContext>(__dirname, 'minutes.hbs');

/**
 * Read side of the minutes: full paragraph views (used by extracts and grants), meeting views,
 * the rendered protocol and the notice board. Visibility: anonymous users see adjusted, public
 * paragraphs only.
 */
@Injectable()
export class MinutesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly people: PeopleService,
    private readonly config: AppConfig,
  ) {}

  /**
   * The full view of one paragraph (§): organisation, body, meeting, reference, title, case
   * number, "Ärendet", basis documents, proposals with outcome and clause diff, attendance,
   * votes, the decision clauses, reservations, protocol notes, adjusters and adjustment date,
   * the immediate-adjustment flag, notice-board data, appeal state and corrections.
   *
   * Does NOT check visibility: callers serving anonymous users must check `view.published` or
   * `canSeeUnpublished(actor, view.organisation.id)`. Throws NotFoundError for an unknown id.
   * Pass the manager when calling inside a transaction. Stable API for other features.
   */
  async getParagraphView(
    paragraphId: string,
    manager?: EntityManager,
    today: string = todayInSweden(),
  ): Promise<ParagraphView> {
    const m = manager ?? this.dataSource.manager;
    const live = await this.liveParagraphView(paragraphId, m, today);
    if (!live.adjustment.adjusted) return live;
    const stored = await this.snapshot<ParagraphView>(m, { paragraphId });
    if (!stored) return live;
    const frozen = paragraphSnapshotDefaults(stored);
    // What the adjusted record printed comes from its snapshot; only what happens to it later
    // (meeting adjusted, notice board, appeal, corrections, the produced proposal's fate) is live.
    return {
      ...live,
      ...frozen,
      // Snapshots frozen before officer reports existed print none.
      proposals: frozen.proposals.map((pr) => ({
        ...pr,
        caseNumber: pr.caseNumber ?? null,
        report: pr.report ?? null,
        reportLine: pr.reportLine ?? null,
      })),
      meeting: { ...frozen.meeting, status: live.meeting.status },
      isPublic: live.isPublic,
      published: live.published,
      producedProposal: live.producedProposal,
      noticeBoard: live.noticeBoard,
      appeal: live.appeal,
      corrections: live.corrections,
    };
  }

  /** The paragraph view computed from the current rows (names, seats, roles as of now). */
  private async liveParagraphView(
    paragraphId: string,
    m: EntityManager,
    today: string,
  ): Promise<ParagraphView> {
    const rows: ParagraphRow[] = await m.query(
      `SELECT p.*, o.name AS organisation_name, o.organisation_number,
              b.name AS body_name, b.short_name AS body_short_name, b.kind AS body_kind,
              mt.meeting_date, mt.start_time, mt.end_time, mt.place, mt.status AS meeting_status,
              tb.name AS proposes_to_name, tb.short_name AS proposes_to_short_name,
              mt.meeting_date_partial, mt.recorded_as, mt.adjusted_on_paper, mt.adjusted_on_printed,
              dl.from_body_id AS delegation_from_body_id, fb.name AS delegation_from_name,
              dl.appealable AS delegation_appealable,
              coalesce(dp.reference, dl.decided_in_reference) AS delegation_decided_in
         FROM paragraph p
         JOIN organisation o ON o.id = p.organisation_id
         JOIN body b ON b.id = p.body_id
         JOIN meeting mt ON mt.id = p.meeting_id
         LEFT JOIN body tb ON tb.id = p.proposes_to_body_id
         LEFT JOIN delegation dl ON dl.id = p.delegation_id
         LEFT JOIN body fb ON fb.id = dl.from_body_id
         LEFT JOIN paragraph dp ON dp.id = dl.decided_in_paragraph_id
        WHERE p.id = $1`,
      [paragraphId],
    );
    const p = rows[0];
    if (!p) throw new NotFoundError('paragraph', paragraphId);

    // One after another: inside a transaction they share one connection.
    const [clauses, basis, motions, reservations, notes, recusals, corrections] =
      await sequentially([
        () =>
          m.query(
            `SELECT id, position, text FROM paragraph_clause WHERE paragraph_id = $1 ORDER BY position`,
            [p.id],
          ) as Promise<{ id: string; position: number; text: string }[]>,
        () =>
          m.query(
            `SELECT title FROM paragraph_basis_document WHERE paragraph_id = $1 ORDER BY position`,
            [p.id],
          ) as Promise<{ title: string }[]>,
        () =>
          m.query(
            `SELECT position, proposer_person_id AS "personId", text FROM paragraph_motion
            WHERE paragraph_id = $1 ORDER BY position`,
            [p.id],
          ) as Promise<{ position: number; personId: string; text: string }[]>,
        () =>
          m.query(
            `SELECT person_id AS "personId", reason FROM paragraph_reservation
            WHERE paragraph_id = $1 AND person_id IS NOT NULL ORDER BY recorded_order`,
            [p.id],
          ) as Promise<{ personId: string; reason: string | null }[]>,
        () =>
          m.query(
            `SELECT position, person_id AS "personId", text FROM paragraph_protocol_note
            WHERE paragraph_id = $1 ORDER BY position`,
            [p.id],
          ) as Promise<{ position: number; personId: string | null; text: string }[]>,
        () =>
          m.query(
            `SELECT person_id AS "personId", reason FROM paragraph_recusal
            WHERE paragraph_id = $1 ORDER BY id`,
            [p.id],
          ) as Promise<{ personId: string; reason: string | null }[]>,
        () =>
          m.query(
            `SELECT id, reason, text, recorded_at AS "recordedAt" FROM paragraph_correction
            WHERE paragraph_id = $1 ORDER BY recorded_at, id`,
            [p.id],
          ) as Promise<{ id: string; reason: string; text: string; recordedAt: Date }[]>,
      ]);
    const votes: {
      id: string;
      position: number;
      question: string;
      yes_means: string | null;
      no_means: string | null;
      yes_count: number | null;
      no_count: number | null;
      abstain_count: number | null;
      result: 'yes' | 'no' | 'tie';
      decided_by_casting_vote: boolean;
    }[] = await m.query(`SELECT * FROM paragraph_vote WHERE paragraph_id = $1 ORDER BY position`, [
      p.id,
    ]);
    const ballots: { voteId: string; personId: string; choice: VoteChoice }[] = await m.query(
      `SELECT vote_id AS "voteId", person_id AS "personId", choice FROM paragraph_vote_ballot
        WHERE paragraph_id = $1 ORDER BY id`,
      [p.id],
    );
    const signatories = await this.signatories(m, p.meeting_id);
    const attendance = await effectiveAttendance(
      m,
      this.people,
      { id: p.id, meetingId: p.meeting_id, bodyId: p.body_id },
      p.meeting_date,
    );
    const proposals = await this.proposalsHandledIn(
      m,
      p.id,
      clauses.map((c) => c.text),
    );
    const produced: { id: string; to_body_id: string; status: string }[] = await m.query(
      `SELECT id, to_body_id, status FROM proposal WHERE source_paragraph_id = $1`,
      [p.id],
    );
    const onwardBodies = p.proposes_to_body_id ? await onwardBodiesOf(m, p.id) : [];
    const proposalHeading = p.proposes_to_body_id ? await proposalHeadingOf(m, p.id) : null;
    const alsoProposes =
      p.proposal_clauses_separate && proposalHeading
        ? {
            heading: proposalHeading,
            clauses: produced[0]
              ? ((await m.query(
                  `SELECT position, text FROM proposal_clause WHERE proposal_id = $1 ORDER BY position`,
                  [produced[0].id],
                )) as { position: number; text: string }[])
              : [],
          }
        : null;
    const announcement = p.announcement_id ? await this.announcement(m, p.announcement_id) : null;
    const related = await relatedParagraphsOf(m, p.id);

    const extra = await transcribedParagraphFacts(m, p.id);
    const personIds = [
      ...transcribedPersonIds(extra),
      ...motions.map((x) => x.personId),
      ...reservations.map((x) => x.personId),
      ...notes.map((x) => x.personId).filter((x): x is string => !!x),
      ...recusals.map((x) => x.personId),
      ...ballots.map((x) => x.personId),
      ...attendance.rows.flatMap((r) => [r.personId, r.servingForPersonId ?? r.personId]),
      ...signatories.map((s) => s.personId),
    ];
    const persons = await this.personRefs(m, personIds);
    const person = (id: string): PersonRef => persons.get(id)!;

    // A paper adjustment (transcribed) is dated by the paper, possibly partly or not at all.
    const adjustedOn =
      p.adjusted_at && p.adjusted_on_paper && !p.immediately_adjusted
        ? p.adjusted_on_printed
        : p.adjusted_at
          ? swedishDateOf(p.adjusted_at)
          : null;
    const deadline = p.meeting_date ? adjustmentDeadline(p.meeting_date) : null;
    const noticeBoard = announcement ? noticeView(announcement, p.meeting_date) : null;
    return {
      id: p.id,
      organisation: {
        id: p.organisation_id,
        name: p.organisation_name,
        organisationNumber: p.organisation_number,
      },
      body: { id: p.body_id, name: p.body_name, shortName: p.body_short_name, kind: p.body_kind },
      meeting: {
        id: p.meeting_id,
        meetingDate: p.meeting_date ?? p.meeting_date_partial,
        recordedAs: p.recorded_as,
        startTime: p.start_time,
        endTime: p.end_time,
        place: p.place,
        status: p.meeting_status,
      },
      number: p.number,
      reference: p.reference,
      label: p.label,
      numberPrinted: p.number_printed,
      agendaItem: p.agenda_item,
      title: p.title,
      caseNumber: p.case_number,
      caseNumbers: p.case_numbers,
      filingCode: p.filing_code,
      relatedParagraphs: related,
      description: p.description,
      basisDocuments: basis.map((b) => b.title),
      isPublic: p.is_public,
      published: p.adjusted_at !== null && p.is_public,
      outcomeKind: p.outcome_kind,
      proposesToBody:
        p.proposes_to_body_id && p.proposes_to_name && p.proposes_to_short_name
          ? {
              id: p.proposes_to_body_id,
              name: p.proposes_to_name,
              shortName: p.proposes_to_short_name,
            }
          : null,
      delegation:
        p.delegation_id && p.delegation_from_body_id && p.delegation_from_name
          ? {
              id: p.delegation_id,
              fromBody: { id: p.delegation_from_body_id, name: p.delegation_from_name },
              appealable: p.delegation_appealable === true,
              decidedInReference: p.delegation_decided_in,
            }
          : null,
      onwardBodies,
      decisionHeading:
        p.outcome_kind === 'none'
          ? ''
          : p.outcome_kind === 'proposal' && proposalHeading
            ? proposalHeading
            : `${p.body_name} beslutar att`,
      alsoProposes,
      proposals,
      producedProposal: produced[0]
        ? { id: produced[0].id, toBodyId: produced[0].to_body_id, status: produced[0].status }
        : null,
      motions: motions.map((x) => ({
        position: x.position,
        proposer: person(x.personId),
        text: x.text,
        supporters: extra.supporters
          .filter((s) => s.motionPosition === x.position)
          .map((s) => person(s.personId)),
      })),
      questionOrder: p.question_order,
      attendance: {
        entries: this.attendanceEntries(attendance.rows, person),
        recused: recusals.map((r) => ({ person: person(r.personId), reason: r.reason })),
        seats: attendance.seats.length,
        presentSeats: attendance.presentSeats,
        quorum: attendance.quorum,
      },
      votes: votes.map((v) => ({
        position: v.position,
        question: v.question,
        yesMeans: v.yes_means,
        noMeans: v.no_means,
        recordedAs: extra.votes.get(v.position)?.recordedAs ?? 'ballots',
        rollCallNote: extra.votes.get(v.position)?.rollCallNote ?? null,
        yes: v.yes_count,
        no: v.no_count,
        abstain: v.abstain_count,
        result: v.result,
        decidedByCastingVote: v.decided_by_casting_vote,
        ballots: ballots
          .filter((b) => b.voteId === v.id)
          .map((b) => ({ person: person(b.personId), choice: b.choice })),
      })),
      decisionRecordedAt: p.decision_recorded_at ? p.decision_recorded_at.toISOString() : null,
      clauses,
      reservations: [
        ...reservations.map((r) => ({
          person: person(r.personId),
          partyGroups: null,
          reason: r.reason,
        })),
        ...extra.partyReservations.map((r) => ({
          person: null,
          partyGroups: r.partyGroups,
          reason: r.reason,
        })),
      ],
      protocolNotes: notes.map((n) => ({
        person: n.personId ? person(n.personId) : null,
        partyGroups: extra.noteParties.get(n.position) ?? null,
        text: n.text,
      })),
      specialStatements: extra.specialStatements.map((st) => ({
        person: st.personId ? person(st.personId) : null,
        partyGroups: st.partyGroups,
        text: st.text,
      })),
      adjustment: {
        adjusted: p.adjusted_at !== null,
        adjustedAt: p.adjusted_at ? p.adjusted_at.toISOString() : null,
        adjustedOn,
        immediate: p.immediately_adjusted,
        adjusters: signatories.map((s) => ({
          person: person(s.personId),
          role: s.role,
          // An immediately adjusted paragraph was signed at the meeting by all of them.
          signedAt:
            p.immediately_adjusted && p.adjusted_at
              ? p.adjusted_at.toISOString()
              : s.signedAt
                ? s.signedAt.toISOString()
                : null,
        })),
        deadline,
        late: lateness(adjustedOn ?? today, deadline),
      },
      noticeBoard,
      ...(await paragraphFactsView(m, { id: p.id, meetingId: p.meeting_id, number: p.number })),
      appeal: this.appealView(p, today),
      corrections: corrections.map((c) => ({
        id: c.id,
        reason: c.reason,
        text: c.text,
        recordedAt: c.recordedAt.toISOString(),
      })),
    };
  }

  /** The paragraph view if the actor may see it (404 otherwise, so drafts do not leak). */
  async getVisibleParagraphView(actor: Actor, paragraphId: string): Promise<ParagraphView> {
    const view = await this.getParagraphView(paragraphId);
    const seeAll = canSeeUnpublished(actor, view.organisation.id);
    if (!view.published && !seeAll) {
      throw new NotFoundError('paragraph', paragraphId);
    }
    if (view.producedProposal && !seeAll) {
      // The deciding body's outcome shows only once its own paragraph is published.
      const [row]: { status: string }[] = await this.dataSource.query(
        `SELECT proposal_public_status($1) AS status`,
        [view.producedProposal.id],
      );
      view.producedProposal = { ...view.producedProposal, status: row.status };
    }
    return view;
  }

  async listParagraphs(actor: Actor, query: ListParagraphsQuery): Promise<Page<Paragraph>> {
    const qb = this.dataSource.getRepository(Paragraph).createQueryBuilder('p');
    if (query.organisationId)
      qb.andWhere('p.organisation_id = :org', { org: query.organisationId });
    if (query.bodyId) qb.andWhere('p.body_id = :bodyId', { bodyId: query.bodyId });
    if (query.meetingId) qb.andWhere('p.meeting_id = :meetingId', { meetingId: query.meetingId });
    if (query.caseNumber) qb.andWhere('p.case_number = :cn', { cn: query.caseNumber });
    this.restrictToVisible(qb, actor);
    // By number, numerically (§ 9 before § 10), period by period.
    return keysetPage(qb, {
      sortColumn: 'p.sort_key',
      idColumn: 'p.id',
      sortValue: (p) => paragraphSortKey(p.numberingPeriod, p.number),
      id: (p) => p.id,
      page: query,
    });
  }

  async getMeetingView(
    actor: Actor,
    meetingId: string,
    manager?: EntityManager,
  ): Promise<MeetingView> {
    const m = manager ?? this.dataSource.manager;
    const live = await this.liveMeetingView(actor, meetingId, m);
    if (!live.adjustedAt) return live;
    const stored = await this.snapshot<MeetingView>(m, { meetingId });
    if (!stored) return live;
    const frozen = meetingSnapshotDefaults(stored);
    const visible = new Set(live.paragraphs.map((p) => p.id));
    return {
      ...live,
      ...frozen,
      announcement: live.announcement,
      recordedAs: frozen.recordedAs ?? live.recordedAs,
      // Minutes frozen before labels existed: the label is the (frozen) row's.
      paragraphs: frozen.paragraphs
        .filter((p) => visible.has(p.id))
        .map((p) => ({
          ...p,
          label: p.label ?? live.paragraphs.find((l) => l.id === p.id)?.label ?? `§ ${p.number}`,
        })),
    };
  }

  /** The meeting view computed from the current rows. */
  private async liveMeetingView(
    actor: Actor,
    meetingId: string,
    m: EntityManager,
  ): Promise<MeetingView> {
    const meeting = await m.getRepository(Meeting).findOneBy({ id: meetingId });
    if (!meeting) throw new NotFoundError('meeting', meetingId);
    const [ctx]: {
      organisation_name: string;
      body_name: string;
      short_name: string;
      kind: string;
    }[] = await m.query(
      `SELECT o.name AS organisation_name, b.name AS body_name, b.short_name, b.kind
         FROM body b JOIN organisation o ON o.id = b.organisation_id WHERE b.id = $1`,
      [meeting.bodyId],
    );
    const signatories = await this.signatories(m, meeting.id);
    const attendance = await meetingAttendanceRows(m, meeting.id);
    const persons = await this.personRefs(m, [
      ...signatories.map((s) => s.personId),
      ...attendance.flatMap((r) => [r.personId, r.servingForPersonId ?? r.personId]),
      ...[meeting.chairPersonId, meeting.secretaryPersonId].filter((x): x is string => !!x),
    ]);
    const person = (id: string): PersonRef => persons.get(id)!;
    const seeAll = canSeeUnpublished(actor, meeting.organisationId);
    const paragraphs: {
      id: string;
      number: number;
      reference: string;
      label: string;
      title: string;
      adjusted_at: Date | null;
      is_public: boolean;
    }[] = await m.query(
      `SELECT id, number, reference, label, title, adjusted_at, is_public FROM paragraph
          WHERE meeting_id = $1 ORDER BY sort_key, id`,
      [meeting.id],
    );
    const [ann]: { id: string }[] = await m.query(
      `SELECT id FROM announcement WHERE meeting_id = $1 AND paragraph_id IS NULL`,
      [meeting.id],
    );
    // A paper adjustment is dated by the paper (possibly partly or not at all), not the clock.
    const adjustedOn = meeting.adjustedOnPaper
      ? meeting.adjustedOnPrinted
      : meeting.adjustedAt
        ? swedishDateOf(meeting.adjustedAt)
        : null;
    const deadline = meeting.meetingDate ? adjustmentDeadline(meeting.meetingDate) : null;
    return {
      id: meeting.id,
      organisation: { id: meeting.organisationId, name: ctx.organisation_name },
      body: { id: meeting.bodyId, name: ctx.body_name, shortName: ctx.short_name, kind: ctx.kind },
      meetingDate: meeting.meetingDate ?? meeting.meetingDatePartial,
      startTime: meeting.startTime,
      endTime: meeting.endTime,
      place: meeting.place,
      chair: meeting.chairPersonId ? person(meeting.chairPersonId) : null,
      secretary: meeting.secretaryPersonId ? person(meeting.secretaryPersonId) : null,
      adjustmentPlace: meeting.adjustmentPlace,
      adjustmentDate: meeting.adjustmentDate ?? meeting.adjustmentDatePartial,
      minutesKeptAt: meeting.minutesKeptAt ?? this.config.MINUTES_KEPT_AT,
      status: meeting.status,
      adjustedAt: meeting.adjustedAt ? meeting.adjustedAt.toISOString() : null,
      adjustedOn,
      adjustmentDeadline: deadline,
      lateAdjustment: lateness(adjustedOn ?? todayInSweden(), deadline),
      recordedAs: meeting.recordedAs,
      transcribed: transcribedMeetingFacts(meeting),
      signatories: signatories.map((s) => ({
        person: person(s.personId),
        role: s.role,
        signedAt: s.signedAt ? s.signedAt.toISOString() : null,
      })),
      attendance: this.attendanceEntries(attendance, person),
      announcement: ann
        ? noticeView(await this.announcement(m, ann.id), meeting.meetingDate)
        : null,
      ...(await meetingFactsView(m, meeting)),
      paragraphs: paragraphs
        .filter((p) => seeAll || (p.adjusted_at !== null && p.is_public))
        .map((p) => ({
          id: p.id,
          number: p.number,
          reference: p.reference,
          label: p.label,
          title: p.title,
          adjusted: p.adjusted_at !== null,
        })),
      reportedDelegationDecisions: await reportedDelegationDecisions(m, meeting.id),
    };
  }

  /**
   * The protocol as printable HTML in Swedish. Anonymous readers get the adjusted public
   * paragraphs only; a non-public or unadjusted paragraph shows as its number alone.
   */
  async renderMinutes(
    actor: Actor,
    meetingId: string,
    manager?: EntityManager,
  ): Promise<RenderedMinutes> {
    const m = manager ?? this.dataSource.manager;
    const meeting = await this.getMeetingView({ ...actor, role: 'admin' }, meetingId, m);
    const seeAll = canSeeUnpublished(actor, meeting.organisation.id);
    return { html: await this.renderMinutesOf(m, meeting, seeAll) };
  }

  /**
   * SHA-256 (hex) of the minutes the chair and adjusters sign: the protocol as `minutes.html`
   * serves it to the organisation, with the signing block in its unsigned state (no signing
   * times, no adjustment day, no notice-board certificate), so that giving a signature does not
   * change what the others sign. Any other change to the minutes changes this hash.
   */
  async minutesContentHash(m: EntityManager, meetingId: string): Promise<string> {
    const meeting = await this.getMeetingView(ADMIN_READER, meetingId, m);
    const unsigned: MeetingView = {
      ...meeting,
      status: 'held',
      adjustedAt: null,
      adjustedOn: null,
      lateAdjustment: false,
      announcement: null,
      signatories: meeting.signatories.map((s) => ({ ...s, signedAt: null })),
    };
    const html = await this.renderMinutesOf(m, unsigned, true);
    return createHash('sha256').update(html, 'utf8').digest('hex');
  }

  private async renderMinutesOf(
    m: EntityManager,
    meeting: MeetingView,
    seeAll: boolean,
  ): Promise<string> {
    const paragraphs: MinutesTemplateContext['paragraphs'] = [];
    for (const summary of meeting.paragraphs) {
      const view = await this.getParagraphView(summary.id, m);
      paragraphs.push({ ...view, hidden: !seeAll && !view.published });
    }
    const shown = seeAll
      ? meeting
      : {
          ...meeting,
          paragraphs: meeting.paragraphs.filter((p) =>
            paragraphs.some((v) => v.id === p.id && !v.hidden),
          ),
        };
    const certificate =
      meeting.announcement ??
      paragraphs.find((p) => p.noticeBoard && !p.hidden)?.noticeBoard ??
      null;
    return renderMinutes({ meeting: shown, paragraphs, certificate });
  }

  // --- the frozen adjusted record ---------------------------------------------------------

  /**
   * Freezes what the documents of a just-adjusted paragraph print: its view model, as of now,
   * is written once (append-only) and served instead of the live rows from then on.
   */
  async freezeParagraph(m: EntityManager, paragraphId: string): Promise<void> {
    const view = await this.liveParagraphView(paragraphId, m, todayInSweden());
    await m.query(
      `INSERT INTO adjusted_record_snapshot (meeting_id, paragraph_id, view) VALUES ($1, $2, $3)`,
      [view.meeting.id, paragraphId, JSON.stringify(view)],
    );
  }

  /**
   * Freezes just-adjusted minutes: every paragraph not frozen yet (an immediately adjusted
   * one keeps its own, earlier snapshot), then the meeting view itself.
   */
  async freezeMeeting(m: EntityManager, meetingId: string): Promise<void> {
    const open: { id: string }[] = await m.query(
      `SELECT p.id FROM paragraph p
        WHERE p.meeting_id = $1 AND p.adjusted_at IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM adjusted_record_snapshot s WHERE s.paragraph_id = p.id)
        ORDER BY p.sort_key`,
      [meetingId],
    );
    for (const p of open) await this.freezeParagraph(m, p.id);
    const view = await this.liveMeetingView(ADMIN_READER, meetingId, m);
    await m.query(
      `INSERT INTO adjusted_record_snapshot (meeting_id, paragraph_id, view) VALUES ($1, NULL, $2)`,
      [meetingId, JSON.stringify(view)],
    );
  }

  private async snapshot<T>(
    m: EntityManager,
    of: { paragraphId: string } | { meetingId: string },
  ): Promise<T | null> {
    const rows: { view: T }[] =
      'paragraphId' in of
        ? await m.query(`SELECT view FROM adjusted_record_snapshot WHERE paragraph_id = $1`, [
            of.paragraphId,
          ])
        : await m.query(
            `SELECT view FROM adjusted_record_snapshot WHERE meeting_id = $1 AND paragraph_id IS NULL`,
            [of.meetingId],
          );
    return rows[0]?.view ?? null;
  }

  /** Notices up on the organisation's notice board on a given day. */
  async noticeBoard(query: NoticeBoardQuery) {
    const on = query.on ?? todayInSweden();
    const rows: (AnnouncementRow & {
      meeting_id: string;
      paragraph_id: string | null;
      meeting_date: string;
      body_name: string;
      body_short_name: string;
      paragraph_reference: string | null;
    })[] = await this.dataSource.query(
      `SELECT a.*, mt.meeting_date, b.name AS body_name, b.short_name AS body_short_name,
              p.reference AS paragraph_reference
         FROM announcement a
         JOIN meeting mt ON mt.id = a.meeting_id
         JOIN body b ON b.id = mt.body_id
         LEFT JOIN paragraph p ON p.id = a.paragraph_id
        WHERE a.organisation_id = $1
          AND coalesce(a.posted_on, a.adjusted_on) <= $2
          AND greatest(a.removed_on, a.printed_removed_on) > $2
        ORDER BY a.posted_on, a.id`,
      [query.organisationId, on],
    );
    // The day's published head of the audit chain ("kontrollsumma"), for anyone to keep a copy.
    const [checksum]: { day: string; seq: number; hash: string }[] = await this.dataSource.query(
      `SELECT day, seq, hash FROM audit_checkpoint WHERE day <= $1 ORDER BY day DESC LIMIT 1`,
      [on],
    );
    return {
      on,
      checksum: checksum
        ? { day: checksum.day, seq: Number(checksum.seq), hash: checksum.hash }
        : null,
      items: rows.map((r) => ({
        ...noticeView(r, r.meeting_date),
        meetingId: r.meeting_id,
        meetingDate: r.meeting_date,
        body: { name: r.body_name, shortName: r.body_short_name },
        adjustedOn: r.adjusted_on,
        immediatelyAdjustedParagraph: r.paragraph_id
          ? { id: r.paragraph_id, reference: r.paragraph_reference }
          : null,
      })),
    };
  }

  // --- helpers ----------------------------------------------------------------------------

  /** Anonymous users: adjusted public paragraphs; same organisation or admin: everything. */
  restrictToVisible(
    qb: { andWhere: (sql: string, params?: object) => unknown },
    actor: Actor,
  ): void {
    if (actor.role === 'admin') return;
    if (actor.role === 'anonymous' || !actor.organisationId) {
      qb.andWhere('p.adjusted_at IS NOT NULL AND p.is_public');
      return;
    }
    qb.andWhere('((p.adjusted_at IS NOT NULL AND p.is_public) OR p.organisation_id = :actorOrg)', {
      actorOrg: actor.organisationId,
    });
  }

  private appealView(p: ParagraphRow, today: string): ParagraphView['appeal'] {
    let legalForce: LegalForceStatus;
    let finalOn: string | null = null;
    if (!p.adjusted_at) legalForce = 'not_adjusted';
    else if (!p.appealable) legalForce = 'not_appealable';
    else if (
      !p.appeal_last_day &&
      p.adjusted_on_paper &&
      !p.immediately_adjusted &&
      (p.adjusted_on_printed?.length ?? 0) !== 10 &&
      !p.announcement_id
    ) {
      legalForce = 'unknown';
    } else if (!p.appeal_last_day) {
      legalForce = p.announcement_id ? 'posting_date_unknown' : 'awaiting_announcement';
    } else {
      finalOn = noticeRemovedOn(p.appeal_last_day);
      if (p.appeal_registered_at) {
        legalForce = 'appealed';
        finalOn = null;
      } else legalForce = today >= finalOn ? 'final' : 'appeal_period';
    }
    return {
      appealable: p.appealable,
      appealLastDay: p.appeal_last_day,
      registeredAt: p.appeal_registered_at ? p.appeal_registered_at.toISOString() : null,
      note: p.appeal_note,
      legalForce,
      finalOn,
    };
  }

  private async announcement(m: EntityManager, id: string): Promise<AnnouncementRow> {
    const [row]: AnnouncementRow[] = await m.query(`SELECT * FROM announcement WHERE id = $1`, [
      id,
    ]);
    return row;
  }

  private async signatories(
    m: EntityManager,
    meetingId: string,
  ): Promise<{ personId: string; role: 'chair' | 'adjuster'; signedAt: Date | null }[]> {
    return m.query(
      `SELECT person_id AS "personId", role, signed_at AS "signedAt" FROM meeting_signatory
        WHERE meeting_id = $1 ORDER BY position`,
      [meetingId],
    );
  }

  private attendanceEntries(
    rows: AttendanceRow[],
    person: (id: string) => PersonRef,
  ): AttendanceEntryView[] {
    const order = { member: 0, substitute: 1, other: 2 };
    return [...rows]
      .sort((a, b) => order[a.role] - order[b.role])
      .map((r) => ({
        person: person(r.personId),
        role: r.role,
        servingFor: r.servingForPersonId ? person(r.servingForPersonId) : null,
        servingForVacantParty: r.servingForVacantParty ?? null,
        note: r.note,
        ...scopeView(r),
      }));
  }

  private async proposalsHandledIn(
    m: EntityManager,
    paragraphId: string,
    decided: string[],
  ): Promise<ProposalInParagraphView[]> {
    const rows: {
      id: string;
      source_kind: 'officer' | 'body_paragraph';
      heading: string;
      title: string;
      officer_name: string | null;
      officer_title: string | null;
      source_reference: string | null;
      outcome: string | null;
      case_number: string | null;
      is_officer_report: boolean;
      report_date: string | null;
      case_officer_name: string | null;
    }[] = await m.query(
      `SELECT pr.id, pr.source_kind, pr.heading, pr.title, pr.officer_name, pr.officer_title,
              sp.reference AS source_reference, h.outcome, pr.case_number, pr.is_officer_report,
              pr.report_date::text AS report_date, pr.case_officer_name
         FROM proposal_handling h
         JOIN proposal pr ON pr.id = h.proposal_id
         LEFT JOIN paragraph sp ON sp.id = pr.source_paragraph_id
        WHERE h.paragraph_id = $1 ORDER BY h.position`,
      [paragraphId],
    );
    const result: ProposalInParagraphView[] = [];
    for (const r of rows) {
      const clauses: { position: number; text: string }[] = await m.query(
        `SELECT position, text FROM proposal_clause WHERE proposal_id = $1 ORDER BY position`,
        [r.id],
      );
      const basis: { title: string }[] = await m.query(
        `SELECT title FROM proposal_basis_document WHERE proposal_id = $1 ORDER BY position`,
        [r.id],
      );
      const report = r.is_officer_report
        ? { date: r.report_date, caseOfficerName: r.case_officer_name }
        : null;
      const decidedOutcome =
        r.outcome === 'decided_as_proposed' || r.outcome === 'decided_with_changes';
      result.push({
        id: r.id,
        sourceKind: r.source_kind,
        heading: r.heading,
        title: r.title,
        officerName: r.officer_name,
        officerTitle: r.officer_title,
        sourceParagraphReference: r.source_reference,
        caseNumber: r.case_number,
        report,
        reportLine: officerReportLine({
          officerName: r.officer_name,
          officerTitle: r.officer_title,
          caseNumber: r.case_number,
          title: r.title,
          report,
        }),
        clauses,
        basisDocuments: basis.map((b) => b.title),
        outcome: r.outcome,
        changes: decidedOutcome
          ? diffClauses(
              clauses.map((c) => c.text),
              decided,
            )
          : null,
      });
    }
    return result;
  }

  async personRefs(m: EntityManager, ids: string[]): Promise<Map<string, PersonRef>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows: { id: string; name: string; party: string | null; title: string | null }[] =
      await m.query(`SELECT id, name, party, title FROM person WHERE id = ANY ($1)`, [unique]);
    return new Map(rows.map((r) => [r.id, { ...r, displayName: displayName(r) }]));
  }
}
