import type { TestApp } from '../test-app';
import { addMembership, createBody, createPerson, createRegistry, Registry } from '../factories';
import { ok } from '../minutes/minutes-helpers';

export { ok };

export interface PrintedPerson {
  name: string;
  party?: string;
  role?: 'chair' | 'member' | 'substitute';
}

export interface TranscribedWorld extends Registry {
  auth: { Authorization: string };
  body: { id: string; shortName: string };
  /** By name as printed. */
  people: Record<string, { id: string }>;
}

/** A body and the people the document names, seated from `validFrom`. */
export async function transcribedWorld(
  t: TestApp,
  body: { name: string; shortName: string; kind: string; paragraphNumbering?: string },
  people: PrintedPerson[],
  validFrom = '2000-01-01',
): Promise<TranscribedWorld> {
  const reg = await createRegistry(t, { organisationNumber: null });
  const created = await createBody(t, reg.registrarToken, reg.organisationId, body);
  const byName: TranscribedWorld['people'] = {};
  for (const p of people) {
    const person = await createPerson(t, reg.registrarToken, reg.organisationId, {
      name: p.name,
      party: p.party,
    });
    await addMembership(t, reg.registrarToken, created.id, {
      personId: person.id,
      role: p.role ?? 'member',
      validFrom,
    });
    byName[p.name] = person;
  }
  return {
    ...reg,
    auth: { Authorization: `Bearer ${reg.registrarToken}` },
    body: created,
    people: byName,
  };
}

export async function transcribedMeeting(
  t: TestApp,
  w: TranscribedWorld,
  fields: Record<string, unknown>,
): Promise<{ id: string }> {
  return ok(
    t.http
      .post(`/api/bodies/${w.body.id}/meetings`)
      .set(w.auth)
      .send({ recordedAs: 'transcribed', ...fields }),
  );
}

export async function paragraphWithDecision(
  t: TestApp,
  w: TranscribedWorld,
  meetingId: string,
  fields: { title: string; caseNumber?: string },
  clauses: string[],
): Promise<{ id: string; reference: string }> {
  const p = await ok<{ id: string; reference: string }>(
    t.http.post(`/api/meetings/${meetingId}/paragraphs`).set(w.auth).send(fields),
  );
  await ok(t.http.post(`/api/paragraphs/${p.id}/decision`).set(w.auth).send({ clauses }));
  return p;
}

export async function minutesHtml(t: TestApp, w: TranscribedWorld, meetingId: string) {
  const res = await t.http.get(`/api/meetings/${meetingId}/minutes.html`).set(w.auth);
  if (res.status !== 200) throw new Error(`minutes.html: ${res.status}`);
  return res.text;
}
