import { createBody } from '../factories';
import { createTestApp, TestApp } from '../test-app';
import { paragraphAt } from './minutes-helpers';
import { auth, createMotionWorld, MotionWorld, step } from './motion-fixtures';

/**
 * Dated council settings (accepts medborgarförslag / e-förslag from–to), unnamed proposers and
 * the e-proposal life cycle: published → signature period → counts → threshold reached (handed
 * to the body the council names, then decided) or closed for lack of signatures.
 */
describe('citizen proposals and e-proposals', () => {
  let t: TestApp;
  let w: MotionWorld;
  const ids: Record<string, string> = {};

  const raise = (body: Record<string, unknown>) =>
    t.http.post('/api/motions').set(auth(w.registrarToken)).send(body);
  const settings = (bodyId: string) => `/api/bodies/${bodyId}/proposal-settings`;

  beforeAll(async () => {
    t = await createTestApp();
    w = await createMotionWorld(t);
  });
  afterAll(() => t.close());

  describe('dated settings per council', () => {
    it('records periods; they never overlap; only a council has them', async () => {
      const tok = auth(w.registrarToken);
      const first = await t.http
        .post(settings(w.council.id))
        .set(tok)
        .send({ kind: 'citizen_proposal', validFrom: '2010-01-01', validTo: '2019-12-31' })
        .expect(201);
      ids.citizenSetting = first.body.periods[0].id;
      await t.http
        .post(settings(w.council.id))
        .set(tok)
        .send({
          kind: 'e_proposal',
          validFrom: '2020-01-01',
          signatureThreshold: 100,
          handledByBodyId: w.board.id,
        })
        .expect(201);
      const overlap = await t.http
        .post(settings(w.council.id))
        .set(tok)
        .send({ kind: 'citizen_proposal', validFrom: '2019-06-01' })
        .expect(409);
      expect(overlap.body.detail).toMatch(/overlaps/);
      await t.http
        .post(settings(w.council.id))
        .set(tok)
        .send({ kind: 'citizen_proposal', signatureThreshold: 5 })
        .expect(400);
      await t.http
        .post(settings(w.board.id))
        .set(tok)
        .send({ kind: 'citizen_proposal', validFrom: '2010-01-01' })
        .expect(422);
      // The overlap rule holds in the database too.
      await expect(
        t.dataSource.query(
          `INSERT INTO council_proposal_setting (body_id, kind, valid_from) VALUES ($1, 'e_proposal', '2024-01-01')`,
          [w.council.id],
        ),
      ).rejects.toMatchObject({ code: 'P0409' });

      const in2019 = await t.http
        .get(settings(w.council.id))
        .query({ on: '2019-06-01' })
        .expect(200);
      expect(in2019.body).toMatchObject({
        acceptsCitizenProposals: true,
        acceptsEProposals: false,
      });
      const in2021 = await t.http
        .get(settings(w.council.id))
        .query({ on: '2021-01-01' })
        .expect(200);
      expect(in2021.body).toMatchObject({
        acceptsCitizenProposals: false,
        acceptsEProposals: true,
      });
      expect(in2021.body.periods).toHaveLength(2);
    });

    it('checks a filing against the setting in force on the filing date', async () => {
      const before = await raise({
        bodyId: w.council.id,
        kind: 'citizen_proposal',
        title: 'Medborgarförslag om hundrastgård',
        citizenName: 'Kalle Medborgare',
        raisedOn: '2019-05-02',
      }).expect(201);
      ids.citizen = before.body.id;
      const after = await raise({
        bodyId: w.council.id,
        kind: 'citizen_proposal',
        title: 'Medborgarförslag om parkbänkar',
        citizenName: 'Kalle Medborgare',
        raisedOn: '2020-02-01',
      }).expect(422);
      expect(after.body.detail).toMatch(/does not take citizen proposals/);
      const eTooEarly = await raise({
        bodyId: w.council.id,
        kind: 'e_proposal',
        title: 'E-förslag om cykelbana',
        citizenNameUnpublished: true,
        raisedOn: '2019-05-02',
      }).expect(422);
      expect(eTooEarly.body.detail).toMatch(/does not take e-proposals/);
    });

    it('keeps a proposal filed before a change valid after it', async () => {
      // Abolishing from a day before the filed proposal would take its setting away: refused.
      const refused = await t.http
        .patch(`/api/proposal-settings/${ids.citizenSetting}`)
        .set(auth(w.registrarToken))
        .send({ validTo: '2019-04-30' })
        .expect(409);
      expect(refused.body.motionIds).toEqual([ids.citizen]);
      await t.http
        .patch(`/api/proposal-settings/${ids.citizenSetting}`)
        .set(auth(w.registrarToken))
        .send({ validTo: '2019-09-30' })
        .expect(200);
      // Handled and decided after medborgarförslag were abolished.
      await step(t, w.registrarToken, ids.citizen, {
        step: 'refer',
        referredTo: 'Regionstyrelsen',
        date: '2020-03-01',
      });
      await step(t, w.registrarToken, ids.citizen, { step: 'answer', date: '2020-05-01' });
      const decided = await step(t, w.registrarToken, ids.citizen, {
        step: 'decide',
        outcome: 'approved',
        date: '2020-06-01',
      });
      expect(decided.body).toMatchObject({ status: 'decided', outcome: 'approved' });
    });
  });

  describe('unnamed proposers', () => {
    it('accepts a proposal published without the name and prints "namn ej publicerat"', async () => {
      const res = await raise({
        bodyId: w.council.id,
        kind: 'e_proposal',
        title: 'E-förslag om sommarbusskort',
        citizenNameUnpublished: true,
        raisedOn: '2023-03-01',
      }).expect(201);
      ids.eProposal = res.body.id;
      expect(res.body).toMatchObject({
        kind: 'e_proposal',
        citizenName: null,
        citizenNameUnpublished: true,
        proposer: 'namn ej publicerat',
        status: 'raised',
        allowedNextSteps: ['open_signatures', 'withdraw'],
        ePetition: { signatureThreshold: 100, handledByBodyId: w.board.id, signatureCount: null },
      });
      await expect(
        t.dataSource.query(`UPDATE motion SET citizen_name_unpublished = false WHERE id = $1`, [
          ids.eProposal,
        ]),
      ).rejects.toMatchObject({ constraint: 'motion_citizen_name_only_for_proposals' });
    });

    it('wants either the name or the flag, and neither on a motion', async () => {
      const base = {
        bodyId: w.council.id,
        kind: 'e_proposal',
        title: 'E-förslag',
        raisedOn: '2023-03-01',
      };
      const neither = await raise(base).expect(400);
      expect(neither.body.errors).toEqual([expect.objectContaining({ field: 'citizenName' })]);
      const both = await raise({
        ...base,
        citizenName: 'A B',
        citizenNameUnpublished: true,
      }).expect(400);
      expect(both.body.errors).toEqual([
        expect.objectContaining({ field: 'citizenNameUnpublished' }),
      ]);
      await raise({
        bodyId: w.council.id,
        kind: 'motion',
        title: 'Motion',
        raisedOn: '2023-03-01',
        signatoryIds: [w.hamberg.id],
        citizenNameUnpublished: true,
      }).expect(400);
    });
  });

  describe('e-proposal life cycle', () => {
    it('refuses steps out of order with the allowed next steps', async () => {
      const res = await step(
        t,
        w.registrarToken,
        ids.eProposal,
        { step: 'refer', referredTo: 'Regionstyrelsen', date: '2023-03-02' },
        409,
      );
      expect(res.body).toMatchObject({
        currentStatus: 'raised',
        allowedNextSteps: ['open_signatures', 'withdraw'],
      });
      // A motion has no signature period.
      const motion = await raise({
        bodyId: w.council.id,
        kind: 'motion',
        title: 'Motion om skolor',
        raisedOn: '2023-03-01',
        signatoryIds: [w.hamberg.id],
      }).expect(201);
      await step(
        t,
        w.registrarToken,
        motion.body.id,
        {
          step: 'open_signatures',
          signaturePeriodStart: '2023-03-02',
          signaturePeriodEnd: '2023-05-31',
        },
        409,
      );
    });

    it('collects signatures, reaches the threshold, is handed over and decided', async () => {
      const tok = auth(w.registrarToken);
      const opened = await step(t, w.registrarToken, ids.eProposal, {
        step: 'open_signatures',
        signaturePeriodStart: '2023-03-02',
        signaturePeriodEnd: '2023-05-31',
      });
      expect(opened.body).toMatchObject({
        status: 'collecting',
        ePetition: { signaturePeriodStart: '2023-03-02', signaturePeriodEnd: '2023-05-31' },
        allowedNextSteps: ['count_signatures', 'close_signatures', 'withdraw'],
      });
      const counted = await t.http
        .post(`/api/motions/${ids.eProposal}/signatures`)
        .set(tok)
        .send({ count: 40, date: '2023-04-01' })
        .expect(201);
      expect(counted.body.ePetition.signatureCount).toBe(40);
      const contradiction = await t.http
        .post(`/api/motions/${ids.eProposal}/signature-period/close`)
        .set(tok)
        .send({ count: 60, date: '2023-05-31', thresholdReached: true })
        .expect(422);
      expect(contradiction.body.detail).toMatch(/do not reach the threshold of 100/);
      const closed = await t.http
        .post(`/api/motions/${ids.eProposal}/signature-period/close`)
        .set(tok)
        .send({ count: 123, date: '2023-05-31' })
        .expect(201);
      expect(closed.body).toMatchObject({
        status: 'threshold_reached',
        ePetition: { signatureCount: 123 },
        allowedNextSteps: ['refer', 'decide', 'withdraw'],
      });
      const again = await t.http
        .post(`/api/motions/${ids.eProposal}/signature-period/close`)
        .set(tok)
        .send({ date: '2023-06-01', thresholdReached: true })
        .expect(409);
      expect(again.body.allowedNextSteps).toEqual(['refer', 'decide', 'withdraw']);
      await step(t, w.registrarToken, ids.eProposal, {
        step: 'refer',
        referredTo: 'Regionstyrelsen',
        date: '2023-06-10',
      });
      await step(t, w.registrarToken, ids.eProposal, { step: 'answer', date: '2023-09-01' });
      const decided = await step(t, w.registrarToken, ids.eProposal, {
        step: 'decide',
        outcome: 'rejected',
        date: '2023-10-26',
      });
      expect(decided.body).toMatchObject({ status: 'decided', outcome: 'rejected' });
      // Outsiders read the public state: the signature history and the unnamed proposer.
      const anonymous = await t.http.get(`/api/motions/${ids.eProposal}`).expect(200);
      expect(anonymous.body).toMatchObject({
        status: 'decided',
        outcome: 'rejected',
        proposer: 'namn ej publicerat',
        ePetition: { signatureCount: 123, signatureThreshold: 100 },
      });
      expect(decided.body.timeline.map((e: { kind: string }) => e.kind)).toEqual([
        'raised',
        'signatures_opened',
        'signatures_counted',
        'threshold_reached',
        'referred',
        'answered',
        'decided',
      ]);
    });

    it('is decided in a paragraph of the body the council named to handle it', async () => {
      const raised = await raise({
        bodyId: w.council.id,
        kind: 'e_proposal',
        title: 'E-förslag om laddstolpar',
        citizenNameUnpublished: true,
        raisedOn: '2024-02-01',
      }).expect(201);
      const id = raised.body.id;
      await step(t, w.registrarToken, id, {
        step: 'open_signatures',
        signaturePeriodStart: '2024-02-01',
        signaturePeriodEnd: '2024-03-31',
      });
      await step(t, w.registrarToken, id, {
        step: 'close_signatures',
        date: '2024-03-31',
        signatureCount: 150,
      });
      await step(t, w.registrarToken, id, {
        step: 'refer',
        referredTo: 'Regionstyrelsen',
        date: '2024-04-02',
      });
      await step(t, w.registrarToken, id, { step: 'answer', date: '2024-05-01' });
      // A committee is not the body the council named.
      const committee = await createBody(t, w.registrarToken, w.organisationId, {
        name: 'Hälso- och sjukvårdsnämnden',
        shortName: 'HSN',
        kind: 'committee',
      });
      const elsewhere = await paragraphAt(t, w.registrarToken, committee.id, '2024-05-14', {
        title: 'E-förslag om laddstolpar',
      });
      await step(
        t,
        w.registrarToken,
        id,
        { step: 'decide', outcome: 'approved', paragraphId: elsewhere.id },
        422,
      );
      const paragraph = await paragraphAt(t, w.registrarToken, w.board.id, '2024-05-20', {
        title: 'Svar på e-förslag om laddstolpar',
      });
      const decided = await step(t, w.registrarToken, id, {
        step: 'decide',
        outcome: 'approved',
        paragraphId: paragraph.id,
      });
      expect(decided.body).toMatchObject({
        status: 'decided',
        decidedOn: '2024-05-20',
        decisionParagraph: { id: paragraph.id },
      });
    });

    it('closes for lack of signatures: final', async () => {
      const tok = auth(w.registrarToken);
      const res = await raise({
        bodyId: w.council.id,
        kind: 'e_proposal',
        title: 'E-förslag om konstgräsplan',
        citizenName: 'Stina Förslagsställare',
        raisedOn: '2024-01-10',
        signatureThreshold: 50,
      }).expect(201);
      await step(t, w.registrarToken, res.body.id, {
        step: 'open_signatures',
        signaturePeriodStart: '2024-01-15',
        signaturePeriodEnd: '2024-03-15',
      });
      await t.http
        .post(`/api/motions/${res.body.id}/signatures`)
        .set(tok)
        .send({ count: 10, date: '2024-01-14' })
        .expect(422);
      const closed = await t.http
        .post(`/api/motions/${res.body.id}/signature-period/close`)
        .set(tok)
        .send({ count: 12, date: '2024-03-15' })
        .expect(201);
      expect(closed.body).toMatchObject({
        status: 'closed',
        closedOn: '2024-03-15',
        allowedNextSteps: [],
        ePetition: { signatureThreshold: 50, signatureCount: 12 },
      });
      const late = await t.http
        .post(`/api/motions/${res.body.id}/signatures`)
        .set(tok)
        .send({ count: 60, date: '2024-03-20' })
        .expect(409);
      expect(late.body.allowedNextSteps).toEqual([]);
      // Closed is final in the database too.
      await expect(
        t.dataSource.query(`UPDATE motion SET status = 'collecting' WHERE id = $1`, [res.body.id]),
      ).rejects.toMatchObject({ code: 'P0409' });
      // Not an open matter for the one-year report.
      const due = await t.http
        .get('/api/motions/due')
        .query({ organisationId: w.organisationId, on: '2025-06-01' })
        .expect(200);
      expect(due.body.overdue.map((m: { id: string }) => m.id)).not.toContain(res.body.id);
    });
  });
});
