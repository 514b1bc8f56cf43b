import { createTestApp, TestApp } from '../test-app';
import { createOrganisation, createPerson } from '../factories';
import {
  auth,
  createMotionWorld,
  motionTableCounts,
  MotionWorld,
  raiseMotion,
  step,
} from './motion-fixtures';

describe('motions: raising and life cycle', () => {
  let t: TestApp;
  let w: MotionWorld;

  beforeAll(async () => {
    t = await createTestApp();
    w = await createMotionWorld(t);
  });
  afterAll(() => t.close());

  const councilMotion = (overrides: Record<string, unknown> = {}) => ({
    bodyId: w.council.id,
    kind: 'motion' as const,
    title: 'Motion om fler vårdplatser',
    raisedOn: '2024-03-26',
    signatoryIds: [w.hamberg.id, w.andersson.id],
    ...overrides,
  });

  describe('raising', () => {
    it('raises a council motion with signatories (party kept), clauses and a raised event', async () => {
      const res = await t.http
        .post('/api/motions')
        .set(auth(w.registrarToken))
        .send(
          councilMotion({
            caseNumber: 'RS/1234/2024',
            clauses: ['att regionen utreder fler vårdplatser', 'att utredningen redovisas'],
          }),
        )
        .expect(201);
      expect(res.body).toMatchObject({
        kind: 'motion',
        status: 'raised',
        raisedOn: '2024-03-26',
        decisionDue: '2025-03-26',
        caseNumber: 'RS/1234/2024',
        organisationId: w.organisationId,
        body: { id: w.council.id, shortName: 'RF', kind: 'council' },
        signatories: [
          { personId: w.hamberg.id, name: 'Robert Hamberg', party: 'M' },
          { personId: w.andersson.id, name: 'Anna Andersson', party: 'S' },
        ],
        clauses: [
          { position: 1, text: 'att regionen utreder fler vårdplatser' },
          { position: 2, text: 'att utredningen redovisas' },
        ],
        allowedNextSteps: ['refer', 'withdraw', 'decide'],
        allowedOutcomes: ['written_off'],
        nextStep: { step: 'refer' },
      });
      expect(res.body.timeline).toEqual([
        expect.objectContaining({ seq: 1, kind: 'raised', date: '2024-03-26', toStatus: 'raised' }),
      ]);
      const fetched = await t.http.get(`/api/motions/${res.body.id}`).expect(200);
      expect(fetched.body.title).toBe('Motion om fler vårdplatser');
    });

    it('keeps the party a signatory had when signing', async () => {
      const person = await createPerson(t, w.registrarToken, w.organisationId, {
        name: 'Byter Parti',
        party: 'L',
      });
      await t.http
        .post(`/api/bodies/${w.council.id}/memberships`)
        .set(auth(w.registrarToken))
        .send({ personId: person.id, role: 'member', validFrom: '2023-01-01' })
        .expect(201);
      const motion = await raiseMotion(
        t,
        w.registrarToken,
        councilMotion({ signatoryIds: [person.id] }),
      );
      await t.http
        .patch(`/api/people/${person.id}`)
        .set(auth(w.registrarToken))
        .send({ party: 'KD' })
        .expect(200);
      const res = await t.http.get(`/api/motions/${motion.id}`).expect(200);
      expect(res.body.signatories[0].party).toBe('L');
    });

    it('raises an initiative at the board by a serving member', async () => {
      const res = await t.http
        .post('/api/motions')
        .set(auth(w.registrarToken))
        .send({
          bodyId: w.board.id,
          kind: 'initiative',
          title: 'Initiativärende om effektivitetsdelegationen',
          raisedOn: '2024-03-26',
          signatoryIds: [w.boardMember.id],
        })
        .expect(201);
      expect(res.body).toMatchObject({ kind: 'initiative', body: { shortName: 'RS' } });
    });

    it.each([
      ['a motion at the board', { bodyId: 'board', kind: 'motion' }, /raised in the council/],
      [
        'an initiative at the council',
        { bodyId: 'council', kind: 'initiative' },
        /board or committee/,
      ],
      [
        'an initiative at a working committee',
        { bodyId: 'workingCommittee', kind: 'initiative' },
        /board or committee/,
      ],
    ])('refuses %s with 422 and changes nothing', async (_, input, message) => {
      const before = await motionTableCounts(t);
      const body = { ...councilMotion(), ...input, bodyId: w[input.bodyId as 'board'].id };
      body.signatoryIds = [w.hamberg.id];
      const res = await t.http
        .post('/api/motions')
        .set(auth(w.registrarToken))
        .send(body)
        .expect(422);
      expect(res.body.detail).toMatch(message);
      expect(await motionTableCounts(t)).toEqual(before);
    });

    it('refuses an initiative by someone who is not a member of the board on that day', async () => {
      const before = await motionTableCounts(t);
      const res = await t.http
        .post('/api/motions')
        .set(auth(w.registrarToken))
        .send({
          bodyId: w.board.id,
          kind: 'initiative',
          title: 'Initiativ',
          raisedOn: '2024-03-26',
          signatoryIds: [w.hamberg.id, w.andersson.id],
        })
        .expect(422);
      expect(res.body.notMembers).toEqual([w.andersson.id]);
      expect(res.body.detail).toContain('Anna Andersson');
      expect(await motionTableCounts(t)).toEqual(before);
    });

    it('refuses a motion raised before the signatory held a seat', async () => {
      await t.http
        .post('/api/motions')
        .set(auth(w.registrarToken))
        .send(councilMotion({ raisedOn: '2022-12-31', signatoryIds: [w.hamberg.id] }))
        .expect(422);
    });

    it('refuses an unknown signatory with 404 and changes nothing', async () => {
      const before = await motionTableCounts(t);
      const unknown = '00000000-0000-4000-8000-000000000000';
      const res = await t.http
        .post('/api/motions')
        .set(auth(w.registrarToken))
        .send(councilMotion({ signatoryIds: [w.hamberg.id, unknown] }))
        .expect(404);
      expect(res.body).toMatchObject({ entity: 'person', id: unknown });
      expect(await motionTableCounts(t)).toEqual(before);
    });

    it('refuses a signatory of another organisation with 422', async () => {
      const other = await createOrganisation(t, w.adminToken, { name: 'Region Västernorrland' });
      const stranger = await createPerson(t, w.adminToken, other.id, {
        name: 'Främling',
        party: 'M',
      });
      const before = await motionTableCounts(t);
      await t.http
        .post('/api/motions')
        .set(auth(w.registrarToken))
        .send(councilMotion({ signatoryIds: [stranger.id] }))
        .expect(422);
      expect(await motionTableCounts(t)).toEqual(before);
    });

    it('needs signatories for a motion and names the bad fields', async () => {
      const res = await t.http
        .post('/api/motions')
        .set(auth(w.registrarToken))
        .send(councilMotion({ signatoryIds: [] }))
        .expect(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'signatoryIds' })]);
      const bad = await t.http
        .post('/api/motions')
        .set(auth(w.registrarToken))
        .send({ ...councilMotion(), raisedOn: '2024-02-30', kind: 'petition', extra: 1 })
        .expect(400);
      const fields = bad.body.errors.map((e: { field: string }) => e.field).sort();
      expect(fields).toEqual(['extra', 'kind', 'raisedOn']);
    });

    it('takes citizen proposals only where the body allows them', async () => {
      const proposal = {
        bodyId: w.council.id,
        kind: 'citizen_proposal',
        title: 'Medborgarförslag om cykelbanor',
        raisedOn: '2024-05-02',
        citizenName: 'Karin Medborgare',
      };
      const before = await motionTableCounts(t);
      const refused = await t.http
        .post('/api/motions')
        .set(auth(w.registrarToken))
        .send(proposal)
        .expect(422);
      expect(refused.body.detail).toMatch(/does not take citizen proposals/);
      expect(await motionTableCounts(t)).toEqual(before);

      await t.http
        .put(`/api/bodies/${w.council.id}/motion-settings`)
        .set(auth(w.registrarToken))
        .send({ allowsCitizenProposals: true })
        .expect(200);
      const setting = await t.http.get(`/api/bodies/${w.council.id}/motion-settings`).expect(200);
      expect(setting.body).toEqual({ bodyId: w.council.id, allowsCitizenProposals: true });

      const res = await t.http
        .post('/api/motions')
        .set(auth(w.registrarToken))
        .send(proposal)
        .expect(201);
      expect(res.body).toMatchObject({
        kind: 'citizen_proposal',
        citizenName: 'Karin Medborgare',
        signatories: [],
        decisionDue: '2025-05-02',
      });
      const withSignatory = await t.http
        .post('/api/motions')
        .set(auth(w.registrarToken))
        .send({ ...proposal, signatoryIds: [w.hamberg.id] })
        .expect(400);
      expect(withSignatory.body.errors[0].field).toBe('signatoryIds');
      const withoutName = await t.http
        .post('/api/motions')
        .set(auth(w.registrarToken))
        .send({ ...proposal, citizenName: undefined })
        .expect(400);
      expect(withoutName.body.errors[0].field).toBe('citizenName');
    });

    it('needs a token to raise, and a registrar only raises in its own organisation', async () => {
      await t.http.post('/api/motions').send(councilMotion()).expect(401);
      const other = await createOrganisation(t, w.adminToken, { name: 'Region Gävleborg' });
      const otherRegistrar = await t.tokenFor('registrar', { organisationId: other.id });
      await t.http.post('/api/motions').set(auth(otherRegistrar)).send(councilMotion()).expect(403);
      const politician = await t.tokenFor('politician', { personId: w.hamberg.id });
      await t.http.post('/api/motions').set(auth(politician)).send(councilMotion()).expect(403);
    });

    it('404s an unknown motion and 400s a malformed id', async () => {
      await t.http.get('/api/motions/00000000-0000-4000-8000-000000000000').expect(404);
      await t.http.get('/api/motions/not-a-uuid').expect(400);
    });
  });

  describe('transitions', () => {
    type Status =
      'raised' | 'referred' | 'answered' | 'tabled' | 'sent_back' | 'decided' | 'withdrawn';
    const dated = (day: number) => `2024-04-${String(day).padStart(2, '0')}`;
    const STEP_BODY: Record<string, Record<string, unknown>> = {
      refer: { step: 'refer', referredTo: 'Regiondirektören', answerDue: '2024-09-30' },
      answer: { step: 'answer' },
      table: { step: 'table' },
      send_back: { step: 'send_back' },
      decide: { step: 'decide', outcome: 'written_off' },
      withdraw: { step: 'withdraw' },
    };
    const PATH: Record<Status, string[]> = {
      raised: [],
      referred: ['refer'],
      answered: ['refer', 'answer'],
      tabled: ['refer', 'answer', 'table'],
      sent_back: ['refer', 'answer', 'send_back'],
      decided: ['refer', 'answer', 'decide'],
      withdrawn: ['withdraw'],
    };
    // Written out here rather than imported, so the test checks the rules.
    const ALLOWED: Record<Status, string[]> = {
      raised: ['refer', 'withdraw', 'decide'],
      referred: ['answer', 'refer', 'withdraw', 'decide'],
      answered: ['decide', 'table', 'send_back', 'withdraw'],
      tabled: ['decide', 'table', 'send_back', 'withdraw'],
      sent_back: ['answer', 'refer', 'withdraw', 'decide'],
      decided: [],
      withdrawn: [],
    };
    const TARGET: Record<string, Status> = {
      refer: 'referred',
      answer: 'answered',
      table: 'tabled',
      send_back: 'sent_back',
      decide: 'decided',
      withdraw: 'withdrawn',
    };

    async function motionIn(status: Status): Promise<string> {
      const motion = await raiseMotion(
        t,
        w.registrarToken,
        councilMotion({ raisedOn: '2024-04-01' }),
      );
      let day = 2;
      for (const s of PATH[status]) {
        await step(t, w.registrarToken, motion.id, { ...STEP_BODY[s], date: dated(day++) });
      }
      return motion.id;
    }

    const cases = (Object.keys(PATH) as Status[]).flatMap((status) =>
      Object.keys(STEP_BODY).map((s) => [status, s, ALLOWED[status].includes(s)] as const),
    );

    it.each(cases)('%s → %s allowed: %s', async (status, s, allowed) => {
      const id = await motionIn(status);
      const before = await motionTableCounts(t);
      const res = await t.http
        .post(`/api/motions/${id}/events`)
        .set(auth(w.registrarToken))
        .send({ ...STEP_BODY[s], date: '2024-04-20' });
      if (allowed) {
        expect(res.status).toBe(201);
        expect(res.body.status).toBe(TARGET[s]);
        expect(res.body.timeline[res.body.timeline.length - 1]).toMatchObject({
          kind: TARGET[s],
          fromStatus: status,
          toStatus: TARGET[s],
          date: '2024-04-20',
        });
        expect(res.body.allowedNextSteps).toEqual(ALLOWED[TARGET[s]]);
      } else {
        expect(res.status).toBe(409);
        expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(res.body).toMatchObject({
          currentStatus: status,
          allowedNextSteps: ALLOWED[status],
        });
        expect(await motionTableCounts(t)).toEqual(before);
      }
    });

    it('records the referral (to whom, answer due) and shows it as the next step', async () => {
      const id = await motionIn('referred');
      const res = await t.http.get(`/api/motions/${id}`).expect(200);
      expect(res.body).toMatchObject({
        status: 'referred',
        referredTo: 'Regiondirektören',
        answerDue: '2024-09-30',
        nextStep: { step: 'answer', by: 'Regiondirektören', due: '2024-09-30' },
      });
    });

    it('only writes off a motion that has not been answered (409 naming the allowed outcomes)', async () => {
      const id = await motionIn('referred');
      const before = await motionTableCounts(t);
      const res = await t.http
        .post(`/api/motions/${id}/events`)
        .set(auth(w.registrarToken))
        .send({ step: 'decide', outcome: 'approved', date: '2024-05-01' })
        .expect(409);
      expect(res.body).toMatchObject({
        allowedOutcomes: ['written_off'],
        allowedNextSteps: ALLOWED.referred,
      });
      expect(await motionTableCounts(t)).toEqual(before);
    });

    it('decides an answered motion with each outcome', async () => {
      for (const outcome of [
        'approved',
        'partly_approved',
        'rejected',
        'considered_answered',
        'written_off',
      ]) {
        const id = await motionIn('answered');
        const res = await step(t, w.registrarToken, id, {
          step: 'decide',
          outcome,
          date: '2024-06-10',
        });
        expect(res.body).toMatchObject({
          status: 'decided',
          outcome,
          decidedOn: '2024-06-10',
          closedOn: '2024-06-10',
          allowedNextSteps: [],
          nextStep: null,
        });
      }
    });

    it('refuses deciding twice with 409 and changes nothing', async () => {
      const id = await motionIn('decided');
      const before = await motionTableCounts(t);
      const res = await t.http
        .post(`/api/motions/${id}/events`)
        .set(auth(w.registrarToken))
        .send({ step: 'decide', outcome: 'approved', date: '2024-06-01' })
        .expect(409);
      expect(res.body.detail).toMatch(/already decided/);
      expect(res.body.allowedNextSteps).toEqual([]);
      expect(await motionTableCounts(t)).toEqual(before);
      const motion = await t.http.get(`/api/motions/${id}`).expect(200);
      expect(motion.body.outcome).toBe('written_off');
    });

    it('lets only one of two simultaneous decisions through', async () => {
      const id = await motionIn('answered');
      const decide = (outcome: string) =>
        t.http
          .post(`/api/motions/${id}/events`)
          .set(auth(w.registrarToken))
          .send({ step: 'decide', outcome, date: '2024-06-01' });
      const results = await Promise.all([decide('approved'), decide('rejected')]);
      expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
      const [row] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM motion_event WHERE motion_id = $1 AND kind = 'decided'`,
        [id],
      );
      expect(row.n).toBe(1);
    });

    it('refuses a decision dated before the motion was raised with 422 and changes nothing', async () => {
      const id = await motionIn('answered');
      const before = await motionTableCounts(t);
      const res = await t.http
        .post(`/api/motions/${id}/events`)
        .set(auth(w.registrarToken))
        .send({ step: 'decide', outcome: 'rejected', date: '2024-03-31' })
        .expect(422);
      expect(res.body.detail).toMatch(/before the date the motion was raised/);
      expect(await motionTableCounts(t)).toEqual(before);
      expect((await t.http.get(`/api/motions/${id}`)).body.status).toBe('answered');
    });

    it('keeps the timeline in date order (422 for a step dated before the latest event)', async () => {
      const id = await motionIn('answered'); // answered on 2024-04-03
      await t.http
        .post(`/api/motions/${id}/events`)
        .set(auth(w.registrarToken))
        .send({ step: 'table', date: '2024-04-02' })
        .expect(422);
    });

    it('names missing and misplaced step fields with 400', async () => {
      const id = await motionIn('raised');
      const res = await t.http
        .post(`/api/motions/${id}/events`)
        .set(auth(w.registrarToken))
        .send({ step: 'refer', outcome: 'approved', date: '2024-04-05' })
        .expect(400);
      const fields = res.body.errors.map((e: { field: string }) => e.field).sort();
      expect(fields).toEqual(['outcome', 'referredTo']);
      const noDate = await t.http
        .post(`/api/motions/${id}/events`)
        .set(auth(w.registrarToken))
        .send({ step: 'withdraw' })
        .expect(400);
      expect(noDate.body.errors[0].field).toBe('date');
      await t.http
        .post(`/api/motions/${id}/events`)
        .set(auth(w.registrarToken))
        .send({ step: 'vote', date: '2024-04-05' })
        .expect(400);
    });

    it('links an event to a document of the motion, and 404s a document of another motion', async () => {
      const id = await motionIn('referred');
      const doc = await t.http
        .post(`/api/motions/${id}/documents`)
        .set(auth(w.registrarToken))
        .send({
          title: 'Tjänsteskrivelse',
          documentDate: '2024-04-10',
          reference: 'RS/1234/2024-3',
        })
        .expect(201);
      const otherId = await motionIn('referred');
      await t.http
        .post(`/api/motions/${otherId}/events`)
        .set(auth(w.registrarToken))
        .send({ step: 'answer', date: '2024-04-10', documentId: doc.body.id })
        .expect(404);
      const res = await step(t, w.registrarToken, id, {
        step: 'answer',
        date: '2024-04-10',
        documentId: doc.body.id,
        note: 'Regiondirektörens förslag',
      });
      expect(res.body.documents).toEqual([
        expect.objectContaining({ title: 'Tjänsteskrivelse', reference: 'RS/1234/2024-3' }),
      ]);
      expect(res.body.timeline[2]).toMatchObject({
        kind: 'answered',
        document: { id: doc.body.id, title: 'Tjänsteskrivelse', documentDate: '2024-04-10' },
        note: 'Regiondirektörens förslag',
      });
    });

    it('lets only a registrar of the organisation (or an admin) take steps', async () => {
      const id = await motionIn('raised');
      const other = await createOrganisation(t, w.adminToken, { name: 'Region Dalarna' });
      const otherRegistrar = await t.tokenFor('registrar', { organisationId: other.id });
      await t.http
        .post(`/api/motions/${id}/events`)
        .set(auth(otherRegistrar))
        .send({ step: 'withdraw', date: '2024-04-05' })
        .expect(403);
      await t.http
        .post(`/api/motions/${id}/events`)
        .send({ step: 'withdraw', date: '2024-04-05' })
        .expect(401);
      await step(t, w.adminToken, id, { step: 'withdraw', date: '2024-04-05' });
    });

    it('records every change in the audit trail with the acting user', async () => {
      const id = await motionIn('referred');
      const rows = await t.dataSource.query(
        `SELECT entity, action, actor_user_id FROM audit_event
          WHERE (entity = 'motion' AND entity_id = $1)
             OR (entity = 'motion_event' AND after ->> 'motion_id' = $1)
          ORDER BY id`,
        [id],
      );
      expect(
        rows.map((r: { entity: string; action: string }) => `${r.entity}:${r.action}`),
      ).toEqual(['motion:insert', 'motion_event:insert', 'motion:update', 'motion_event:insert']);
      expect(rows.every((r: { actor_user_id: string | null }) => r.actor_user_id)).toBe(true);
    });

    it('guards the record in the database: the timeline is append-only, a final motion stays final', async () => {
      const id = await motionIn('decided');
      await expect(
        t.dataSource.query(`UPDATE motion_event SET note = 'x' WHERE motion_id = $1`, [id]),
      ).rejects.toThrow(/append-only/);
      await expect(
        t.dataSource.query(`DELETE FROM motion_event WHERE motion_id = $1`, [id]),
      ).rejects.toThrow(/append-only/);
      await expect(
        t.dataSource.query(`UPDATE motion SET outcome = 'approved' WHERE id = $1`, [id]),
      ).rejects.toThrow(/already decided/);
      await expect(
        t.dataSource.query(
          `INSERT INTO motion_event (motion_id, seq, kind, occurred_on, to_status, outcome)
           VALUES ($1, 99, 'decided', '2024-05-01', 'decided', 'approved')`,
          [id],
        ),
      ).rejects.toThrow(/motion_event_one_decision/);
    });

    it('edits title and case number', async () => {
      const id = await motionIn('raised');
      const res = await t.http
        .patch(`/api/motions/${id}`)
        .set(auth(w.registrarToken))
        .send({ caseNumber: 'RF/55/2024', title: 'Ny rubrik' })
        .expect(200);
      expect(res.body).toMatchObject({ caseNumber: 'RF/55/2024', title: 'Ny rubrik' });
    });
  });
});
