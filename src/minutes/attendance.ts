import { EntityManager } from 'typeorm';
import { RuleViolationError, ValidationFailedError } from '../common/errors';
import { ScopeOf, scopeApplies, scopesOverlap } from '../meeting-facts/paragraph-scope';
import { isSeatHolder } from '../people/membership.entity';
import { MemberOnDate, PeopleService } from '../people/people.service';
import { AttendanceEntryDto, AttendanceRole, ParagraphScope } from './dto/minutes.dto';

export interface AttendanceRow {
  personId: string;
  role: AttendanceRole;
  servingForPersonId: string | null;
  /** A substitute serving for a vacant seat of this party ("ersättare för Vakant (M)"). */
  servingForVacantParty: string | null;
  note: string | null;
  /** The paragraphs a meeting attendance row applies to ('all' for a paragraph's own rows). */
  paragraphScope: ParagraphScope;
  scopeNumbers: number[];
}

/** Who took part in one paragraph, after recusals, and whether the body had quorum. */
export interface EffectiveAttendance {
  /** Seat holders (chair, vice chair, members) of the body on the meeting day. */
  seats: MemberOnDate[];
  /** Attendance of the paragraph with recused persons left out. */
  rows: AttendanceRow[];
  recusedPersonIds: string[];
  /** Members present and substitutes serving for a seat: they vote. */
  voterPersonIds: string[];
  presentSeats: number;
  /** More than half of the seats filled (Kommunallagen 5 kap. 45 §, 6 kap. 27 §). */
  quorum: boolean;
}

const ATTENDANCE_COLUMNS = `person_id AS "personId", role, serving_for_person_id AS "servingForPersonId", serving_for_vacant_party AS "servingForVacantParty", note`;
const SCOPE_COLUMNS = `paragraph_scope AS "paragraphScope", scope_numbers AS "scopeNumbers"`;

export async function meetingAttendanceRows(
  m: EntityManager,
  meetingId: string,
): Promise<AttendanceRow[]> {
  return m.query(
    `SELECT ${ATTENDANCE_COLUMNS}, ${SCOPE_COLUMNS} FROM meeting_attendance
      WHERE meeting_id = $1 ORDER BY id`,
    [meetingId],
  );
}

/** The paragraph's own attendance when recorded, else the meeting's. */
export async function paragraphAttendanceRows(
  m: EntityManager,
  paragraphId: string,
  meetingId: string,
): Promise<{ rows: AttendanceRow[]; own: boolean }> {
  const own: AttendanceRow[] = await m.query(
    `SELECT ${ATTENDANCE_COLUMNS}, 'all' AS "paragraphScope", '{}'::int[] AS "scopeNumbers"
       FROM paragraph_attendance WHERE paragraph_id = $1 ORDER BY id`,
    [paragraphId],
  );
  if (own.length > 0) return { rows: own, own: true };
  // The meeting's rows that apply to this paragraph ("ej § 29", "fr o m § 63", "§§ 33–37").
  const [{ number }]: { number: number }[] = await m.query(
    `SELECT number FROM paragraph WHERE id = $1`,
    [paragraphId],
  );
  const rows = await meetingAttendanceRows(m, meetingId);
  return {
    rows: rows.filter((r) =>
      scopeApplies({ scope: r.paragraphScope, numbers: r.scopeNumbers }, number),
    ),
    own: false,
  };
}

export function computeAttendance(
  seats: MemberOnDate[],
  rows: AttendanceRow[],
  recusedPersonIds: string[],
): EffectiveAttendance {
  const recused = new Set(recusedPersonIds);
  const seatIds = new Set(seats.map((s) => s.personId));
  const present = rows.filter((r) => !recused.has(r.personId));
  const filled = new Set<string>();
  const voters: string[] = [];
  for (const row of present) {
    if (row.role === 'member' && seatIds.has(row.personId)) {
      filled.add(row.personId);
      voters.push(row.personId);
    }
  }
  for (const row of present) {
    // A substitute serves for a seat holder who is absent or recused.
    if (
      row.role === 'substitute' &&
      row.servingForPersonId &&
      seatIds.has(row.servingForPersonId) &&
      !filled.has(row.servingForPersonId)
    ) {
      filled.add(row.servingForPersonId);
      voters.push(row.personId);
    }
  }
  return {
    seats,
    rows: present,
    recusedPersonIds,
    voterPersonIds: voters,
    presentSeats: filled.size,
    quorum: seats.length > 0 && filled.size * 2 > seats.length,
  };
}

export async function effectiveAttendance(
  m: EntityManager,
  people: PeopleService,
  paragraph: { id: string; meetingId: string; bodyId: string },
  meetingDate: string | null,
): Promise<EffectiveAttendance> {
  // Without a full meeting date (transcribed paper) the seats on the day are not known.
  const seats = meetingDate
    ? (await people.findMembersOn(paragraph.bodyId, meetingDate, m)).filter((s) =>
        isSeatHolder(s.role),
      )
    : [];
  const { rows } = await paragraphAttendanceRows(m, paragraph.id, paragraph.meetingId);
  const recused: { personId: string }[] = await m.query(
    `SELECT person_id AS "personId" FROM paragraph_recusal WHERE paragraph_id = $1`,
    [paragraph.id],
  );
  return computeAttendance(
    seats,
    rows,
    recused.map((r) => r.personId),
  );
}

/**
 * Checks an attendance list against the body's seats on the meeting day: members hold a seat,
 * substitutes are substitutes of the body serving for a seat holder who is not present, no seat
 * is filled twice, and everyone belongs to the organisation.
 */
export async function assertAttendanceValid(
  m: EntityManager,
  people: PeopleService,
  bodyId: string,
  organisationId: string,
  meetingDate: string,
  entries: ScopedEntry[],
): Promise<void> {
  const all = await people.findMembersOn(bodyId, meetingDate, m);
  const seatIds = new Set(all.filter((s) => isSeatHolder(s.role)).map((s) => s.personId));
  const substituteIds = new Set(all.filter((s) => s.role === 'substitute').map((s) => s.personId));
  const scopeOf = (e: ScopedEntry): ScopeOf => e.paragraphs ?? { scope: 'all', numbers: [] };
  for (const e of entries) assertScopeValid(scopeOf(e));
  // A person may be listed twice only for paragraphs that do not overlap (member for § 1,
  // substitute not serving for §§ 2–22).
  const overlapping = (a: ScopedEntry, b: ScopedEntry) => scopesOverlap(scopeOf(a), scopeOf(b));
  for (const [i, a] of entries.entries()) {
    if (entries.some((b, j) => j > i && b.personId === a.personId && overlapping(a, b))) {
      throw new RuleViolationError('A person is listed twice in the attendance', {
        personId: a.personId,
      });
    }
  }
  const ids = [...new Set(entries.map((e) => e.personId))];
  const known: { id: string }[] = await m.query(
    `SELECT id FROM person WHERE id = ANY ($1) AND organisation_id = $2`,
    [ids, organisationId],
  );
  const knownIds = new Set(known.map((k) => k.id));
  const unknown = ids.filter((id) => !knownIds.has(id));
  if (unknown.length > 0) {
    throw new RuleViolationError(`Unknown persons in the attendance: ${unknown.join(', ')}`, {
      personIds: unknown,
    });
  }
  const members = entries.filter((e) => e.role === 'member');
  const serving: ScopedEntry[] = [];
  for (const entry of entries) {
    if (entry.role !== 'substitute' && entry.servingForPersonId) {
      throw new RuleViolationError('Only a substitute can serve for a member', {
        personId: entry.personId,
      });
    }
    if (entry.role === 'member' && !seatIds.has(entry.personId)) {
      throw new RuleViolationError(
        'A person listed as member holds no seat on the body on the meeting day',
        { personId: entry.personId },
      );
    }
    if (entry.role === 'substitute') {
      if (!substituteIds.has(entry.personId)) {
        throw new RuleViolationError('The person is not a substitute of the body on that day', {
          personId: entry.personId,
        });
      }
      const seat = entry.servingForPersonId;
      if (seat) {
        if (!seatIds.has(seat)) {
          throw new RuleViolationError('A substitute can only serve for a seat holder', {
            personId: entry.personId,
            servingForPersonId: seat,
          });
        }
        const filledBy = [
          ...members.filter((x) => x.personId === seat),
          ...serving.filter((x) => x.servingForPersonId === seat),
        ];
        if (filledBy.some((x) => overlapping(x, entry))) {
          throw new RuleViolationError('That seat is already filled', {
            servingForPersonId: seat,
          });
        }
        serving.push(entry);
      }
    }
  }
}

type ScopedEntry = AttendanceEntryDto & { paragraphs?: ScopeOf };

function assertScopeValid(s: ScopeOf): void {
  const count = s.numbers.length;
  const ok =
    s.scope === 'all'
      ? count === 0
      : s.scope === 'only' || s.scope === 'except'
        ? count >= 1
        : count === 1;
  if (!ok) {
    throw new ValidationFailedError([
      {
        field: 'paragraphs',
        messages: [
          'only/except need at least one paragraph number, from/until exactly one, all none',
        ],
      },
    ]);
  }
}

/**
 * Quorum is checked when a decision is recorded, but a recusal or an attendance change made
 * afterwards can take it away: check again before paragraphs are adjusted and locked.
 */
export async function assertQuorumAtAdjustment(
  m: EntityManager,
  people: PeopleService,
  paragraphs: { id: string; meetingId: string; bodyId: string; reference: string }[],
  meetingDate: string,
): Promise<void> {
  const lacking: string[] = [];
  for (const p of paragraphs) {
    if (!(await effectiveAttendance(m, people, p, meetingDate)).quorum) lacking.push(p.reference);
  }
  if (lacking.length > 0) {
    throw new RuleViolationError(
      `The body lacks quorum (more than half of the seats) for ${lacking.join(', ')}: correct the attendance or recusals before adjusting`,
      { paragraphs: lacking, allowedNextSteps: ['attendance', 'recusals'] },
    );
  }
}
