import { createTestApp, TestApp } from '../test-app';
import { createBody, createOrganisation, nextOrganisationNumber } from '../factories';
import {
  createHeldMeeting,
  createMinutesWorld,
  MinutesWorld,
  ok,
  signAll,
} from '../minutes/minutes-helpers';

describe('delegation (delegationsordning)', () => {
  let t: TestApp;
  let w: MinutesWorld;
  let delegationId: string;

  beforeAll(async () => {
    t = await createTestApp();
    w = await createMinutesWorld(t);
    const d = await ok<{ id: string; appealable: boolean; validFrom: string }>(
      t.http
        .post(`/api/organisations/${w.organisationId}/delegations`)
        .set(w.auth)
        .send({
          fromBodyId: w.rs.id,
          toBodyId: w.au.id,
          matters: ['Bidrag till föreningar upp till 50 000 kr'],
          matterKinds: ['grant'],
          validFrom: '2024-01-01',
          validTo: '2024-12-31',
          appealable: true,
          decidedInReference: 'RS 2023-12-12 § 200',
        }),
    );
    delegationId = d.id;
  });
  afterAll(() => t.close());

  const paragraph = (meetingId: string, body: Record<string, unknown>) =>
    t.http.post(`/api/meetings/${meetingId}/paragraphs`).set(w.auth).send(body);

  it('a working committee without delegation still only proposes', async () => {
    const meeting = await createHeldMeeting(t, w, w.au, '2024-03-05');
    const refused = await paragraph(meeting.id, { title: 'Bidrag', outcomeKind: 'decision' });
    expect(refused.status).toBe(422);
    expect(refused.body.detail).toMatch(/only prepares/);
    const proposal = await ok<{ outcomeKind: string; appeal: { appealable: boolean } }>(
      paragraph(meeting.id, { title: 'Bidrag' }),
    );
    expect(proposal.outcomeKind).toBe('proposal');
    expect(proposal.appeal.appealable).toBe(false);
  });

  it('refuses a delegation not to the body or not in force on the meeting date', async () => {
    const rsMeeting = await createHeldMeeting(t, w, w.rs, '2024-03-06');
    const wrongBody = await paragraph(rsMeeting.id, { title: 'X', delegationId });
    expect(wrongBody.status).toBe(422);
    expect(wrongBody.body.field).toBe('delegationId');
    const late = await createHeldMeeting(t, w, w.au, '2025-01-14');
    const outOfForce = await paragraph(late.id, { title: 'X', delegationId });
    expect(outOfForce.status).toBe(422);
    expect(outOfForce.body.field).toBe('delegationId');
    const au = await createHeldMeeting(t, w, w.au, '2024-03-07');
    const notAppealable = await paragraph(au.id, { title: 'X', delegationId, appealable: false });
    expect(notAppealable.status).toBe(422);
    expect(notAppealable.body.field).toBe('appealable');
    const asProposal = await paragraph(au.id, {
      title: 'X',
      delegationId,
      outcomeKind: 'proposal',
    });
    expect(asProposal.status).toBe(422);
  });

  it('a paragraph under delegation is a final, appealable decision in the register and on the notice board', async () => {
    const meeting = await createHeldMeeting(t, w, w.au, '2024-06-11');
    const p = await ok<{
      id: string;
      reference: string;
      outcomeKind: string;
      delegation: { id: string; fromBody: { name: string }; decidedInReference: string };
    }>(paragraph(meeting.id, { title: 'Bidrag till Hembygdsföreningen', delegationId }));
    expect(p.outcomeKind).toBe('decision');
    expect(p.delegation).toMatchObject({
      id: delegationId,
      fromBody: { name: 'Regionstyrelsen' },
      decidedInReference: 'RS 2023-12-12 § 200',
    });
    await ok(
      t.http
        .post(`/api/paragraphs/${p.id}/decision`)
        .set(w.auth)
        .send({ clauses: ['att bevilja Hembygdsföreningen 20 000 kronor'] }),
    );
    await signAll(t, w, meeting.id, '2024-06-13T10:00:00Z');
    await ok(
      t.http
        .post(`/api/meetings/${meeting.id}/announcement`)
        .set(w.auth)
        .send({ postedOn: '2024-06-14' }),
    );
    const view = await ok<{ appeal: { appealable: boolean; appealLastDay: string } }>(
      t.http.get(`/api/paragraphs/${p.id}`).set(w.auth),
      200,
    );
    // Posted Fri 2024-06-14: three weeks end Fri 2024-07-05.
    expect(view.appeal).toMatchObject({ appealable: true, appealLastDay: '2024-07-05' });
    const register = await ok<{ items: { id: string; delegationId: string; status: string }[] }>(
      t.http.get(`/api/decisions?organisationId=${w.organisationId}&on=2024-06-20`),
      200,
    );
    expect(register.items.find((d) => d.id === p.id)).toMatchObject({
      delegationId,
      status: 'appeal_period_running',
    });
    await ok(t.http.get(`/api/decisions/${p.id}`), 200);
    const board = await ok<{ items: { meetingId: string; appealLastDay: string }[] }>(
      t.http.get(`/api/notice-board?organisationId=${w.organisationId}&on=2024-06-20`),
      200,
    );
    expect(board.items.find((i) => i.meetingId === meeting.id)?.appealLastDay).toBe('2024-07-05');
    const html = await t.http.get(`/api/meetings/${meeting.id}/minutes.html`).set(w.auth);
    expect(html.text).toContain(
      'Beslutet är fattat på delegation från Regionstyrelsen (RS 2023-12-12 § 200).',
    );
    // The delegation cannot be narrowed so that the adjusted decision falls outside it.
    const narrowed = await t.http
      .patch(`/api/delegations/${delegationId}`)
      .set(w.auth)
      .send({ validFrom: '2024-07-01' });
    expect(narrowed.status).toBe(409);
    const removed = await t.http.delete(`/api/delegations/${delegationId}`).set(w.auth);
    expect(removed.status).toBe(409);

    // Anmälan av delegationsbeslut at the board's next meeting, with the chair's decision.
    const chair = await ok<{ id: string; appealable: boolean | null }>(
      t.http.post(`/api/organisations/${w.organisationId}/delegation-decisions`).set(w.auth).send({
        bodyId: w.rs.id,
        decidedOn: '2024-08-20',
        decidedByRole: 'regionstyrelsens ordförande',
        decidedByName: 'Ledamot RS 1',
        title: 'Sammanträdet 2024-09-10 hålls digitalt',
        caseNumber: 'RS/900/2024',
      }),
    );
    expect(chair.appealable).toBeNull();
    const rsMeeting = await createHeldMeeting(t, w, w.rs, '2024-09-10');
    const other = await createBody(t, w.registrarToken, w.organisationId, {
      name: 'Hälso- och sjukvårdsnämnden',
      shortName: 'HSN',
      kind: 'committee',
    });
    const wrong = await t.http
      .post(`/api/meetings/${rsMeeting.id}/reported-delegation-decisions`)
      .set(w.auth)
      .send({ items: [{ paragraphId: rsMeeting.id }] });
    expect(wrong.status).toBe(404);
    const bothGiven = await t.http
      .post(`/api/meetings/${rsMeeting.id}/reported-delegation-decisions`)
      .set(w.auth)
      .send({ items: [{ paragraphId: p.id, printedText: 'x' }] });
    expect(bothGiven.status).toBe(422);
    const reported = await ok<{ items: { line: string; kind: string }[] }>(
      t.http
        .post(`/api/meetings/${rsMeeting.id}/reported-delegation-decisions`)
        .set(w.auth)
        .send({
          items: [
            { paragraphId: p.id },
            { delegationDecisionId: chair.id },
            { printedText: 'Förvaltningschefens beslut om tillförordnad enhetschef' },
          ],
        }),
      200,
    );
    expect(reported.items.map((i) => i.line)).toEqual([
      `${p.reference} Bidrag till Hembygdsföreningen`,
      '2024-08-20 regionstyrelsens ordförande Ledamot RS 1: Sammanträdet 2024-09-10 hålls digitalt, dnr RS/900/2024',
      'Förvaltningschefens beslut om tillförordnad enhetschef',
    ]);
    const got = await ok<{ items: unknown[] }>(
      t.http.get(`/api/meetings/${rsMeeting.id}/reported-delegation-decisions`),
      200,
    );
    expect(got.items).toHaveLength(3);
    // An office holder's decision for another body is not reported here.
    const hsnDecision = await ok<{ id: string }>(
      t.http.post(`/api/organisations/${w.organisationId}/delegation-decisions`).set(w.auth).send({
        bodyId: other.id,
        decidedOn: '2024-08-01',
        decidedByRole: 'förvaltningschef',
        title: 'Avtal',
      }),
    );
    const foreign = await t.http
      .post(`/api/meetings/${rsMeeting.id}/reported-delegation-decisions`)
      .set(w.auth)
      .send({ items: [{ delegationDecisionId: hsnDecision.id }] });
    expect(foreign.status).toBe(422);
    expect(foreign.body.field).toBe('items[0].delegationDecisionId');

    const rsParagraph = await ok<{ id: string }>(
      paragraph(rsMeeting.id, { title: 'Anmälan av delegationsbeslut' }),
    );
    await ok(
      t.http
        .post(`/api/paragraphs/${rsParagraph.id}/decision`)
        .set(w.auth)
        .send({ clauses: ['att lägga anmälan till handlingarna'] }),
    );
    await signAll(t, w, rsMeeting.id, '2024-09-11T10:00:00Z');
    const minutes = await t.http.get(`/api/meetings/${rsMeeting.id}/minutes.html`).set(w.auth);
    expect(minutes.text).toContain('<h2>Anmälan av delegationsbeslut</h2>');
    expect(minutes.text).toContain(
      '<li>2024-08-20 regionstyrelsens ordförande Ledamot RS 1: Sammanträdet 2024-09-10 hålls digitalt, dnr RS/900/2024</li>',
    );
    // Adjusted minutes: the list and the reported decision are part of the record.
    const frozen = await t.http
      .post(`/api/meetings/${rsMeeting.id}/reported-delegation-decisions`)
      .set(w.auth)
      .send({ items: [] });
    expect(frozen.status).toBe(409);
    const edit = await t.http
      .patch(`/api/delegation-decisions/${chair.id}`)
      .set(w.auth)
      .send({ title: 'Ändrad' });
    expect(edit.status).toBe(409);
    const register2 = await ok<{ items: { id: string }[] }>(
      t.http.get(`/api/decisions/delegation-decisions?organisationId=${w.organisationId}`),
      200,
    );
    expect(register2.items.map((i) => i.id)).toEqual([chair.id, hsnDecision.id]);
  });

  it('lists a body’s delegations, in force on a day', async () => {
    const all = await ok<{ items: { id: string }[] }>(
      t.http.get(`/api/bodies/${w.au.id}/delegations`),
      200,
    );
    expect(all.items.map((d) => d.id)).toContain(delegationId);
    const later = await ok<{ items: unknown[] }>(
      t.http.get(`/api/bodies/${w.au.id}/delegations?on=2025-02-01`),
      200,
    );
    expect(later.items).toHaveLength(0);
  });

  it('validates delegations (422 naming the field) and allows only registrars of the organisation', async () => {
    const post = (body: Record<string, unknown>, token = w.registrarToken) =>
      t.http
        .post(`/api/organisations/${w.organisationId}/delegations`)
        .set({ Authorization: `Bearer ${token}` })
        .send(body);
    const base = { fromBodyId: w.rs.id, matters: ['Brådskande ärenden'], appealable: true };
    expect((await post({ ...base })).body.field).toBe('toBodyId');
    expect((await post({ ...base, toBodyId: w.rs.id })).body.field).toBe('toBodyId');
    expect((await post({ ...base, toBodyId: w.au.id, matters: [] })).body.field).toBe('matters');
    expect(
      (await post({ ...base, toBodyId: w.au.id, validFrom: '2024-02-01', validTo: '2024-01-01' }))
        .body.field,
    ).toBe('validTo');
    const toChair = await ok<{ toRole: string; validFrom: string | null }>(
      post({ ...base, toRole: 'regionstyrelsens ordförande' }),
    );
    expect(toChair.validFrom).toBeNull();
    const stranger = await t.tokenFor('registrar', {
      organisationId: (await createOrganisation(t, w.adminToken)).id,
    });
    expect((await post({ ...base, toRole: 'ordförande' }, stranger)).status).toBe(403);
  });

  it('takes the organisation kinds kommunalförbund and regionförbund', async () => {
    for (const kind of ['municipal_association', 'regional_association']) {
      const org = await createOrganisation(t, w.adminToken, {
        name: `Förbund ${kind}`,
        kind,
        organisationNumber: nextOrganisationNumber(),
      });
      const got = await ok<{ kind: string }>(t.http.get(`/api/organisations/${org.id}`), 200);
      expect(got.kind).toBe(kind);
    }
    const bad = await t.http
      .post('/api/organisations')
      .set({ Authorization: `Bearer ${w.adminToken}` })
      .send({ name: 'X', kind: 'county', organisationNumber: nextOrganisationNumber() });
    expect(bad.status).toBe(400);
  });
});
