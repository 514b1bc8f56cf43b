import { createTestApp, TestApp } from '../test-app';
import {
  minutesHtml,
  ok,
  paragraphWithDecision,
  transcribedMeeting,
  transcribedWorld,
  TranscribedWorld,
} from '../corpus/transcribed-helpers';

/** Live meetings keep the strict rules; transcribed ones take what the paper shows. */
describe('transcribed minutes: rules', () => {
  let t: TestApp;
  let w: TranscribedWorld;
  beforeAll(async () => {
    t = await createTestApp();
    w = await transcribedWorld(t, { name: 'Kommunstyrelsen', shortName: 'KS', kind: 'board' }, [
      { name: 'Anna Ordförande', party: 'S', role: 'chair' },
      { name: 'Bo Ledamot', party: 'M' },
      { name: 'Cilla Ledamot', party: 'V' },
    ]);
  });
  afterAll(() => t.close());

  const createLive = (fields: Record<string, unknown>) =>
    t.http.post(`/api/bodies/${w.body.id}/meetings`).set(w.auth).send(fields);

  it('a live meeting needs a full meeting date, a full adjustment date and named adjusters', async () => {
    const partial = await createLive({ meetingDate: '2014-03' });
    expect(partial.status).toBe(400);
    expect(JSON.stringify(partial.body)).toContain('meetingDate');
    const missing = await createLive({});
    expect(missing.status).toBe(400);
    const adj = await createLive({ meetingDate: '2014-03-18', adjustmentDate: '2014-03' });
    expect(adj.status).toBe(400);
    expect(JSON.stringify(adj.body)).toContain('adjustmentDate');
    const boxes = await createLive({ meetingDate: '2014-03-18', unnamedAdjusterCount: 2 });
    expect(boxes.status).toBe(422);
    const bad = await createLive({ meetingDate: '2014-13' });
    expect(bad.status).toBe(400);
    const live = await ok<Record<string, any>>(createLive({ meetingDate: '2014-03-18' }));
    expect(live.recordedAs).toBe('live');
    expect(live.transcribed).toBeNull();
    const paper = await t.http
      .post(`/api/meetings/${live.id}/paper-adjustment`)
      .set(w.auth)
      .send({});
    expect(paper.status).toBe(422);
    // The database refuses it too.
    await expect(
      t.dataSource.query(`UPDATE meeting SET meeting_date = NULL WHERE id = $1`, [live.id]),
    ).rejects.toMatchObject({ driverError: { constraint: 'meeting_live_full_date' } });
  });

  it('a transcribed meeting known to the month: numbered in its year, printed "mars 2014"', async () => {
    const meeting = await transcribedMeeting(t, w, {
      meetingDate: '2014-03',
      adjustmentDate: '2014-03',
      unnamedAdjusterCount: 2,
      chairPersonId: w.people['Anna Ordförande'].id,
    });
    const view = await ok<Record<string, any>>(
      t.http.get(`/api/meetings/${meeting.id}`).set(w.auth),
      200,
    );
    expect(view.meetingDate).toBe('2014-03');
    expect(view.adjustmentDate).toBe('2014-03');
    expect(view.transcribed).toEqual(
      expect.objectContaining({
        meetingDateText: 'mars 2014',
        adjustmentDateText: 'mars 2014',
        unnamedAdjusterCount: 2,
      }),
    );
    const p = await paragraphWithDecision(t, w, meeting.id, { title: 'Budget' }, [
      'budgeten antas',
    ]);
    expect(p.reference).toBe('KS 2014-03 § 1');
    const statement = await ok<Record<string, any>>(
      t.http
        .post(`/api/paragraphs/${p.id}/special-statements`)
        .set(w.auth)
        .send({ personId: w.people['Cilla Ledamot'].id, text: 'Vi vill se en annan inriktning.' }),
    );
    expect(statement.specialStatements[0].person.displayName).toBe('Cilla Ledamot (V)');

    // Adjusted on paper in March 2014: the day is not known, so no deadline is computed.
    const before = await t.http
      .post(`/api/meetings/${meeting.id}/paper-adjustment`)
      .set(w.auth)
      .send({ adjustedOn: '2014-02' });
    expect(before.status).toBe(422);
    const adjusted = await ok<Record<string, any>>(
      t.http
        .post(`/api/meetings/${meeting.id}/paper-adjustment`)
        .set(w.auth)
        .send({ adjustedOn: '2014-03' }),
    );
    expect(adjusted.adjustedOn).toBe('2014-03');
    expect(adjusted.lateAdjustment).toBeNull();
    const para = await ok<Record<string, any>>(
      t.http.get(`/api/paragraphs/${p.id}`).set(w.auth),
      200,
    );
    expect(para.appeal.legalForce).toBe('unknown');
    expect(para.adjustment.adjustedOn).toBe('2014-03');
    // The frozen record holds the new facts, and they can no longer change.
    expect(para.specialStatements).toHaveLength(1);
    const late = await t.http
      .post(`/api/paragraphs/${p.id}/special-statements`)
      .set(w.auth)
      .send({ partyGroups: 'M', text: 'för sent' });
    expect(late.status).toBe(409);
    await expect(
      t.dataSource.query(
        `INSERT INTO paragraph_special_statement (paragraph_id, position, party_groups, text) VALUES ($1, 9, 'M', 'x')`,
        [p.id],
      ),
    ).rejects.toMatchObject({ driverError: { code: 'P0409' } });

    const html = await minutesHtml(t, w, meeting.id);
    expect(html).toContain('<th>Sammanträdesdatum</th><td>mars 2014</td>');
    expect(html).toContain('2 justerare utan namn i protokollet (överfört)');
    expect(html).toContain('protokollet justerades på papper mars 2014 (överfört)');
    expect(html).toContain('Cilla Ledamot (V): Vi vill se en annan inriktning.');
  });

  it('a paper adjustment on a printed full day gives the legal dates from that day', async () => {
    const meeting = await transcribedMeeting(t, w, { meetingDate: '2015-06-15' });
    const p = await paragraphWithDecision(t, w, meeting.id, { title: 'Taxa' }, ['taxan antas']);
    await ok(
      t.http
        .post(`/api/meetings/${meeting.id}/paper-adjustment`)
        .set(w.auth)
        .send({ adjustedOn: '2015-06-17' }),
    );
    const announced = await ok<Record<string, any>>(
      t.http
        .post(`/api/meetings/${meeting.id}/announcement`)
        .set(w.auth)
        .send({ postedOn: '2015-06-18' }),
    );
    expect(announced.announcement.postedOn).toBe('2015-06-18');
    // 3 weeks from Thu 2015-06-18 is Thu 2015-07-09.
    expect(announced.announcement.appealLastDay).toBe('2015-07-09');
    const para = await ok<Record<string, any>>(
      t.http.get(`/api/paragraphs/${p.id}`).set(w.auth),
      200,
    );
    expect(para.adjustment.adjustedOn).toBe('2015-06-17');
    expect(para.appeal.legalForce).toBe('final');
  });

  it('live: a member joins a motion only when taking part; totals-only votes are refused', async () => {
    const live = await ok<{ id: string }>(createLive({ meetingDate: '2024-05-02' }));
    await ok(
      t.http
        .put(`/api/meetings/${live.id}/attendance`)
        .set(w.auth)
        .send({
          entries: [
            { personId: w.people['Anna Ordförande'].id, role: 'member' },
            { personId: w.people['Bo Ledamot'].id, role: 'member' },
          ],
        }),
      200,
    );
    const p = await ok<{ id: string }>(
      t.http.post(`/api/meetings/${live.id}/paragraphs`).set(w.auth).send({ title: 'Ärende' }),
    );
    await ok(
      t.http
        .post(`/api/paragraphs/${p.id}/motions`)
        .set(w.auth)
        .send({ proposerPersonId: w.people['Anna Ordförande'].id, text: 'bifall' }),
    );
    const absent = await t.http
      .post(`/api/paragraphs/${p.id}/motions/1/supporters`)
      .set(w.auth)
      .send({ personId: w.people['Cilla Ledamot'].id });
    expect(absent.status).toBe(422);
    const joined = await ok<Record<string, any>>(
      t.http
        .post(`/api/paragraphs/${p.id}/motions/1/supporters`)
        .set(w.auth)
        .send({ personId: w.people['Bo Ledamot'].id }),
    );
    expect(joined.motions[0].supporters[0].displayName).toBe('Bo Ledamot (M)');
    const noMotion = await t.http
      .post(`/api/paragraphs/${p.id}/motions/7/supporters`)
      .set(w.auth)
      .send({ personId: w.people['Bo Ledamot'].id });
    expect(noMotion.status).toBe(404);
  });
});
