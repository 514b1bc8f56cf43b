import { createTestApp, TestApp } from '../test-app';
import {
  auth,
  createMotionWorld,
  MotionWorld,
  raiseMotion,
  step,
} from '../motions/motion-fixtures';
import { paragraphAt } from '../motions/minutes-helpers';

describe('a council delegating citizen proposals to its board', () => {
  let t: TestApp;
  let w: MotionWorld;

  beforeAll(async () => {
    t = await createTestApp();
    w = await createMotionWorld(t);
    await t.http
      .put(`/api/bodies/${w.council.id}/motion-settings`)
      .set(auth(w.registrarToken))
      .send({ allowsCitizenProposals: true })
      .expect(200);
  });
  afterAll(() => t.close());

  async function answered(kind: 'citizen_proposal' | 'motion', title: string): Promise<string> {
    const motion = await raiseMotion(t, w.registrarToken, {
      bodyId: w.council.id,
      kind,
      title,
      raisedOn: '2024-02-01',
      ...(kind === 'citizen_proposal'
        ? { citizenName: 'Karin Medborgare' }
        : { signatoryIds: [w.hamberg.id] }),
    });
    await step(t, w.registrarToken, motion.id, {
      step: 'refer',
      referredTo: 'Regionstyrelsen',
      date: '2024-02-01',
    });
    await step(t, w.registrarToken, motion.id, { step: 'answer', date: '2024-04-02' });
    return motion.id;
  }

  it('the board decides a citizen proposal only while it holds the delegation for that kind', async () => {
    const before = await answered('citizen_proposal', 'Fler parkbänkar i Östersund');
    const early = await paragraphAt(t, w.registrarToken, w.board.id, '2024-04-09', {
      title: 'Medborgarförslag om fler parkbänkar',
    });
    const refused = await t.http
      .post(`/api/motions/${before}/events`)
      .set(auth(w.registrarToken))
      .send({ step: 'decide', outcome: 'rejected', paragraphId: early.id });
    expect(refused.status).toBe(422);
    expect(refused.body.detail).toMatch(/holding its delegation/);

    await t.http
      .post(`/api/organisations/${w.organisationId}/delegations`)
      .set(auth(w.registrarToken))
      .send({
        fromBodyId: w.council.id,
        toBodyId: w.board.id,
        matters: ['Medborgarförslag som rör styrelsens verksamhet'],
        matterKinds: ['citizen_proposal'],
        validFrom: '2024-04-10',
        appealable: true,
        decidedInReference: 'RF 2024-04-10 § 30',
      })
      .expect(201);
    const later = await paragraphAt(t, w.registrarToken, w.board.id, '2024-05-14', {
      title: 'Medborgarförslag om fler parkbänkar',
    });
    await step(t, w.registrarToken, before, {
      step: 'decide',
      outcome: 'rejected',
      paragraphId: later.id,
    });
    const decided = await t.http
      .get(`/api/motions/${before}`)
      .set(auth(w.registrarToken))
      .expect(200);
    expect(decided.body).toMatchObject({ status: 'decided', outcome: 'rejected' });

    // The delegation is for citizen proposals: a council motion still goes to the council.
    const motion = await answered('motion', 'Motion om gratis kollektivtrafik');
    const other = await paragraphAt(t, w.registrarToken, w.board.id, '2024-05-14', {
      title: 'Motion om gratis kollektivtrafik',
    });
    const notDelegated = await t.http
      .post(`/api/motions/${motion}/events`)
      .set(auth(w.registrarToken))
      .send({ step: 'decide', outcome: 'rejected', paragraphId: other.id });
    expect(notDelegated.status).toBe(422);
  });
});
