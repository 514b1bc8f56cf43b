import type { TestApp } from '../test-app';
import { addMembership, createBody, createPerson, createRegistry, Registry } from '../factories';

export interface Board {
  id: string;
  shortName: string;
  /** members[0] is the chair */
  members: { id: string; name: string }[];
  substitutes: { id: string; name: string }[];
}

export interface MinutesWorld extends Registry {
  rs: Board;
  au: Board;
  auth: { Authorization: string };
}

async function seatBoard(
  t: TestApp,
  reg: Registry,
  bodyId: string,
  shortName: string,
  size: number,
  substitutes: number,
): Promise<Board> {
  const members: Board['members'] = [];
  const subs: Board['substitutes'] = [];
  for (let i = 0; i < size + substitutes; i++) {
    const person = await createPerson(t, reg.registrarToken, reg.organisationId, {
      name: `${i < size ? 'Ledamot' : 'Ersättare'} ${shortName} ${i + 1}`,
      party: ['S', 'M', 'C', 'V', 'KD', 'L', 'SD'][i % 7],
    });
    await addMembership(t, reg.registrarToken, bodyId, {
      personId: person.id,
      role: i === 0 ? 'chair' : i < size ? 'member' : 'substitute',
      validFrom: '2020-01-01',
    });
    (i < size ? members : subs).push(person);
  }
  return { id: bodyId, shortName, members, substitutes: subs };
}

/** Regionstyrelsen (7 seats, 2 substitutes) and its arbetsutskott (3 seats) in one region. */
export async function createMinutesWorld(t: TestApp): Promise<MinutesWorld> {
  const reg = await createRegistry(t);
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
  const rs = await seatBoard(t, reg, rsBody.id, 'RS', 7, 2);
  const au = await seatBoard(t, reg, auBody.id, 'RSAU', 3, 0);
  return { ...reg, rs, au, auth: { Authorization: `Bearer ${reg.registrarToken}` } };
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

/** A meeting with the chair, two adjusters and every seat holder present. */
export async function createHeldMeeting(
  t: TestApp,
  w: MinutesWorld,
  board: Board,
  meetingDate: string,
  options: { attend?: boolean; hold?: boolean } = {},
): Promise<{ id: string }> {
  const meeting = await ok<{ id: string }>(
    t.http
      .post(`/api/bodies/${board.id}/meetings`)
      .set(w.auth)
      .send({
        meetingDate,
        startTime: '09:00',
        endTime: '12:00',
        place: 'Regionens hus, sammanträdesrum Storsjön',
        chairPersonId: board.members[0].id,
        adjusterPersonIds:
          board.members.length > 2
            ? [board.members[1].id, board.members[2].id]
            : [board.members[1].id],
        adjustmentPlace: 'Regionens hus',
        adjustmentDate: meetingDate,
      }),
  );
  if (options.attend !== false) {
    await ok(
      t.http
        .put(`/api/meetings/${meeting.id}/attendance`)
        .set(w.auth)
        .send({ entries: board.members.map((p) => ({ personId: p.id, role: 'member' })) }),
      200,
    );
  }
  if (options.hold !== false) {
    await ok(t.http.post(`/api/meetings/${meeting.id}/hold`).set(w.auth).send({}), 200);
  }
  return meeting;
}

/**
 * The registrar records a paper signature of the chair and of each adjuster (dated signedAt,
 * default now), adjusting the minutes.
 */
export async function signAll(
  t: TestApp,
  w: MinutesWorld,
  meetingId: string,
  signedAt?: string,
): Promise<Record<string, unknown>> {
  const meeting = await ok<{ signatories: { person: { id: string } }[] }>(
    t.http.get(`/api/meetings/${meetingId}`).set(w.auth),
    200,
  );
  let last: Record<string, unknown> = {};
  for (const s of meeting.signatories) {
    last = await ok(
      t.http
        .post(`/api/meetings/${meetingId}/signatures`)
        .set(w.auth)
        .send({
          personId: s.person.id,
          method: 'paper',
          signedAt: signedAt ?? new Date().toISOString(),
        }),
    );
  }
  return last;
}
