import type { TestApp } from '../test-app';
import { addMembership, createBody, createPerson, createRegistry } from '../factories';
import { Board, createHeldMeeting, MinutesWorld, ok } from './minutes-helpers';

/** A municipality: kommunfullmäktige, kommunstyrelsen and its arbetsutskott, each seated. */
export interface MunicipalityWorld extends MinutesWorld {
  kf: Board;
  ks: Board;
  ksau: Board;
}

async function seat(
  t: TestApp,
  token: string,
  organisationId: string,
  bodyId: string,
  shortName: string,
  names: Seat[],
): Promise<Board> {
  const members: Board['members'] = [];
  for (const [i, seat] of names.entries()) {
    const person = await createPerson(
      t,
      token,
      organisationId,
      typeof seat === 'string' ? { name: seat } : seat,
    );
    await addMembership(t, token, bodyId, {
      personId: person.id,
      role: i === 0 ? 'chair' : 'member',
      validFrom: '2000-01-01',
    });
    members.push(person);
  }
  return { id: bodyId, shortName, members, substitutes: [] };
}

/** A seat holder: a name, or a name and party as printed. */
export type Seat = string | { name: string; party?: string };

export interface MunicipalityOptions {
  kf?: Seat[];
  ks?: Seat[];
  ksau?: Seat[];
  /** Body names and short names (default Kommunfullmäktige KF, Kommunstyrelsen KS, Arbetsutskottet KSAU). */
  kfName?: [string, string];
  ksName?: [string, string];
  ksauName?: [string, string];
}

export async function createMunicipality(
  t: TestApp,
  names: MunicipalityOptions = {},
): Promise<MunicipalityWorld> {
  const reg = await createRegistry(t);
  const token = reg.registrarToken;
  const org = reg.organisationId;
  const kfBody = await createBody(t, token, org, {
    name: names.kfName?.[0] ?? 'Kommunfullmäktige',
    shortName: names.kfName?.[1] ?? 'KF',
    kind: 'council',
  });
  const ksBody = await createBody(t, token, org, {
    name: names.ksName?.[0] ?? 'Kommunstyrelsen',
    shortName: names.ksName?.[1] ?? 'KS',
    kind: 'board',
    preparesForBodyId: kfBody.id,
  });
  const auBody = await createBody(t, token, org, {
    name: names.ksauName?.[0] ?? 'Arbetsutskottet',
    shortName: names.ksauName?.[1] ?? 'KSAU',
    kind: 'working_committee',
    preparesForBodyId: ksBody.id,
  });
  const list = (prefix: string, n: number) =>
    Array.from({ length: n }, (_, i) => `Ledamot ${prefix} ${i + 1}`);
  const kf = await seat(t, token, org, kfBody.id, kfBody.shortName, names.kf ?? list('KF', 5));
  const ks = await seat(t, token, org, ksBody.id, ksBody.shortName, names.ks ?? list('KS', 5));
  const ksau = await seat(
    t,
    token,
    org,
    auBody.id,
    auBody.shortName,
    names.ksau ?? list('KSAU', 3),
  );
  return {
    ...reg,
    rs: ks,
    au: ksau,
    kf,
    ks,
    ksau,
    auth: { Authorization: `Bearer ${token}` },
  };
}

export interface PView {
  id: string;
  reference: string;
  outcomeKind: string;
  proposesToBody: { id: string; name: string } | null;
  onwardBodies: { id: string; name: string }[];
  decisionHeading: string;
  alsoProposes: { heading: string; clauses: { text: string }[] } | null;
  clauses: { text: string }[];
  appeal: { appealable: boolean };
  producedProposal: { id: string; toBodyId: string; status: string } | null;
  proposals: {
    id: string;
    heading: string;
    outcome: string | null;
    reportLine: string | null;
    clauses: { text: string }[];
  }[];
}

export interface ProposalV {
  id: string;
  status: string;
  heading: string;
  toBody: { id: string; name: string };
  onwardBodies: { id: string; name: string }[];
  report: { date: string | null; caseOfficerName: string | null } | null;
  history: { heading: string; toBody: string; status: string }[];
  clauses: { text: string }[];
}

/** Shortcuts bound to one test app and world. */
export function minutesApi(t: TestApp, w: MinutesWorld) {
  return {
    meeting: (board: Board, date: string) => createHeldMeeting(t, w, board, date),
    paragraph: (meetingId: string, body: Record<string, unknown>) =>
      t.http
        .post(`/api/meetings/${meetingId}/paragraphs`)
        .set(w.auth)
        .send({ title: 'Ärende', ...body }),
    decide: (id: string, clauses: string[], extra: Record<string, unknown> = {}) =>
      t.http
        .post(`/api/paragraphs/${id}/decision`)
        .set(w.auth)
        .send({ clauses, ...extra }),
    proposal: (id: string) => ok<ProposalV>(t.http.get(`/api/proposals/${id}`).set(w.auth), 200),
    openAt: async (bodyId: string): Promise<string[]> => {
      const page = await ok<{ items: ProposalV[] }>(
        t.http.get(`/api/proposals?toBodyId=${bodyId}&status=open`).set(w.auth),
        200,
      );
      return page.items.map((i) => i.id);
    },
    readyAt: async (bodyId: string): Promise<string[]> => {
      const page = await ok<{ items: (ProposalV & { readyForDecision: boolean })[] }>(
        t.http.get(`/api/proposals?toBodyId=${bodyId}&ready=true`).set(w.auth),
        200,
      );
      expect(page.items.every((i) => i.readyForDecision)).toBe(true);
      return page.items.map((i) => i.id);
    },
    minutesHtml: async (meetingId: string): Promise<string> => {
      const res = await t.http.get(`/api/meetings/${meetingId}/minutes.html`).set(w.auth);
      if (res.status !== 200) throw new Error(`minutes.html: ${res.status}`);
      return res.text;
    },
  };
}
