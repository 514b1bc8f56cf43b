import { createTestApp, TestApp } from '../test-app';
import { createRegistry } from '../factories';
import {
  createHeldMeeting,
  createMinutesWorld,
  MinutesWorld,
  ok,
  signAll,
} from './minutes-helpers';

interface View {
  id: string;
  number: number;
  reference: string;
  title: string;
  clauses: { text: string }[];
  attendance: { seats: number; presentSeats: number; quorum: boolean };
  votes: {
    yes: number;
    no: number;
    abstain: number;
    result: string;
    decidedByCastingVote: boolean;
  }[];
  proposals: { outcome: string; changes: { position: number; change: string }[] | null }[];
  adjustment: { adjusted: boolean; late: boolean; deadline: string };
  noticeBoard: {
    lateAnnouncement: boolean;
    appealLastDay: string;
    announcementDeadline: string;
  } | null;
  appeal: { legalForce: string; registeredAt: string | null };
  corrections: { reason: string; text: string }[];
}

describe('minutes rules', () => {
  let t: TestApp;
  let w: MinutesWorld;
  beforeAll(async () => {
    t = await createTestApp();
    w = await createMinutesWorld(t);
  });
  afterAll(() => t.close());

  const newParagraph = (meetingId: string, body: Record<string, unknown> = {}) =>
    ok<View>(
      t.http
        .post(`/api/meetings/${meetingId}/paragraphs`)
        .set(w.auth)
        .send({ title: 'Ärende', ...body }),
    );
  const decide = (id: string, clauses: string[], extra: Record<string, unknown> = {}) =>
    t.http
      .post(`/api/paragraphs/${id}/decision`)
      .set(w.auth)
      .send({ clauses, ...extra });

  /** An adjusted and announced paragraph of RS. */
  async function adjustedParagraph(date: string): Promise<{ meetingId: string; p: View }> {
    const meeting = await createHeldMeeting(t, w, w.rs, date);
    const p = await newParagraph(meeting.id, { title: 'Låst ärende', caseNumber: 'RS/1/2023' });
    await ok(decide(p.id, ['första att-satsen', 'andra att-satsen']));
    await signAll(t, w, meeting.id, `${date}T15:00:00Z`);
    return { meetingId: meeting.id, p };
  }

  it('numbers 30 concurrent paragraphs 1..30 with no gaps or duplicates', async () => {
    const meeting = await createHeldMeeting(t, w, w.rs, '2026-03-03');
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        t.http
          .post(`/api/meetings/${meeting.id}/paragraphs`)
          .set(w.auth)
          .send({ title: `Ärende ${i}` }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(30).fill(201));
    const numbers = results.map((r) => (r.body as View).number).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    // Another meeting of the same year continues the series; the next year restarts.
    const later = await createHeldMeeting(t, w, w.rs, '2026-04-07');
    expect((await newParagraph(later.id)).reference).toBe('RS 2026-04-07 § 31');
    const nextYear = await createHeldMeeting(t, w, w.rs, '2027-01-12');
    expect((await newParagraph(nextYear.id)).number).toBe(1);
  });

  it('continuous numbering does not restart with the year', async () => {
    const body = await ok<{ id: string }>(
      t.http.post(`/api/organisations/${w.organisationId}/bodies`).set(w.auth).send({
        name: 'Revisionen',
        shortName: 'REV',
        kind: 'committee',
        paragraphNumbering: 'continuous',
      }),
    );
    const m1 = await ok<{ id: string }>(
      t.http
        .post(`/api/bodies/${body.id}/meetings`)
        .set(w.auth)
        .send({ meetingDate: '2024-12-10' }),
    );
    const m2 = await ok<{ id: string }>(
      t.http
        .post(`/api/bodies/${body.id}/meetings`)
        .set(w.auth)
        .send({ meetingDate: '2025-01-14' }),
    );
    expect((await newParagraph(m1.id)).number).toBe(1);
    expect((await newParagraph(m2.id)).reference).toBe('REV 2025-01-14 § 2');
  });

  it('the database itself refuses changes to an adjusted paragraph and its clauses', async () => {
    const { p } = await adjustedParagraph('2023-05-09');
    await expect(
      t.dataSource.query(`UPDATE paragraph SET title = 'Ändrad' WHERE id = $1`, [p.id]),
    ).rejects.toMatchObject({ code: 'P0409', message: expect.stringContaining('is adjusted') });
    await expect(
      t.dataSource.query(`UPDATE paragraph SET adjusted_at = NULL WHERE id = $1`, [p.id]),
    ).rejects.toMatchObject({ code: 'P0409' });
    await expect(
      t.dataSource.query(`UPDATE paragraph_clause SET text = 'x' WHERE paragraph_id = $1`, [p.id]),
    ).rejects.toMatchObject({ code: 'P0409' });
    await expect(
      t.dataSource.query(`DELETE FROM paragraph_clause WHERE paragraph_id = $1`, [p.id]),
    ).rejects.toMatchObject({ code: 'P0409' });
    await expect(
      t.dataSource.query(
        `INSERT INTO paragraph_clause (paragraph_id, position, text) VALUES ($1, 9, 'ny')`,
        [p.id],
      ),
    ).rejects.toMatchObject({ code: 'P0409' });
    await expect(
      t.dataSource.query(`DELETE FROM paragraph_attendance WHERE paragraph_id = $1`, [p.id]),
    ).rejects.toMatchObject({ code: 'P0409' });
    await expect(
      t.dataSource.query(`DELETE FROM paragraph WHERE id = $1`, [p.id]),
    ).rejects.toMatchObject({
      code: 'P0409',
    });
    const [row] = await t.dataSource.query(`SELECT title FROM paragraph WHERE id = $1`, [p.id]);
    expect(row.title).toBe('Låst ärende');
    const clauses = await t.dataSource.query(
      `SELECT text FROM paragraph_clause WHERE paragraph_id = $1 ORDER BY position`,
      [p.id],
    );
    expect(clauses.map((c: { text: string }) => c.text)).toEqual([
      'första att-satsen',
      'andra att-satsen',
    ]);
    // The attendance was frozen with it.
    const [{ count }] = await t.dataSource.query(
      `SELECT count(*)::int AS count FROM paragraph_attendance WHERE paragraph_id = $1`,
      [p.id],
    );
    expect(count).toBe(7);
  });

  it('editing after adjustment gets 409 through the API and changes nothing; a correction is recorded beside it', async () => {
    const { meetingId, p } = await adjustedParagraph('2023-06-13');
    const patch = await t.http
      .patch(`/api/paragraphs/${p.id}`)
      .set(w.auth)
      .send({ title: 'Ny titel' });
    expect(patch.status).toBe(409);
    expect(patch.body.allowedNextSteps).toContain('corrections');
    expect((await decide(p.id, ['annat'])).status).toBe(409);
    await t.http
      .put(`/api/meetings/${meetingId}/attendance`)
      .set(w.auth)
      .send({ entries: [] })
      .expect(409);
    const view = await ok<View>(t.http.get(`/api/paragraphs/${p.id}`), 200);
    expect(view.title).toBe('Låst ärende');
    expect(view.clauses.map((c) => c.text)).toEqual(['första att-satsen', 'andra att-satsen']);

    const corrected = await ok<View>(
      t.http
        .post(`/api/paragraphs/${p.id}/corrections`)
        .set(w.auth)
        .send({ reason: 'Felskrivet diarienummer', text: 'Diarienumret ska vara RS/2/2023.' }),
    );
    expect(corrected.corrections).toEqual([
      expect.objectContaining({ reason: 'Felskrivet diarienummer' }),
    ]);
    const html = (await t.http.get(`/api/meetings/${meetingId}/minutes.html`).expect(200)).text;
    expect(html).toContain('<strong>Rättelse</strong>');
    expect(html).toContain('Diarienumret ska vara RS/2/2023.');
  });

  it('adjusting twice and signing by a non-adjuster are refused and change nothing', async () => {
    const meeting = await createHeldMeeting(t, w, w.rs, '2023-09-05');
    const p = await newParagraph(meeting.id);
    await ok(decide(p.id, ['beslut']));
    // A member who is not an adjuster
    const notAdjuster = await t.http
      .post(`/api/meetings/${meeting.id}/signatures`)
      .set(w.auth)
      .send({ personId: w.rs.members[5].id });
    expect(notAdjuster.status).toBe(422);
    const [{ count }] = await t.dataSource.query(
      `SELECT count(*)::int AS count FROM meeting_signatory WHERE meeting_id = $1 AND signed_at IS NOT NULL`,
      [meeting.id],
    );
    expect(count).toBe(0);
    // A politician cannot sign for someone else.
    const politician = await t.tokenFor('politician', { personId: w.rs.members[3].id });
    await t.http
      .post(`/api/meetings/${meeting.id}/signatures`)
      .set('Authorization', `Bearer ${politician}`)
      .send({ personId: w.rs.members[1].id })
      .expect(403);
    // The adjuster signs for themself.
    const adjuster = await t.tokenFor('politician', { personId: w.rs.members[1].id });
    await t.http
      .post(`/api/meetings/${meeting.id}/signatures`)
      .set('Authorization', `Bearer ${adjuster}`)
      .send({ personId: w.rs.members[1].id })
      .expect(201);
    await t.http
      .post(`/api/meetings/${meeting.id}/signatures`)
      .set(w.auth)
      .send({ personId: w.rs.members[1].id })
      .expect(409);
    // The registrar records the others' signatures made on paper.
    for (const signer of [w.rs.members[0], w.rs.members[2]]) {
      await ok(
        t.http
          .post(`/api/meetings/${meeting.id}/signatures`)
          .set(w.auth)
          .send({ personId: signer.id, method: 'paper', signedAt: new Date().toISOString() }),
      );
    }
    const adjustedMeeting = await ok<{ status: string; lateAdjustment: boolean }>(
      t.http.get(`/api/meetings/${meeting.id}`).set(w.auth),
      200,
    );
    expect(adjustedMeeting.status).toBe('adjusted');
    expect(adjustedMeeting.lateAdjustment).toBe(true); // signed today, long after 14 days
    const again = await t.http
      .post(`/api/meetings/${meeting.id}/signatures`)
      .set(w.auth)
      .send({ personId: w.rs.members[0].id });
    expect(again.status).toBe(409);
    const twice = await t.http
      .post(`/api/paragraphs/${p.id}/immediate-adjustment`)
      .set(w.auth)
      .send({});
    expect(twice.status).toBe(409);
    const [row] = await t.dataSource.query(
      `SELECT immediately_adjusted FROM paragraph WHERE id = $1`,
      [p.id],
    );
    expect(row.immediately_adjusted).toBe(false);
  });

  it('bad input: unknown body, empty clause list, malformed fields', async () => {
    const unknown = await t.http
      .post('/api/bodies/4b1c8c55-6c1e-4a8e-9a4f-0c8b5f0d0a11/meetings')
      .set(w.auth)
      .send({ meetingDate: '2025-01-01' });
    expect(unknown.status).toBe(404);
    const badDate = await t.http
      .post(`/api/bodies/${w.rs.id}/meetings`)
      .set(w.auth)
      .send({ meetingDate: '2025-02-30' });
    expect(badDate.status).toBe(400);
    expect(badDate.body.errors[0].field).toBe('meetingDate');

    const meeting = await createHeldMeeting(t, w, w.rs, '2023-10-03');
    const p = await newParagraph(meeting.id);
    const empty = await decide(p.id, []);
    expect(empty.status).toBe(400);
    expect(empty.body.errors[0].field).toBe('clauses');
    const [row] = await t.dataSource.query(
      `SELECT decision_recorded_at FROM paragraph WHERE id = $1`,
      [p.id],
    );
    expect(row.decision_recorded_at).toBeNull();
    await t.http.get('/api/paragraphs/not-a-uuid').expect(400);
    await t.http
      .get('/api/paragraphs/4b1c8c55-6c1e-4a8e-9a4f-0c8b5f0d0a11')
      .set(w.auth)
      .expect(404);
    // A working committee cannot take a final decision.
    const auMeeting = await createHeldMeeting(t, w, w.au, '2023-10-03');
    const wc = await t.http
      .post(`/api/meetings/${auMeeting.id}/paragraphs`)
      .set(w.auth)
      .send({ title: 'x', outcomeKind: 'decision' });
    expect(wc.status).toBe(422);
    // Signing before every paragraph has a decision.
    const sign = await t.http
      .post(`/api/meetings/${meeting.id}/signatures`)
      .set(w.auth)
      .send({ personId: w.rs.members[0].id });
    expect(sign.status).toBe(409);
    expect(sign.body.paragraphs).toEqual([p.reference]);
  });

  it('quorum: more than half of the seats; substitutes fill seats; recused members are out', async () => {
    const meeting = await createHeldMeeting(t, w, w.rs, '2023-11-07', { attend: false });
    const [a, b, c, d] = w.rs.members;
    const setAttendance = (entries: object[]) =>
      ok(t.http.put(`/api/meetings/${meeting.id}/attendance`).set(w.auth).send({ entries }), 200);
    await setAttendance([a, b, c].map((p) => ({ personId: p.id, role: 'member' })));
    const p = await newParagraph(meeting.id);
    const refused = await decide(p.id, ['beslut']);
    expect(refused.status).toBe(422);
    expect(refused.body.detail).toContain('quorum');
    expect(refused.body).toMatchObject({ presentSeats: 3, seats: 7, needed: 4 });
    expect(
      (await t.dataSource.query(`SELECT 1 FROM paragraph_clause WHERE paragraph_id = $1`, [p.id]))
        .length,
    ).toBe(0);

    // A substitute serving for an absent member counts for that seat.
    await setAttendance([
      ...[a, b, c].map((x) => ({ personId: x.id, role: 'member' })),
      { personId: w.rs.substitutes[0].id, role: 'substitute', servingForPersonId: d.id },
      { personId: w.rs.substitutes[1].id, role: 'substitute' },
    ]);
    const decided = await ok<View>(decide(p.id, ['beslut']));
    expect(decided.attendance).toMatchObject({ seats: 7, presentSeats: 4, quorum: true });

    // A recused member is out of that paragraph: no quorum for it.
    const p2 = await newParagraph(meeting.id);
    await ok(
      t.http
        .post(`/api/paragraphs/${p2.id}/recusals`)
        .set(w.auth)
        .send({ personId: b.id, reason: 'Styrelseledamot i bolaget' }),
    );
    expect((await decide(p2.id, ['beslut'])).status).toBe(422);

    // A substitute cannot serve for a member who is present.
    const dup = await t.http
      .put(`/api/meetings/${meeting.id}/attendance`)
      .set(w.auth)
      .send({
        entries: [
          { personId: a.id, role: 'member' },
          { personId: w.rs.substitutes[0].id, role: 'substitute', servingForPersonId: a.id },
        ],
      });
    expect(dup.status).toBe(422);
  });

  it('votes: every participating member votes ja/nej/avstår, the register counts; the chair breaks a tie', async () => {
    const meeting = await createHeldMeeting(t, w, w.rs, '2023-12-05');
    const p = await newParagraph(meeting.id);
    const members = w.rs.members;
    const missing = await t.http
      .post(`/api/paragraphs/${p.id}/votes`)
      .set(w.auth)
      .send({
        question: 'Bifall mot avslag',
        ballots: members.slice(0, 6).map((m) => ({ personId: m.id, choice: 'yes' })),
      });
    expect(missing.status).toBe(422);
    expect(missing.body.missing).toEqual([members[6].id]);

    const choices = ['yes', 'yes', 'no', 'no', 'yes', 'no', 'abstain'];
    const voted = await ok<View>(
      t.http
        .post(`/api/paragraphs/${p.id}/votes`)
        .set(w.auth)
        .send({
          question: 'Bifall till förslaget mot avslag',
          yesMeans: 'bifall',
          noMeans: 'avslag',
          ballots: members.map((m, i) => ({ personId: m.id, choice: choices[i] })),
        }),
    );
    expect(voted.votes[0]).toMatchObject({
      yes: 3,
      no: 3,
      abstain: 1,
      result: 'yes',
      decidedByCastingVote: true,
    });

    // A recused member may not vote.
    const p2 = await newParagraph(meeting.id);
    await ok(
      t.http
        .post(`/api/paragraphs/${p2.id}/recusals`)
        .set(w.auth)
        .send({ personId: members[6].id }),
    );
    const withRecused = await t.http
      .post(`/api/paragraphs/${p2.id}/votes`)
      .set(w.auth)
      .send({
        question: 'Bifall',
        ballots: members.map((m) => ({ personId: m.id, choice: 'yes' })),
      });
    expect(withRecused.status).toBe(422);
    expect(withRecused.body.notEntitled).toEqual([members[6].id]);
    const counted = await ok<View>(
      t.http
        .post(`/api/paragraphs/${p2.id}/votes`)
        .set(w.auth)
        .send({
          question: 'Bifall',
          ballots: members
            .slice(0, 6)
            .map((m, i) => ({ personId: m.id, choice: i < 2 ? 'no' : 'yes' })),
        }),
    );
    expect(counted.votes[0]).toMatchObject({
      yes: 4,
      no: 2,
      result: 'yes',
      decidedByCastingVote: false,
    });
    // Reservations only from those who took part.
    await t.http
      .post(`/api/paragraphs/${p2.id}/reservations`)
      .set(w.auth)
      .send({ personId: members[6].id })
      .expect(422);
    await ok(
      t.http
        .post(`/api/paragraphs/${p2.id}/reservations`)
        .set(w.auth)
        .send({ personId: members[0].id, reason: 'Till förmån för eget yrkande' }),
    );
    await ok(
      t.http
        .post(`/api/paragraphs/${p2.id}/motions`)
        .set(w.auth)
        .send({ proposerPersonId: members[0].id, text: 'Avslag' }),
    );
    await ok(
      t.http
        .post(`/api/paragraphs/${p2.id}/protocol-notes`)
        .set(w.auth)
        .send({ personId: members[1].id, text: 'Anteckning' }),
    );
    await ok(decide(p2.id, ['bifall']));
    await ok(decide(p.id, ['bifall']));
    const html = (
      await t.http.get(`/api/meetings/${meeting.id}/minutes.html`).set(w.auth).expect(200)
    ).text;
    expect(html).toContain('<h3>Omröstning</h3>');
    expect(html).toContain('Resultat: 3 ja, 3 nej, 1 avstår. Ordförandens utslagsröst avgör.');
    expect(html).toContain(
      `${members[0].name} (S) reserverar sig mot beslutet: Till förmån för eget yrkande`,
    );
    expect(html).toContain('<h3>Jäv</h3>');
  });

  it('proposals: decided with changes shows a clause diff; sent back keeps it open for a later meeting', async () => {
    const proposal = await ok<{ id: string }>(
      t.http
        .post('/api/proposals')
        .set(w.auth)
        .send({
          toBodyId: w.rs.id,
          officerName: 'Sara Lewerentz',
          officerTitle: 'Regiondirektör',
          title: 'Budget',
          clauses: ['anta budgeten', 'uppdra åt regiondirektören att verkställa'],
        }),
    );
    const m1 = await createHeldMeeting(t, w, w.rs, '2024-02-06');
    const p1 = await newParagraph(m1.id, { proposalIds: [proposal.id] });
    const sentBack = await ok<View>(
      decide(p1.id, ['Ärendet återremitteras.'], { proposalOutcome: 'sent_back' }),
    );
    expect(sentBack.proposals[0].outcome).toBe('sent_back');
    const m2 = await createHeldMeeting(t, w, w.rs, '2024-03-05');
    const p2 = await newParagraph(m2.id, { proposalIds: [proposal.id] });
    const changed = await ok<View>(
      decide(p2.id, [
        'anta budgeten med ändringen att ramen höjs',
        'uppdra åt regiondirektören att verkställa',
        'återrapportera i juni',
      ]),
    );
    expect(changed.proposals[0].outcome).toBe('decided_with_changes');
    expect(changed.proposals[0].changes!.map((c) => c.change)).toEqual([
      'changed',
      'unchanged',
      'added',
    ]);
    // Unadjusted handlings are the organisation's to see (anonymous: review.spec.ts).
    const tracked = await ok<{ status: string; handlings: { outcome: string }[] }>(
      t.http.get(`/api/proposals/${proposal.id}`).set(w.auth),
      200,
    );
    expect(tracked.status).toBe('decided_with_changes');
    expect(tracked.handlings.map((h) => h.outcome)).toEqual(['sent_back', 'decided_with_changes']);
    // A decided proposal cannot be handled again; proposals go to their own body only.
    const m3 = await createHeldMeeting(t, w, w.rs, '2024-04-09');
    const p3 = await newParagraph(m3.id);
    await t.http
      .post(`/api/paragraphs/${p3.id}/proposals`)
      .set(w.auth)
      .send({ proposalId: proposal.id })
      .expect(409);
    await t.http.post(`/api/proposals/${proposal.id}/withdraw`).set(w.auth).expect(409);
    // The proposal's clauses are frozen in the database once handled.
    await expect(
      t.dataSource.query(`UPDATE proposal_clause SET text = 'x' WHERE proposal_id = $1`, [
        proposal.id,
      ]),
    ).rejects.toMatchObject({ code: 'P0409' });
  });

  it('publishing: drafts and non-public paragraphs need a token of the organisation', async () => {
    const meeting = await createHeldMeeting(t, w, w.rs, '2024-05-14');
    const open = await newParagraph(meeting.id, { title: 'Öppet <b>ärende</b>' });
    const secret = await newParagraph(meeting.id, { title: 'Hemligt ärende', isPublic: false });
    await ok(decide(open.id, ['att <script>alert(1)</script> inte körs']));
    await ok(decide(secret.id, ['hemligt beslut']));
    const other = await createRegistry(t);
    const otherAuth = { Authorization: `Bearer ${other.registrarToken}` };

    await t.http.get(`/api/paragraphs/${open.id}`).expect(404);
    await t.http.get(`/api/paragraphs/${open.id}`).set(otherAuth).expect(404);
    await t.http.get(`/api/paragraphs/${open.id}`).set(w.auth).expect(200);
    expect(
      (await t.http.get(`/api/paragraphs?meetingId=${meeting.id}`).expect(200)).body.items,
    ).toEqual([]);

    await signAll(t, w, meeting.id, '2024-05-16T09:00:00Z');
    await t.http.get(`/api/paragraphs/${open.id}`).expect(200);
    await t.http.get(`/api/paragraphs/${secret.id}`).expect(404);
    await t.http.get(`/api/paragraphs/${secret.id}`).set(w.auth).expect(200);
    const list = (await t.http.get(`/api/paragraphs?meetingId=${meeting.id}`).expect(200)).body
      .items;
    expect(list.map((p: { id: string }) => p.id)).toEqual([open.id]);

    const anonymousHtml = (await t.http.get(`/api/meetings/${meeting.id}/minutes.html`).expect(200))
      .text;
    expect(anonymousHtml).not.toContain('Hemligt ärende');
    expect(anonymousHtml).not.toContain('hemligt beslut');
    expect(anonymousHtml).toContain('Paragrafen är inte offentlig eller ännu inte justerad.');
    expect(anonymousHtml).toContain('Öppet &lt;b&gt;ärende&lt;/b&gt;');
    expect(anonymousHtml).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(anonymousHtml).not.toContain('<script>');
    const registrarHtml = (
      await t.http.get(`/api/meetings/${meeting.id}/minutes.html`).set(w.auth).expect(200)
    ).text;
    expect(registrarHtml).toContain('Hemligt ärende');
  });

  it('notice board, appeal deadline over midsommar, late announcement, appeal registration and laga kraft', async () => {
    const meeting = await createHeldMeeting(t, w, w.rs, '2025-05-20');
    const p = await newParagraph(meeting.id, { title: 'Överklagbart beslut' });
    await ok(decide(p.id, ['beslut']));
    await signAll(t, w, meeting.id, '2025-05-27T10:00:00Z');
    await t.http
      .post(`/api/meetings/${meeting.id}/announcement`)
      .set(w.auth)
      .send({ postedOn: '2025-05-26' })
      .expect(422);
    await ok(
      t.http
        .post(`/api/meetings/${meeting.id}/announcement`)
        .set(w.auth)
        .send({ postedOn: '2025-05-30' }),
    );
    await t.http
      .post(`/api/meetings/${meeting.id}/announcement`)
      .set(w.auth)
      .send({ postedOn: '2025-05-30' })
      .expect(409);
    const view = await ok<View>(t.http.get(`/api/paragraphs/${p.id}`), 200);
    // Adjusted Tue 2025-05-27: the second day after is Kristi himmelsfärdsdag (2025-05-29), so
    // Lag (1930:173) moves the posting deadline to Fri 2025-05-30 and this posting is on time.
    expect(view.noticeBoard).toMatchObject({
      appealLastDay: '2025-06-23',
      announcementDeadline: '2025-05-30',
      lateAnnouncement: false,
    });
    expect(view.appeal.legalForce).toBe('final');

    const board = await ok<{
      items: { appealLastDay: string; removedOn: string; minutesKeptAt: string }[];
    }>(t.http.get(`/api/notice-board?organisationId=${w.organisationId}&on=2025-06-23`), 200);
    expect(board.items).toEqual([
      expect.objectContaining({
        appealLastDay: '2025-06-23',
        removedOn: '2025-06-24',
        minutesKeptAt: 'Registraturen',
      }),
    ]);
    const down = await ok<{ items: unknown[] }>(
      t.http.get(`/api/notice-board?organisationId=${w.organisationId}&on=2025-06-24`),
      200,
    );
    expect(down.items).toEqual([]);

    const appealed = await ok<View>(
      t.http
        .post(`/api/paragraphs/${p.id}/appeals`)
        .set(w.auth)
        // Came in within the appeal period (a later appeal is too late: see review.spec.ts).
        .send({ registeredAt: '2025-06-19T10:00:00Z', note: 'Förvaltningsrätten mål 123-25' }),
    );
    expect(appealed.appeal.legalForce).toBe('appealed');
    await t.http.post(`/api/paragraphs/${p.id}/appeals`).set(w.auth).send({}).expect(409);
    // The appeal fields, once set, are frozen too.
    await expect(
      t.dataSource.query(`UPDATE paragraph SET appeal_registered_at = NULL WHERE id = $1`, [p.id]),
    ).rejects.toMatchObject({ code: 'P0409' });
    await expect(
      t.dataSource.query(`UPDATE paragraph SET appeal_last_day = '2025-07-01' WHERE id = $1`, [
        p.id,
      ]),
    ).rejects.toMatchObject({ code: 'P0409' });
    await expect(
      t.dataSource.query(`DELETE FROM announcement WHERE meeting_id = $1`, [meeting.id]),
    ).rejects.toMatchObject({ code: 'P0409' });
  });

  it('a working committee paragraph is a proposal that cannot be appealed', async () => {
    const meeting = await createHeldMeeting(t, w, w.au, '2024-08-20');
    const p = await newParagraph(meeting.id);
    await ok(decide(p.id, ['föreslå']));
    await signAll(t, w, meeting.id, '2024-08-21T10:00:00Z');
    await ok(
      t.http
        .post(`/api/meetings/${meeting.id}/announcement`)
        .set(w.auth)
        .send({ postedOn: '2024-08-22' }),
    );
    const view = await ok<View & { appeal: { appealable: boolean; appealLastDay: string | null } }>(
      t.http.get(`/api/paragraphs/${p.id}`),
      200,
    );
    expect(view.appeal).toMatchObject({
      appealable: false,
      appealLastDay: null,
      legalForce: 'not_appealable',
    });
    await t.http.post(`/api/paragraphs/${p.id}/appeals`).set(w.auth).send({}).expect(422);
    const html = (await t.http.get(`/api/meetings/${meeting.id}/minutes.html`).expect(200)).text;
    expect(html).toContain('kan inte överklagas');
  });
});
