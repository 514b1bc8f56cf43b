import { EntityManager } from 'typeorm';
import { formatPartialDateSv } from '../common/partial-date';
import type { Meeting } from '../minutes/meeting.entity';

/** What a transcribed meeting's paper showed beyond the live rules. */
export interface TranscribedMeetingFacts {
  /** "mars 2014", "2014" or "datum okänt" */
  meetingDateText: string;
  /** The adjustment date as printed ("fredag 18/" → known only as a month, or not at all). */
  adjustmentDateText: string | null;
  /** Adjusters shown only as signature boxes, without names. */
  unnamedAdjusterCount: number;
  /** Adjusted on paper without named signatures, recorded by the registrar. */
  adjustedOnPaper: boolean;
  /** The printed day of that adjustment (partial or full); null when not printed. */
  adjustedOnPrinted: string | null;
  adjustedOnPrintedText: string | null;
}

export function transcribedMeetingFacts(meeting: Meeting): TranscribedMeetingFacts | null {
  if (meeting.recordedAs !== 'transcribed') return null;
  const adjustment = meeting.adjustmentDate ?? meeting.adjustmentDatePartial;
  return {
    meetingDateText: formatPartialDateSv(meeting.meetingDate ?? meeting.meetingDatePartial),
    adjustmentDateText: adjustment ? formatPartialDateSv(adjustment) : null,
    unnamedAdjusterCount: meeting.unnamedAdjusterCount,
    adjustedOnPaper: meeting.adjustedOnPaper,
    adjustedOnPrinted: meeting.adjustedOnPrinted,
    adjustedOnPrintedText: meeting.adjustedOnPaper
      ? formatPartialDateSv(meeting.adjustedOnPrinted)
      : null,
  };
}

/**
 * Late or not, when both days are full dates; null ("cannot be told") when either is partial
 * or unknown.
 */
export function lateness(on: string | null, deadline: string | null): boolean | null {
  if (!on || !deadline || on.length !== 10) return null;
  return on > deadline;
}

export const VOTE_RECORDED_AS = ['ballots', 'printed_totals', 'result_only'] as const;
export type VoteRecordedAs = (typeof VOTE_RECORDED_AS)[number];

/** The rows of one paragraph that only this part adds, read in one place. */
export interface TranscribedParagraphFacts {
  supporters: { motionPosition: number; personId: string }[];
  specialStatements: { personId: string | null; partyGroups: string | null; text: string }[];
  partyReservations: { partyGroups: string; reason: string | null }[];
  votes: Map<number, { recordedAs: VoteRecordedAs; rollCallNote: string | null }>;
  noteParties: Map<number, string | null>;
}

export async function transcribedParagraphFacts(
  m: EntityManager,
  paragraphId: string,
): Promise<TranscribedParagraphFacts> {
  const supporters: { motionPosition: number; personId: string }[] = await m.query(
    `SELECT pm.position AS "motionPosition", s.person_id AS "personId"
       FROM paragraph_motion_supporter s JOIN paragraph_motion pm ON pm.id = s.motion_id
      WHERE s.paragraph_id = $1 ORDER BY pm.position, s.position`,
    [paragraphId],
  );
  const specialStatements: {
    personId: string | null;
    partyGroups: string | null;
    text: string;
  }[] = await m.query(
    `SELECT person_id AS "personId", party_groups AS "partyGroups", text
       FROM paragraph_special_statement WHERE paragraph_id = $1 ORDER BY position`,
    [paragraphId],
  );
  const partyReservations: { partyGroups: string; reason: string | null }[] = await m.query(
    `SELECT party_groups AS "partyGroups", reason FROM paragraph_reservation
      WHERE paragraph_id = $1 AND person_id IS NULL ORDER BY recorded_order`,
    [paragraphId],
  );
  const votes: { position: number; recorded_as: VoteRecordedAs; roll_call_note: string | null }[] =
    await m.query(
      `SELECT position, recorded_as, roll_call_note FROM paragraph_vote WHERE paragraph_id = $1`,
      [paragraphId],
    );
  const notes: { position: number; party_groups: string | null }[] = await m.query(
    `SELECT position, party_groups FROM paragraph_protocol_note WHERE paragraph_id = $1`,
    [paragraphId],
  );
  return {
    supporters,
    specialStatements,
    partyReservations,
    votes: new Map(
      votes.map((v) => [v.position, { recordedAs: v.recorded_as, rollCallNote: v.roll_call_note }]),
    ),
    noteParties: new Map(notes.map((n) => [n.position, n.party_groups])),
  };
}

/** Person ids the facts name (for one personRefs lookup). */
export function transcribedPersonIds(f: TranscribedParagraphFacts): string[] {
  return [
    ...f.supporters.map((s) => s.personId),
    ...f.specialStatements.map((s) => s.personId).filter((x): x is string => !!x),
  ];
}

type Loose = Record<string, unknown>;
const each = (list: unknown, defaults: Loose): Loose[] | unknown =>
  Array.isArray(list) ? list.map((x: Loose) => ({ ...defaults, ...x })) : list;

/**
 * Snapshots frozen before these facts existed lack their fields: they were not recorded then,
 * so they read as absent (no supporters, votes by ballots, reservations by persons).
 */
export function paragraphSnapshotDefaults<T extends object>(view: T): T {
  const v = view as Loose;
  const attendance = v.attendance as Loose | undefined;
  return {
    specialStatements: [],
    ...v,
    meeting: { recordedAs: 'live', ...(v.meeting as Loose) },
    motions: each(v.motions, { supporters: [] }),
    votes: each(v.votes, { recordedAs: 'ballots', rollCallNote: null }),
    reservations: each(v.reservations, { partyGroups: null }),
    protocolNotes: each(v.protocolNotes, { partyGroups: null }),
    attendance: attendance
      ? { ...attendance, entries: each(attendance.entries, { servingForVacantParty: null }) }
      : attendance,
  } as T;
}

export function meetingSnapshotDefaults<T extends object>(view: T): T {
  const v = view as Loose;
  return {
    recordedAs: 'live',
    transcribed: null,
    ...v,
    attendance: each(v.attendance, { servingForVacantParty: null }),
  } as T;
}
