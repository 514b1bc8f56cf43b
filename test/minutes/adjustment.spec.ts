import { createOrganisation } from '../factories';
import { createTestApp, TestApp } from '../test-app';
import { createBodyWithMembers, minuteParagraph } from '../decisions/decision-helpers';
import { createApplication, kronor } from '../grants/grant-helpers';
import { createHeldMeeting, createMinutesWorld, MinutesWorld, ok } from './minutes-helpers';

interface Signature {
  person: { id: string };
  method: string;
  minutesHash: string;
  signedAt: string;
  recordedBy: { userId: string | null };
  recordedAt: string;
  status: 'valid' | 'void';
  voidedAt: string | null;
  voidReason: string | null;
}

interface History {
  status: string;
  currentMinutesHash: string | null;
  signatures: Signature[];
}

interface MeetingBody {
  status: string;
  adjustedAt: string | null;
  signatories: { person: { id: string }; signedAt: string | null }[];
}

describe('adjustment: signatures over the rendered minutes, and the frozen record', () => {
  let t: TestApp;
  let w: MinutesWorld;
  beforeAll(async () => {
    t = await createTestApp();
    w = await createMinutesWorld(t);
  });
  afterAll(() => t.close());

  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

  async function decidedParagraph(meetingId: string, title: string): Promise<{ id: string }> {
    const p = await ok<{ id: string }>(
      t.http.post(`/api/meetings/${meetingId}/paragraphs`).set(w.auth).send({ title }),
    );
    await ok(
      t.http
        .post(`/api/paragraphs/${p.id}/decision`)
        .set(w.auth)
        .send({ clauses: ['x'] }),
    );
    return p;
  }

  const sign = (meetingId: string, auth: Record<string, string>, body: object) =>
    t.http.post(`/api/meetings/${meetingId}/signatures`).set(auth).send(body);

  const paper = (meetingId: string, personId: string, signedAt = new Date().toISOString()) =>
    ok<MeetingBody>(sign(meetingId, w.auth, { personId, method: 'paper', signedAt }));

  const history = (meetingId: string) =>
    ok<History>(t.http.get(`/api/meetings/${meetingId}/signatures`).set(w.auth), 200);

  const countSignatures = async (meetingId: string): Promise<number> =>
    (
      await t.dataSource.query(
        `SELECT count(*)::int AS count FROM meeting_signature WHERE meeting_id = $1`,
        [meetingId],
      )
    )[0].count;

  it('a politician signs themself, timed by the server; nobody signs for another', async () => {
    const meeting = await createHeldMeeting(t, w, w.rs, '2024-03-05');
    await decidedParagraph(meeting.id, 'Delårsrapport');
    const [chair, adjuster1, adjuster2] = w.rs.members;
    const chairToken = await t.tokenFor('politician', { personId: chair.id });
    const adjusterToken = await t.tokenFor('politician', { personId: adjuster1.id });

    const before = Date.now();
    const signed = await ok<MeetingBody>(sign(meeting.id, bearer(chairToken), {}));
    const mine = signed.signatories.find((s) => s.person.id === chair.id)!;
    expect(Math.abs(new Date(mine.signedAt!).getTime() - before)).toBeLessThan(60_000);
    expect(signed.status).toBe('held');
    // Once is enough.
    expect((await sign(meeting.id, bearer(chairToken), {})).status).toBe(409);

    // A politician gives no date, signs no one else, records no paper.
    const dated = await sign(meeting.id, bearer(adjusterToken), {
      signedAt: '2024-03-06T10:00:00Z',
    });
    expect(dated.status).toBe(422);
    expect(dated.body.field).toBe('signedAt');
    expect((await sign(meeting.id, bearer(adjusterToken), { personId: adjuster2.id })).status).toBe(
      403,
    );
    expect((await sign(meeting.id, bearer(adjusterToken), { method: 'paper' })).status).toBe(403);
    // A politician of another organisation cannot sign at all.
    const other = await createMinutesWorld(t);
    const stranger = await t.tokenFor('politician', { personId: other.rs.members[1].id });
    expect((await sign(meeting.id, bearer(stranger), {})).status).toBe(403);

    // The registrar records paper signatures only, dated within the meeting and now.
    expect(
      (await sign(meeting.id, w.auth, { personId: adjuster1.id, method: 'electronic' })).status,
    ).toBe(403);
    const undated = await sign(meeting.id, w.auth, { personId: adjuster1.id, method: 'paper' });
    expect(undated.status).toBe(400);
    expect(undated.body.errors[0].field).toBe('signedAt');
    const future = await sign(meeting.id, w.auth, {
      personId: adjuster1.id,
      method: 'paper',
      signedAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
    });
    expect(future.status).toBe(422);
    expect(future.body.field).toBe('signedAt');
    const early = await sign(meeting.id, w.auth, {
      personId: adjuster1.id,
      method: 'paper',
      signedAt: '2024-03-04T12:00:00Z',
    });
    expect(early.status).toBe(422);
    expect(early.body.field).toBe('signedAt');
    expect(await countSignatures(meeting.id)).toBe(1);

    const h = await history(meeting.id);
    expect(h.signatures).toHaveLength(1);
    expect(h.signatures[0]).toMatchObject({
      person: { id: chair.id },
      method: 'electronic',
      status: 'valid',
      voidedAt: null,
      minutesHash: h.currentMinutesHash,
    });
    expect(h.currentMinutesHash).toMatch(/^[0-9a-f]{64}$/);

    // Paper signatures of the adjusters adjust the minutes; the history tells them apart.
    await paper(meeting.id, adjuster1.id, '2024-03-07T09:00:00+01:00');
    const adjusted = await paper(meeting.id, adjuster2.id, '2024-03-08T09:00:00+01:00');
    expect(adjusted.status).toBe('adjusted');
    // Adjusted when the last signature was given: the chair's, today.
    expect(adjusted.adjustedAt).toBe(mine.signedAt);
    const registrarView = await ok<History>(
      t.http.get(`/api/meetings/${meeting.id}/signatures`).set(w.auth),
      200,
    );
    expect(registrarView.signatures.map((s) => [s.method, s.status])).toEqual([
      ['electronic', 'valid'],
      ['paper', 'valid'],
      ['paper', 'valid'],
    ]);
    expect(registrarView.signatures[1].recordedBy.userId).toEqual(expect.any(String));
    expect(registrarView.signatures[1].signedAt).toBe('2024-03-07T08:00:00.000Z');
  });

  it('any change after a signature voids it; adjustment needs valid signatures over the current minutes', async () => {
    const meeting = await createHeldMeeting(t, w, w.rs, '2024-04-09');
    const p = await decidedParagraph(meeting.id, 'Investeringsplan');
    const [chair, adjuster1, adjuster2] = w.rs.members;
    const chairToken = await t.tokenFor('politician', { personId: chair.id });

    await ok(sign(meeting.id, bearer(chairToken), {}));
    await paper(meeting.id, adjuster1.id, '2024-04-10T09:00:00Z');
    const signedHash = (await history(meeting.id)).currentMinutesHash;
    // Signatures of a draft are the organisation's: outsiders get 404 and write nothing.
    await ok(t.http.get(`/api/meetings/${meeting.id}/signatures`), 404);

    // The registrar edits the paragraph after two signatures.
    await ok(
      t.http.patch(`/api/paragraphs/${p.id}`).set(w.auth).send({ title: 'Investeringsplan 2025' }),
      200,
    );
    const h = await history(meeting.id);
    expect(h.currentMinutesHash).not.toBe(signedHash);
    expect(h.signatures.map((s) => s.status)).toEqual(['void', 'void']);
    for (const s of h.signatures) {
      expect(s.minutesHash).toBe(signedHash);
      expect(s.voidedAt).toEqual(expect.any(String));
      expect(s.voidReason).toContain('changed after this signature');
    }
    const held = await ok<MeetingBody>(t.http.get(`/api/meetings/${meeting.id}`), 200);
    expect(held.signatories.map((s) => s.signedAt)).toEqual([null, null, null]);

    // Signed again over the new content by two of three; then the cover page changes.
    await paper(meeting.id, adjuster2.id);
    await ok(sign(meeting.id, bearer(chairToken), {}));
    await ok(
      t.http.patch(`/api/meetings/${meeting.id}`).set(w.auth).send({ place: 'Folkets hus' }),
      200,
    );
    // The next signature finds the two stale ones and voids them: not adjusted.
    const third = await paper(meeting.id, adjuster1.id);
    expect(third.status).toBe('held');
    expect(third.signatories.filter((s) => s.signedAt !== null)).toHaveLength(1);

    await paper(meeting.id, adjuster2.id);
    const done = await ok<MeetingBody>(sign(meeting.id, bearer(chairToken), {}));
    expect(done.status).toBe('adjusted');
    const final = await history(meeting.id);
    expect(final.currentMinutesHash).toBeNull();
    await ok(t.http.get(`/api/meetings/${meeting.id}/signatures`), 200);
    expect(final.signatures.map((s) => s.status)).toEqual([
      'void',
      'void',
      'void',
      'void',
      'valid',
      'valid',
      'valid',
    ]);
    const valid = final.signatures.filter((s) => s.status === 'valid');
    expect(new Set(valid.map((s) => s.minutesHash)).size).toBe(1);
    expect(valid.map((s) => s.person.id).sort()).toEqual(
      [chair.id, adjuster1.id, adjuster2.id].sort(),
    );
    // The history cannot be rewritten, and the record is frozen once.
    await expect(
      t.dataSource.query(`DELETE FROM meeting_signature WHERE meeting_id = $1`, [meeting.id]),
    ).rejects.toThrow(/cannot be removed/);
    await expect(
      t.dataSource.query(
        `UPDATE adjusted_record_snapshot SET view = '{}'::jsonb WHERE meeting_id = $1`,
        [meeting.id],
      ),
    ).rejects.toThrow(/frozen/);
    const [{ count }] = await t.dataSource.query(
      `SELECT count(*)::int AS count FROM adjusted_record_snapshot WHERE meeting_id = $1`,
      [meeting.id],
    );
    expect(count).toBe(2); // the meeting and its paragraph
  });

  it('an adjusted record renders byte-identical after renames and membership changes', async () => {
    const admin = await t.tokenFor('admin');
    const org = await createOrganisation(t, admin, { name: 'Region Gävleborg' });
    const registrar = await t.tokenFor('registrar', { organisationId: org.id });
    const auth = bearer(registrar);
    const rs = await createBodyWithMembers(t, registrar, org.id, {
      name: 'Regionstyrelsen',
      shortName: 'RS',
      kind: 'board',
    });
    const decision = await minuteParagraph(t, registrar, rs, {
      meetingDate: '2024-11-12',
      title: 'Deltagande i regiongemensam ansökan',
      caseNumber: 'RS/77/2024',
      clauses: ['Regionen deltar i ansökan.', 'Regiondirektören undertecknar ansökan.'],
      adjust: 'minutes',
      adjustedAt: '2024-11-14T10:00:00Z',
      announceOn: '2024-11-15',
      notDispatched: true,
    });
    const immediate = await minuteParagraph(t, registrar, rs, {
      meetingDate: '2024-12-03',
      title: 'Brådskande yttrande',
      clauses: ['Yttrandet lämnas.'],
      adjust: 'immediate',
      adjustedAt: '2024-12-03T16:00:00Z',
    });
    const issueExtract = () =>
      ok<{ id: string; htmlUrl: string }>(
        t.http
          .post('/api/extracts')
          .set(auth)
          .send({
            paragraphIds: [decision.paragraphId],
            certifierName: 'Eva Registrator',
            certifierTitle: 'Nämndsekreterare',
            issuedOn: '2024-11-20',
          }),
      );
    const extractA = await issueExtract();
    const application = await createApplication(t, registrar, {
      title: 'Ansökan om statsbidrag',
      applicants: [
        {
          organisationId: org.id,
          isLead: true,
          signatoryName: 'Regiondirektör',
          authorisingClauseId: decision.clauses[0].id,
        },
      ],
      measures: [
        { title: 'Satsning', estimatedCostOre: kronor(1000), requestedAmountOre: kronor(500) },
      ],
    });

    const text = async (url: string, headers: Record<string, string> = {}) =>
      (await t.http.get(url).set(headers).expect(200)).text;
    const outputs = async () => ({
      minutesPublic: await text(`/api/meetings/${decision.meetingId}/minutes.html`),
      minutesRegistrar: await text(`/api/meetings/${decision.meetingId}/minutes.html`, auth),
      meeting: await text(`/api/meetings/${decision.meetingId}`),
      paragraph: await text(`/api/paragraphs/${decision.paragraphId}`),
      immediateParagraph: await text(`/api/paragraphs/${immediate.paragraphId}`),
      decision: await text(`/api/decisions/${decision.paragraphId}`),
      clause: await text(`/api/decisions/${decision.paragraphId}/clauses/1`),
      extract: await text(extractA.htmlUrl),
      citation: await text(`/api/grant-applications/${application.id}/citation.html`, auth),
    });
    const before = await outputs();
    expect(before.minutesPublic).toContain('Region Gävleborg');
    expect(before.citation).toContain('Regionstyrelsen 2024-11-12 § 1');
    expect(JSON.parse(before.paragraph).attendance.seats).toBe(3);

    // Renames of the organisation, the body and the chair; one more seat on the board.
    await ok(
      t.http
        .patch(`/api/organisations/${org.id}`)
        .set(bearer(admin))
        .send({ name: 'Region Gävleborg (nytt namn)' }),
      200,
    );
    await ok(
      t.http
        .patch(`/api/bodies/${rs.body.id}`)
        .set(auth)
        .send({ name: 'Regionstyrelsen (ny)', shortName: 'RSN' }),
      200,
    );
    await ok(
      t.http
        .patch(`/api/people/${rs.members[0].id}`)
        .set(auth)
        .send({ name: 'Omdöpt Ordförande', party: 'M' }),
      200,
    );
    const newcomer = await ok<{ id: string }>(
      t.http.post('/api/people').set(auth).send({ organisationId: org.id, name: 'Ny Ledamot' }),
    );
    await ok(
      t.http
        .post(`/api/bodies/${rs.body.id}/memberships`)
        .set(auth)
        .send({ personId: newcomer.id, role: 'member', validFrom: '2023-01-01' }),
    );
    // The changes are real…
    const live = await ok<{ name: string }>(t.http.get(`/api/people/${rs.members[0].id}`), 200);
    expect(live.name).toBe('Omdöpt Ordförande');
    const nextMeeting = await ok<{ id: string }>(
      t.http
        .post(`/api/bodies/${rs.body.id}/meetings`)
        .set(auth)
        .send({ meetingDate: '2025-01-14' }),
    );
    const draft = await ok<{ attendance: { seats: number } }>(
      t.http.post(`/api/meetings/${nextMeeting.id}/paragraphs`).set(auth).send({ title: 'Nästa' }),
    );
    expect(draft.attendance.seats).toBe(4);

    // …and change nothing the adjusted record prints.
    const after = await outputs();
    for (const key of Object.keys(before) as (keyof typeof before)[]) {
      expect({ key, output: after[key] }).toEqual({ key, output: before[key] });
    }
    // An extract issued later is made from the frozen record too.
    const extractB = await issueExtract();
    const later = await text(extractB.htmlUrl);
    expect(later).toBe(before.extract.split(extractA.id).join(extractB.id));
  });

  it('a body keeps its kind and numbering once it has paragraphs (409 with the reason)', async () => {
    const board = await ok<{ id: string }>(
      t.http
        .post(`/api/organisations/${w.organisationId}/bodies`)
        .set(w.auth)
        .send({ name: 'Kulturnämnden', shortName: 'KN', kind: 'committee' }),
    );
    // Without paragraphs both may still change.
    await ok(
      t.http
        .patch(`/api/bodies/${board.id}`)
        .set(w.auth)
        .send({ kind: 'board', paragraphNumbering: 'continuous' }),
      200,
    );
    const res = await t.http
      .post(`/api/bodies/${board.id}/meetings`)
      .set(w.auth)
      .send({ meetingDate: '2024-05-14' });
    await ok(
      t.http.post(`/api/meetings/${res.body.id}/paragraphs`).set(w.auth).send({ title: 'Budget' }),
    );
    const kind = await t.http
      .patch(`/api/bodies/${board.id}`)
      .set(w.auth)
      .send({ kind: 'council' });
    expect(kind.status).toBe(409);
    expect(kind.body.detail).toContain('kind can no longer change');
    const numbering = await t.http
      .patch(`/api/bodies/${board.id}`)
      .set(w.auth)
      .send({ paragraphNumbering: 'per_year' });
    expect(numbering.status).toBe(409);
    expect(numbering.body.detail).toContain('numbering can no longer change');
    const [row] = await t.dataSource.query(
      `SELECT kind, paragraph_numbering FROM body WHERE id = $1`,
      [board.id],
    );
    expect(row).toEqual({ kind: 'board', paragraph_numbering: 'continuous' });
    // The same values, or a rename, are fine.
    await ok(
      t.http.patch(`/api/bodies/${board.id}`).set(w.auth).send({ kind: 'board', name: 'KN ny' }),
      200,
    );
  });

  it('an appeal cannot predate the announcement nor lie in the future (422 naming the field)', async () => {
    const meeting = await createHeldMeeting(t, w, w.rs, '2024-06-11');
    const p = await decidedParagraph(meeting.id, 'Detaljplan');
    for (const s of [w.rs.members[0], w.rs.members[1], w.rs.members[2]]) {
      await paper(meeting.id, s.id, '2024-06-13T10:00:00Z');
    }
    await ok(
      t.http
        .post(`/api/meetings/${meeting.id}/announcement`)
        .set(w.auth)
        .send({ postedOn: '2024-06-14' }),
    );
    const appeal = (registeredAt: string) =>
      t.http.post(`/api/paragraphs/${p.id}/appeals`).set(w.auth).send({ registeredAt });
    for (const at of [
      '1999-03-01T10:00:00Z',
      '2024-06-13T21:00:00Z', // 23:00 in Sweden, the day before the posting
      new Date(Date.now() + 3 * 86_400_000).toISOString(),
    ]) {
      const res = await appeal(at);
      expect({ at, status: res.status, field: res.body.field }).toEqual({
        at,
        status: 422,
        field: 'registeredAt',
      });
    }
    const [row] = await t.dataSource.query(
      `SELECT appeal_registered_at FROM paragraph WHERE id = $1`,
      [p.id],
    );
    expect(row.appeal_registered_at).toBeNull();
    const accepted = await ok<{ appeal: { legalForce: string } }>(appeal('2024-06-14T08:00:00Z'));
    expect(accepted.appeal.legalForce).toBe('appealed');
  });
});
