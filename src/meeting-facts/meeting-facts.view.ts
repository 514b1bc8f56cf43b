import { EntityManager } from 'typeorm';
import { displayName } from '../people/person.entity';
import type { PersonRef } from '../minutes/minutes.service';
import { printParagraphs } from './paragraph-scope';

/** An adjournment (ajournering) as the minutes print it. */
export interface AdjournmentView {
  position: number;
  /** 'HH:MM' */
  fromTime: string;
  toTime: string;
  note: string | null;
  /** The paragraph at which the meeting was adjourned; null: printed on the cover. */
  paragraphId: string | null;
  paragraphNumber: number | null;
  /** "Sammanträdet ajourneras kl. 10.15–10.30." */
  printed: string;
}

/** The chair of a range of paragraphs when the chair changes within the meeting. */
export interface ChairRangeView {
  person: PersonRef;
  paragraphNumbers: number[];
  /** "Åke Nilsson §§ 39–43, 47, 50" */
  printed: string;
}

/** Meeting-level facts printed on the cover of the minutes. */
export interface MeetingFactsView {
  caseNumber: string | null;
  /** null: the minutes do not say. */
  openToPublic: boolean | null;
  openToPublicFromParagraph: number | null;
  /** "Öppet för allmänheten från och med § 7"; null when not known. */
  publicSession: string | null;
  /** "Närvarande via Skype" */
  remoteParticipation: string | null;
  adjournments: AdjournmentView[];
  /** Empty when one chair presided over the whole meeting. */
  chairs: ChairRangeView[];
  /** "Åke Nilsson §§ 39–43, 47, 50; Gunilla Prång §§ 44–46"; null without chair ranges. */
  chairsPrinted: string | null;
}

const dotted = (t: string): string => t.replace(':', '.');

export function adjournmentText(fromTime: string, toTime: string, note: string | null): string {
  return `Sammanträdet ajourneras kl. ${dotted(fromTime)}–${dotted(toTime)}.${note ? ` ${note}` : ''}`;
}

async function personRef(m: EntityManager, id: string): Promise<PersonRef> {
  const [r]: { id: string; name: string; party: string | null; title: string | null }[] =
    await m.query(`SELECT id, name, party, title FROM person WHERE id = $1`, [id]);
  return { ...r, displayName: displayName(r) };
}

export async function adjournmentsOf(
  m: EntityManager,
  meetingId: string,
): Promise<AdjournmentView[]> {
  const rows: {
    position: number;
    from_time: string;
    to_time: string;
    note: string | null;
    paragraph_id: string | null;
    paragraph_number: number | null;
  }[] = await m.query(
    `SELECT a.position, a.from_time, a.to_time, a.note, a.paragraph_id, p.number AS paragraph_number
       FROM meeting_adjournment a LEFT JOIN paragraph p ON p.id = a.paragraph_id
      WHERE a.meeting_id = $1 ORDER BY a.from_time, a.position`,
    [meetingId],
  );
  return rows.map((r) => ({
    position: r.position,
    fromTime: r.from_time,
    toTime: r.to_time,
    note: r.note,
    paragraphId: r.paragraph_id,
    paragraphNumber: r.paragraph_number,
    printed: adjournmentText(r.from_time, r.to_time, r.note),
  }));
}

export async function chairRangesOf(
  m: EntityManager,
  meetingId: string,
): Promise<ChairRangeView[]> {
  const rows: { person_id: string; paragraph_numbers: number[] }[] = await m.query(
    `SELECT person_id, paragraph_numbers FROM meeting_chair_range WHERE meeting_id = $1
      ORDER BY position`,
    [meetingId],
  );
  const result: ChairRangeView[] = [];
  for (const r of rows) {
    const person = await personRef(m, r.person_id);
    const numbers = [...r.paragraph_numbers].sort((a, b) => a - b);
    result.push({
      person,
      paragraphNumbers: numbers,
      printed: `${person.name} ${printParagraphs(numbers)}`,
    });
  }
  return result;
}

export async function meetingFactsView(
  m: EntityManager,
  meeting: {
    id: string;
    caseNumber: string | null;
    openToPublic: boolean | null;
    openToPublicFromParagraph: number | null;
    remoteParticipation: string | null;
  },
): Promise<MeetingFactsView> {
  const chairs = await chairRangesOf(m, meeting.id);
  let publicSession: string | null = null;
  if (meeting.openToPublic === false) publicSession = 'Sammanträdet är inte öppet för allmänheten';
  else if (meeting.openToPublic && meeting.openToPublicFromParagraph !== null) {
    publicSession = `Öppet för allmänheten från och med § ${meeting.openToPublicFromParagraph}`;
  } else if (meeting.openToPublic) publicSession = 'Öppet för allmänheten';
  return {
    caseNumber: meeting.caseNumber,
    openToPublic: meeting.openToPublic,
    openToPublicFromParagraph: meeting.openToPublicFromParagraph,
    publicSession,
    remoteParticipation: meeting.remoteParticipation,
    adjournments: await adjournmentsOf(m, meeting.id),
    chairs,
    chairsPrinted: chairs.length > 0 ? chairs.map((c) => c.printed).join('; ') : null,
  };
}

/** The chair presiding over one paragraph and the adjournments made at it. */
export interface ParagraphFactsView {
  /** The chair of the range holding this paragraph, else the meeting's chair. */
  chair: PersonRef | null;
  /** Whether the chair changed within the meeting (then each paragraph prints its chair). */
  chairChanges: boolean;
  adjournments: AdjournmentView[];
}

export async function paragraphFactsView(
  m: EntityManager,
  paragraph: { id: string; meetingId: string; number: number },
): Promise<ParagraphFactsView> {
  const chairs = await chairRangesOf(m, paragraph.meetingId);
  const ranged = chairs.find((c) => c.paragraphNumbers.includes(paragraph.number));
  let chair: PersonRef | null = ranged?.person ?? null;
  if (!chair) {
    const [mt]: { chair_person_id: string | null }[] = await m.query(
      `SELECT chair_person_id FROM meeting WHERE id = $1`,
      [paragraph.meetingId],
    );
    chair = mt?.chair_person_id ? await personRef(m, mt.chair_person_id) : null;
  }
  const adjournments = (await adjournmentsOf(m, paragraph.meetingId)).filter(
    (a) => a.paragraphId === paragraph.id,
  );
  return { chair, chairChanges: chairs.length > 0, adjournments };
}
