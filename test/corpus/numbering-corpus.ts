import { createRegistry } from '../factories';
import { ok } from '../minutes/minutes-helpers';
import type { TestApp } from '../test-app';

/** A registrar recording a printed protocol's numbering through the API (numbering fixtures). */
export async function registrar(t: TestApp) {
  const reg = await createRegistry(t, { organisationNumber: null });
  const auth = { Authorization: `Bearer ${reg.registrarToken}` };
  const body = (b: Record<string, unknown>) =>
    ok<{ id: string; shortName: string }>(
      t.http.post(`/api/organisations/${reg.organisationId}/bodies`).set(auth).send(b),
    );
  const meeting = (bodyId: string, m: Record<string, unknown>) =>
    ok<{ id: string; recordedAs: string }>(
      t.http.post(`/api/bodies/${bodyId}/meetings`).set(auth).send(m),
    );
  const paragraph = (meetingId: string, p: Record<string, unknown>) =>
    ok<ParagraphOut>(t.http.post(`/api/meetings/${meetingId}/paragraphs`).set(auth).send(p));
  const minutes = async (meetingId: string) =>
    (await t.http.get(`/api/meetings/${meetingId}/minutes.html`).set(auth).expect(200)).text;
  const setNext = (bodyId: string, s: Record<string, unknown>) =>
    ok<{ periods: { period: number; lastNumber: number; nextNumber: number }[] }>(
      t.http.put(`/api/bodies/${bodyId}/numbering/next-number`).set(auth).send(s),
      200,
    );
  const list = (query: string) =>
    ok<{ items: { number: number; reference: string; title: string }[] }>(
      t.http.get(`/api/paragraphs?${query}`).set(auth),
      200,
    );
  return { reg, auth, body, meeting, paragraph, minutes, setNext, list };
}

export interface ParagraphOut {
  id: string;
  number: number;
  reference: string;
  label: string;
  numberPrinted: boolean;
  agendaItem: string | null;
  caseNumber: string | null;
  caseNumbers: string[];
  filingCode: string | null;
  title: string;
}
