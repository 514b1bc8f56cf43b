import { addMembership, createBody, createPerson, createRegistry, Registry } from '../factories';
import type { TestApp } from '../test-app';
import { ok } from '../minutes/minutes-helpers';

/** A person as the protocol prints them; `seat` is their place on the body (none: officer). */
export interface Printed {
  name: string;
  party?: string;
  seat?: 'chair' | 'vice_chair' | 'member' | 'substitute';
}

export interface CorpusWorld extends Registry {
  auth: { Authorization: string };
  bodyId: string;
  /** The person id by printed name. */
  id: (name: string) => string;
}

/** The body of a corpus document with everyone its protocol names, seated from `seatedFrom`. */
export async function corpusWorld(
  t: TestApp,
  body: { name: string; shortName: string; kind: string },
  people: Printed[],
  seatedFrom: string,
): Promise<CorpusWorld> {
  const reg = await createRegistry(t, { organisationNumber: null });
  const created = await createBody(t, reg.registrarToken, reg.organisationId, body);
  const ids = new Map<string, string>();
  for (const p of people) {
    const person = await createPerson(t, reg.registrarToken, reg.organisationId, {
      name: p.name,
      ...(p.party ? { party: p.party } : {}),
    });
    ids.set(p.name, person.id);
    if (p.seat) {
      await addMembership(t, reg.registrarToken, created.id, {
        personId: person.id,
        role: p.seat,
        validFrom: seatedFrom,
      });
    }
  }
  return {
    ...reg,
    auth: { Authorization: `Bearer ${reg.registrarToken}` },
    bodyId: created.id,
    id: (name: string) => {
      const id = ids.get(name);
      if (!id) throw new Error(`no person ${name}`);
      return id;
    },
  };
}

export async function minutesHtml(t: TestApp, w: CorpusWorld, meetingId: string): Promise<string> {
  const res = await t.http.get(`/api/meetings/${meetingId}/minutes.html`).set(w.auth);
  if (res.status !== 200) throw new Error(`minutes.html: ${res.status}`);
  return res.text;
}

/** The text of one cover row ("Beslutande", "Ordförande", …) with tags turned into line breaks. */
export function coverRow(html: string, heading: string): string {
  const start = html.indexOf(`<tr><th>${heading}</th><td>`);
  if (start < 0) return '';
  const end = html.indexOf('</td></tr>', start);
  return html
    .slice(start + `<tr><th>${heading}</th><td>`.length, end)
    .replace(/<br>/g, '\n')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0)
    .join('\n');
}

export { ok };
