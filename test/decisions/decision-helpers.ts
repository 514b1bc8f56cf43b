import { createBoardWithMembers } from '../factories';
import type { TestApp } from '../test-app';

/**
 * Builds decisions the way the register gets them: through the minutes API (meeting,
 * attendance, paragraph, decision clauses, signing or immediate adjustment, announcement).
 */
export interface BodyWithMembers {
  body: { id: string; shortName: string };
  members: { id: string; name: string }[];
}

export async function createBodyWithMembers(
  t: TestApp,
  token: string,
  organisationId: string,
  options: { name: string; shortName: string; kind: string; preparesForBodyId?: string },
): Promise<BodyWithMembers> {
  if (!options.preparesForBodyId) {
    return createBoardWithMembers(t, token, organisationId, { ...options, size: 3 });
  }
  // createBoardWithMembers cannot set preparesForBodyId: create the body first.
  const res = await t.http
    .post(`/api/organisations/${organisationId}/bodies`)
    .set('Authorization', `Bearer ${token}`)
    .send(options);
  if (res.status !== 201) throw new Error(`body: ${res.status} ${JSON.stringify(res.body)}`);
  const body = res.body as { id: string; shortName: string };
  const members: { id: string; name: string }[] = [];
  for (let i = 0; i < 3; i++) {
    const p = await t.http
      .post('/api/people')
      .set('Authorization', `Bearer ${token}`)
      .send({ organisationId, name: `Ledamot ${options.shortName} ${i + 1}`, party: 'S' });
    await t.http
      .post(`/api/bodies/${body.id}/memberships`)
      .set('Authorization', `Bearer ${token}`)
      .send({ personId: p.body.id, role: i === 0 ? 'chair' : 'member', validFrom: '2023-01-01' })
      .expect(201);
    members.push(p.body);
  }
  return { body, members };
}

export interface MinutedParagraph {
  paragraphId: string;
  meetingId: string;
  reference: string;
  number: number;
  clauses: { id: string; position: number; text: string }[];
}

async function ok(
  req: Promise<{ status: number; body: unknown }>,
  expected: number,
  what: string,
): Promise<Record<string, unknown>> {
  const res = await req;
  if (res.status !== expected) {
    throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return res.body as Record<string, unknown>;
}

/**
 * One meeting with one paragraph whose decision (or, for a working committee, proposal) has
 * the given clauses. adjust: 'minutes' signs the whole minutes, 'immediate' adjusts the
 * paragraph at the meeting, 'none' leaves it unadjusted.
 */
export async function minuteParagraph(
  t: TestApp,
  token: string,
  body: BodyWithMembers,
  options: {
    meetingDate: string;
    title: string;
    caseNumber?: string;
    clauses: string[];
    adjust: 'minutes' | 'immediate' | 'none';
    adjustedAt?: string;
    announceOn?: string;
    isPublic?: boolean;
    /** Seed 000's "Expedieras inte": an empty distribution list, set before adjustment. */
    notDispatched?: boolean;
  },
): Promise<MinutedParagraph> {
  const auth = { Authorization: `Bearer ${token}` };
  const [chair, adjuster] = body.members;
  const meeting = await ok(
    t.http
      .post(`/api/bodies/${body.body.id}/meetings`)
      .set(auth)
      .send({
        meetingDate: options.meetingDate,
        place: 'Regionens hus',
        chairPersonId: chair.id,
        adjusterPersonIds: [adjuster.id],
      }),
    201,
    'create meeting',
  );
  const meetingId = meeting.id as string;
  await ok(
    t.http
      .put(`/api/meetings/${meetingId}/attendance`)
      .set(auth)
      .send({ entries: body.members.map((p) => ({ personId: p.id, role: 'member' })) }),
    200,
    'attendance',
  );
  const paragraph = await ok(
    t.http
      .post(`/api/meetings/${meetingId}/paragraphs`)
      .set(auth)
      .send({
        title: options.title,
        ...(options.caseNumber ? { caseNumber: options.caseNumber } : {}),
        ...(options.isPublic === false ? { isPublic: false } : {}),
      }),
    201,
    'create paragraph',
  );
  const paragraphId = paragraph.id as string;
  const decided = await ok(
    t.http
      .post(`/api/paragraphs/${paragraphId}/decision`)
      .set(auth)
      .send({ clauses: options.clauses }),
    201,
    'record decision',
  );
  if (options.notDispatched) {
    await ok(
      t.http
        .put(`/api/paragraphs/${paragraphId}/distribution`)
        .set(auth)
        .send({ notDispatched: true }),
      200,
      'distribution',
    );
  }
  const adjustedAt = options.adjustedAt ?? `${options.meetingDate}T15:00:00Z`;
  if (options.adjust === 'minutes') {
    await ok(t.http.post(`/api/meetings/${meetingId}/hold`).set(auth).send({}), 200, 'hold');
    for (const person of [chair, adjuster]) {
      await ok(
        t.http
          .post(`/api/meetings/${meetingId}/signatures`)
          .set(auth)
          .send({ personId: person.id, method: 'paper', signedAt: adjustedAt }),
        201,
        'sign',
      );
    }
    if (options.announceOn) {
      await ok(
        t.http
          .post(`/api/meetings/${meetingId}/announcement`)
          .set(auth)
          .send({ postedOn: options.announceOn }),
        201,
        'announce minutes',
      );
    }
  } else if (options.adjust === 'immediate') {
    await ok(
      t.http
        .post(`/api/paragraphs/${paragraphId}/immediate-adjustment`)
        .set(auth)
        .send({ adjustedAt }),
      201,
      'immediate adjustment',
    );
    if (options.announceOn) {
      await ok(
        t.http
          .post(`/api/paragraphs/${paragraphId}/announcement`)
          .set(auth)
          .send({ postedOn: options.announceOn }),
        201,
        'announce paragraph',
      );
    }
  }
  return {
    paragraphId,
    meetingId,
    reference: decided.reference as string,
    number: decided.number as number,
    clauses: decided.clauses as MinutedParagraph['clauses'],
  };
}
