import { addMembership, createPerson } from '../factories';
import { createTestApp, TestApp } from '../test-app';
import { auth, createMotionWorld, motionTableCounts, MotionWorld } from './motion-fixtures';
import { meetingOn, paragraphAt } from './minutes-helpers';

/**
 * KL 4 kap. 19–20 §§: members raise motions and initiatives; a substitute (ersättare) only while
 * serving (tjänstgörande) at a meeting.
 */
describe('motions: substitutes raise only while serving', () => {
  let t: TestApp;
  let w: MotionWorld;
  let substitute: { id: string; name: string };

  beforeAll(async () => {
    t = await createTestApp();
    w = await createMotionWorld(t);
    substitute = await createPerson(t, w.registrarToken, w.organisationId, {
      name: 'Sven Ersättare',
      party: 'M',
    });
    for (const body of [w.board, w.council]) {
      await addMembership(t, w.registrarToken, body.id, {
        personId: substitute.id,
        role: 'substitute',
        validFrom: '2023-01-01',
      });
    }
  });
  afterAll(() => t.close());

  /** A board meeting on the day; the substitute serves for Hamberg when `serving`. */
  async function boardParagraph(meetingDate: string, serving: boolean) {
    const meetingId = await meetingOn(t, w.registrarToken, w.board.id, meetingDate);
    await t.http
      .put(`/api/meetings/${meetingId}/attendance`)
      .set(auth(w.registrarToken))
      .send({
        entries: [
          { personId: w.boardMember.id, role: 'member' },
          serving
            ? { personId: substitute.id, role: 'substitute', servingForPersonId: w.hamberg.id }
            : { personId: substitute.id, role: 'substitute' },
          ...(serving ? [] : [{ personId: w.hamberg.id, role: 'member' }]),
        ],
      })
      .expect(200);
    return paragraphAt(t, w.registrarToken, w.board.id, meetingDate, {
      title: 'Anmälan av initiativärenden',
    });
  }

  const initiative = (raisedOn: string, raisedParagraphId?: string) => ({
    bodyId: w.board.id,
    kind: 'initiative',
    title: 'Initiativärende om vårdköer',
    raisedOn,
    signatoryIds: [substitute.id],
    ...(raisedParagraphId ? { raisedParagraphId } : {}),
  });

  it('refuses an initiative by a substitute without a meeting where they serve (422)', async () => {
    const before = await motionTableCounts(t);
    const res = await t.http
      .post('/api/motions')
      .set(auth(w.registrarToken))
      .send(initiative('2024-03-26'))
      .expect(422);
    expect(res.body.detail).toMatch(/substitute \(ersättare\).*Sven Ersättare/);
    expect(res.body.notServing).toEqual([substitute.id]);
    expect(await motionTableCounts(t)).toEqual(before);
  });

  it('refuses it when the substitute attended the meeting but did not serve (422)', async () => {
    const paragraph = await boardParagraph('2024-04-09', false);
    const before = await motionTableCounts(t);
    await t.http
      .post('/api/motions')
      .set(auth(w.registrarToken))
      .send(initiative('2024-04-09', paragraph.id))
      .expect(422);
    expect(await motionTableCounts(t)).toEqual(before);
  });

  it('takes it from a substitute serving for a member at that meeting', async () => {
    const paragraph = await boardParagraph('2024-05-14', true);
    const res = await t.http
      .post('/api/motions')
      .set(auth(w.registrarToken))
      .send(initiative('2024-05-14', paragraph.id))
      .expect(201);
    expect(res.body.signatories).toEqual([
      { personId: substitute.id, name: 'Sven Ersättare', party: 'M' },
    ]);
  });

  it('refuses a council motion by a substitute who does not serve (422), but not by members', async () => {
    await t.http
      .post('/api/motions')
      .set(auth(w.registrarToken))
      .send({
        bodyId: w.council.id,
        kind: 'motion',
        title: 'Motion om nattåg',
        raisedOn: '2024-06-03',
        signatoryIds: [w.hamberg.id, substitute.id],
      })
      .expect(422);
    await t.http
      .post('/api/motions')
      .set(auth(w.registrarToken))
      .send({
        bodyId: w.council.id,
        kind: 'motion',
        title: 'Motion om nattåg',
        raisedOn: '2024-06-03',
        signatoryIds: [w.hamberg.id],
      })
      .expect(201);
  });
});
