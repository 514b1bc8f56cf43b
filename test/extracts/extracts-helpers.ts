import type { TestApp } from '../test-app';
import { addMembership, createBody, createPerson, createRegistry, Registry } from '../factories';

/** Builders for the extracts tests; meetings and paragraphs go through the minutes API. */
export interface Board {
  id: string;
  shortName: string;
  /** members[0] is the chair */
  members: { id: string; name: string }[];
}

export interface ExtractsWorld extends Registry {
  rs: Board;
  au: Board;
  auth: { Authorization: string };
}

export async function ok<T = Record<string, unknown>>(
  res: Promise<{ status: number; body: unknown }> | { status: number; body: unknown },
  status = 201,
): Promise<T> {
  const r = await res;
  if (r.status !== status) {
    throw new Error(`expected ${status}, got ${r.status}: ${JSON.stringify(r.body)}`);
  }
  return r.body as T;
}

async function seatBoard(
  t: TestApp,
  reg: Registry,
  bodyId: string,
  shortName: string,
  size: number,
): Promise<Board> {
  const members: Board['members'] = [];
  for (let i = 0; i < size; i++) {
    const person = await createPerson(t, reg.registrarToken, reg.organisationId, {
      name: `Ledamot ${shortName} ${i + 1}`,
      party: ['S', 'M', 'C', 'V', 'KD'][i % 5],
    });
    await addMembership(t, reg.registrarToken, bodyId, {
      personId: person.id,
      role: i === 0 ? 'chair' : 'member',
      validFrom: '2020-01-01',
    });
    members.push(person);
  }
  return { id: bodyId, shortName, members };
}

/** Regionstyrelsen (5 seats) and its arbetsutskott (3 seats) in a new region. */
export async function createExtractsWorld(
  t: TestApp,
  organisation: Parameters<typeof createRegistry>[1] = {},
): Promise<ExtractsWorld> {
  const reg = await createRegistry(t, organisation);
  const rsBody = await createBody(t, reg.registrarToken, reg.organisationId, {
    name: 'Regionstyrelsen',
    shortName: 'RS',
    kind: 'board',
  });
  const auBody = await createBody(t, reg.registrarToken, reg.organisationId, {
    name: 'Regionstyrelsens arbetsutskott',
    shortName: 'RSAU',
    kind: 'working_committee',
    preparesForBodyId: rsBody.id,
  });
  const rs = await seatBoard(t, reg, rsBody.id, 'RS', 5);
  const au = await seatBoard(t, reg, auBody.id, 'RSAU', 3);
  return { ...reg, rs, au, auth: { Authorization: `Bearer ${reg.registrarToken}` } };
}

/** A held meeting: chair, two adjusters, every member present. */
export async function heldMeeting(
  t: TestApp,
  w: ExtractsWorld,
  board: Board,
  meetingDate: string,
): Promise<{ id: string }> {
  const meeting = await ok<{ id: string }>(
    t.http
      .post(`/api/bodies/${board.id}/meetings`)
      .set(w.auth)
      .send({
        meetingDate,
        startTime: '09:00',
        endTime: '12:00',
        place: 'Regionens hus, Östersund',
        chairPersonId: board.members[0].id,
        adjusterPersonIds: [board.members[1].id, board.members[2].id],
      }),
  );
  await ok(
    t.http
      .put(`/api/meetings/${meeting.id}/attendance`)
      .set(w.auth)
      .send({ entries: board.members.map((p) => ({ personId: p.id, role: 'member' })) }),
    200,
  );
  await ok(t.http.post(`/api/meetings/${meeting.id}/hold`).set(w.auth).send({}), 200);
  return meeting;
}

/** A paragraph with its decision clauses recorded. */
export async function decidedParagraph(
  t: TestApp,
  w: ExtractsWorld,
  meetingId: string,
  paragraph: {
    title: string;
    caseNumber?: string;
    description?: string;
    basisDocuments?: string[];
  },
  clauses: string[],
): Promise<{ id: string; reference: string; number: number }> {
  const created = await ok<{ id: string; reference: string; number: number }>(
    t.http.post(`/api/meetings/${meetingId}/paragraphs`).set(w.auth).send(paragraph),
  );
  await ok(t.http.post(`/api/paragraphs/${created.id}/decision`).set(w.auth).send({ clauses }));
  return created;
}

/** The chair and each adjuster sign: the minutes (and every paragraph) are adjusted. */
export async function adjustMinutes(
  t: TestApp,
  w: ExtractsWorld,
  meetingId: string,
  signedAt: string,
): Promise<void> {
  const meeting = await ok<{ signatories: { person: { id: string } }[] }>(
    t.http.get(`/api/meetings/${meetingId}`).set(w.auth),
    200,
  );
  for (const s of meeting.signatories) {
    await ok(
      t.http
        .post(`/api/meetings/${meetingId}/signatures`)
        .set(w.auth)
        .send({ personId: s.person.id, method: 'paper', signedAt }),
    );
  }
}

export async function officerRole(
  t: TestApp,
  w: ExtractsWorld,
  name: string,
  email?: string,
): Promise<{ id: string; name: string }> {
  return ok(
    t.http
      .post(`/api/organisations/${w.organisationId}/recipients`)
      .set(w.auth)
      .send({ kind: 'officer_role', name, ...(email ? { email } : {}) }),
  );
}

export async function countRows(t: TestApp, table: string): Promise<number> {
  const [{ n }]: { n: number }[] = await t.dataSource.query(
    `SELECT count(*)::int AS n FROM ${table}`,
  );
  return n;
}
