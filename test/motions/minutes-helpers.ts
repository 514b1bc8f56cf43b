import type { TestApp } from '../test-app';
import { auth } from './motion-fixtures';

export interface ParagraphRef {
  id: string;
  meetingId: string;
  reference: string;
}

/** Meetings made so far in this test file, one per body and day. */
const meetings = new Map<string, string>();

/** A meeting of the body on that day, made once through the minutes API. */
export async function meetingOn(
  t: TestApp,
  token: string,
  bodyId: string,
  meetingDate: string,
): Promise<string> {
  const key = `${bodyId}:${meetingDate}`;
  const known = meetings.get(key);
  if (known) return known;
  const res = await t.http
    .post(`/api/bodies/${bodyId}/meetings`)
    .set(auth(token))
    .send({ meetingDate, place: 'Regionens hus, Östersund' });
  if (res.status !== 201) throw new Error(`meetingOn: ${res.status} ${JSON.stringify(res.body)}`);
  meetings.set(key, res.body.id);
  return res.body.id;
}

/** A paragraph at the body's meeting on that day, made through the minutes API. */
export async function paragraphAt(
  t: TestApp,
  token: string,
  bodyId: string,
  meetingDate: string,
  paragraph: { title: string; caseNumber?: string; outcomeKind?: 'decision' | 'proposal' },
): Promise<ParagraphRef> {
  const meetingId = await meetingOn(t, token, bodyId, meetingDate);
  const res = await t.http
    .post(`/api/meetings/${meetingId}/paragraphs`)
    .set(auth(token))
    .send(paragraph);
  if (res.status !== 201) {
    throw new Error(`paragraphAt: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return { id: res.body.id, meetingId, reference: res.body.reference };
}
