import { addMembership, createBody, createPerson, createRegistry, Registry } from '../factories';
import type { TestApp } from '../test-app';

export const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

export interface MotionWorld extends Registry {
  council: { id: string };
  board: { id: string };
  workingCommittee: { id: string };
  hamberg: { id: string; name: string; party: string | null };
  andersson: { id: string; name: string; party: string | null };
  boardMember: { id: string; name: string; party: string | null };
  outsider: { id: string; name: string; party: string | null };
}

/**
 * Region Jämtland Härjedalen with its council (RF), board (RS) and working committee (RSAU).
 * Robert Hamberg (M) sits on both the council and the board from 2023; Anna Andersson (S) on the
 * council; Lena Berg (C) on the board only; Olle Utanför (V) on neither.
 */
export async function createMotionWorld(t: TestApp): Promise<MotionWorld> {
  const r = await createRegistry(t);
  const token = r.registrarToken;
  const council = await createBody(t, token, r.organisationId, {
    name: 'Regionfullmäktige',
    shortName: 'RF',
    kind: 'council',
  });
  const board = await createBody(t, token, r.organisationId, {
    name: 'Regionstyrelsen',
    shortName: 'RS',
    kind: 'board',
  });
  const workingCommittee = await createBody(t, token, r.organisationId, {
    name: 'Regionstyrelsens arbetsutskott',
    shortName: 'RSAU',
    kind: 'working_committee',
    preparesForBodyId: board.id,
  });
  const hamberg = await createPerson(t, token, r.organisationId, {
    name: 'Robert Hamberg',
    party: 'M',
  });
  const andersson = await createPerson(t, token, r.organisationId, {
    name: 'Anna Andersson',
    party: 'S',
  });
  const boardMember = await createPerson(t, token, r.organisationId, {
    name: 'Lena Berg',
    party: 'C',
  });
  const outsider = await createPerson(t, token, r.organisationId, {
    name: 'Olle Utanför',
    party: 'V',
  });
  for (const [body, person] of [
    [council, hamberg],
    [council, andersson],
    [board, hamberg],
    [board, boardMember],
  ] as const) {
    await addMembership(t, token, body.id, {
      personId: person.id,
      role: 'member',
      validFrom: '2023-01-01',
    });
  }
  return { ...r, council, board, workingCommittee, hamberg, andersson, boardMember, outsider };
}

export interface RaiseInput {
  bodyId: string;
  kind: 'motion' | 'initiative' | 'citizen_proposal';
  title: string;
  raisedOn: string;
  signatoryIds?: string[];
  citizenName?: string;
  caseNumber?: string;
  clauses?: string[];
  raisedParagraphId?: string;
}

export async function raiseMotion(
  t: TestApp,
  token: string,
  input: RaiseInput,
): Promise<{ id: string; status: string; decisionDue: string }> {
  const res = await t.http.post('/api/motions').set(auth(token)).send(input);
  if (res.status !== 201) throw new Error(`raiseMotion: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function step(
  t: TestApp,
  token: string,
  motionId: string,
  body: Record<string, unknown>,
  expected = 201,
) {
  const res = await t.http.post(`/api/motions/${motionId}/events`).set(auth(token)).send(body);
  if (res.status !== expected) {
    throw new Error(`step ${JSON.stringify(body)}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return res;
}

/** Counts rows of the motion tables, to show a refused request changed nothing. */
export async function motionTableCounts(t: TestApp): Promise<Record<string, number>> {
  const [row] = await t.dataSource.query(
    `SELECT (SELECT count(*) FROM motion)::int AS motion,
            (SELECT count(*) FROM motion_signatory)::int AS signatory,
            (SELECT count(*) FROM motion_clause)::int AS clause,
            (SELECT count(*) FROM motion_event)::int AS event,
            (SELECT count(*) FROM motion_document)::int AS document,
            (SELECT count(*) FROM audit_event WHERE entity LIKE 'motion%')::int AS audit`,
  );
  return row;
}
