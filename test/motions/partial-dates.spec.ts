import { addMembership, createPerson } from '../factories';
import { createTestApp, TestApp } from '../test-app';
import { auth, createMotionWorld, MotionWorld, step } from './motion-fixtures';

/**
 * Transcribed motions whose raised date is known only as a year or a year and month, or not at
 * all: the one-year rule gives a range of due days, overdue lists flag "datum osäkert",
 * statistics count unknown dates apart. Nothing is guessed.
 */
describe('motions: partial and unknown raised dates', () => {
  let t: TestApp;
  let w: MotionWorld;
  let oldMember: { id: string };
  const ids: Record<string, string> = {};

  const raise = (body: Record<string, unknown>) =>
    t.http.post('/api/motions').set(auth(w.registrarToken)).send(body);

  beforeAll(async () => {
    t = await createTestApp();
    w = await createMotionWorld(t);
    oldMember = await createPerson(t, w.registrarToken, w.organisationId, {
      name: 'Gunnel Gammal',
      party: 'KD',
    });
    await addMembership(t, w.registrarToken, w.council.id, {
      personId: oldMember.id,
      role: 'member',
      validFrom: '2010-10-15',
      validTo: '2018-10-14',
    });
  });
  afterAll(() => t.close());

  it('refuses a partial or missing date unless the motion is transcribed', async () => {
    const base = {
      bodyId: w.council.id,
      kind: 'motion',
      title: 'Motion om bad',
      signatoryIds: [oldMember.id],
    };
    const partial = await raise({ ...base, raisedOn: '2014-03' }).expect(422);
    expect(partial.body).toMatchObject({ field: 'raisedOn' });
    expect(partial.body.detail).toMatch(/transcribed/);
    const none = await raise(base).expect(400);
    expect(none.body.errors).toEqual([expect.objectContaining({ field: 'raisedOn' })]);
    await raise({ ...base, raisedOn: '2014-13', transcribed: true }).expect(400);
    await raise({ ...base, raisedOn: '2014-03', raisedOnUnknown: true, transcribed: true }).expect(
      400,
    );
  });

  it('stores a year-month date as such and gives the due day as a range', async () => {
    const res = await raise({
      bodyId: w.council.id,
      kind: 'motion',
      title: 'Motion om simhall',
      signatoryIds: [oldMember.id],
      raisedOn: '2014-03',
      transcribed: true,
    }).expect(201);
    ids.month = res.body.id;
    expect(res.body).toMatchObject({
      raisedOn: null,
      raisedDate: { value: '2014-03', precision: 'month', text: 'mars 2014' },
      transcribed: true,
      decisionDue: null,
      decisionDueRange: { earliest: '2015-03-01', latest: '2015-03-31' },
      dateUncertain: true,
      dateNote: 'datum osäkert',
    });
    // The raising has no day in the timeline: none is known.
    expect(res.body.timeline[0]).toMatchObject({ kind: 'raised', date: null });
    const year = await raise({
      bodyId: w.council.id,
      kind: 'motion',
      title: 'Motion om bibliotek',
      signatoryIds: [oldMember.id],
      raisedOn: '2014',
      transcribed: true,
    }).expect(201);
    ids.year = year.body.id;
    expect(year.body.raisedDate).toEqual({ value: '2014', precision: 'year', text: '2014' });
    expect(year.body.decisionDueRange).toEqual({ earliest: '2015-01-01', latest: '2015-12-31' });
    const unknown = await raise({
      bodyId: w.council.id,
      kind: 'motion',
      title: 'Motion om gatubelysning',
      signatoryIds: [oldMember.id],
      raisedOnUnknown: true,
      transcribed: true,
    }).expect(201);
    ids.unknown = unknown.body.id;
    expect(unknown.body).toMatchObject({
      raisedOn: null,
      raisedDate: { value: null, precision: 'unknown', text: 'datum okänt' },
      decisionDue: null,
      decisionDueRange: null,
      dateNote: 'datum okänt',
      overdue: false,
    });
    // A signatory must have had a seat at some time the date can be.
    const outsider = await raise({
      bodyId: w.council.id,
      kind: 'motion',
      title: 'Motion om torg',
      signatoryIds: [w.hamberg.id],
      raisedOn: '2014',
      transcribed: true,
    }).expect(422);
    expect(outsider.body.detail).toMatch(/not members/);
  });

  it('keeps the one-year rule in the database: no guessed due day', async () => {
    await expect(
      t.dataSource.query(`UPDATE motion SET decision_due = '2015-03-15' WHERE id = $1`, [
        ids.month,
      ]),
    ).rejects.toMatchObject({ constraint: 'motion_decision_due_one_year' });
    await expect(
      t.dataSource.query(
        `UPDATE motion SET decision_due_earliest = '2015-01-01', decision_due_latest = '2015-12-31' WHERE id = $1`,
        [ids.unknown],
      ),
    ).rejects.toMatchObject({ constraint: 'motion_decision_due_one_year' });
    await expect(
      t.dataSource.query(`UPDATE motion SET transcribed = false WHERE id = $1`, [ids.year]),
    ).rejects.toMatchObject({ constraint: 'motion_inexact_date_only_transcribed' });
  });

  it('lists a motion as overdue once the earliest due day has passed, flagged uncertain', async () => {
    const before = await t.http
      .get('/api/motions/due')
      .query({ organisationId: w.organisationId, on: '2014-12-20', withinDays: 30 })
      .expect(200);
    expect(before.body.overdue).toEqual([]);
    expect(before.body.soonDue.map((m: { id: string }) => m.id)).toEqual([ids.year]);
    expect(before.body.unknownDate.map((m: { id: string }) => m.id)).toEqual([ids.unknown]);

    const res = await t.http
      .get('/api/motions/due')
      .query({ organisationId: w.organisationId, on: '2015-03-10' })
      .expect(200);
    const overdue = res.body.overdue as {
      id: string;
      overdueCertain: boolean;
      daysOverdue: number | null;
      daysOverdueAtMost: number;
      dateNote: string;
    }[];
    expect(overdue.map((m) => m.id)).toEqual([ids.year, ids.month]);
    expect(overdue[1]).toMatchObject({
      overdueCertain: false,
      daysOverdue: null,
      daysOverdueAtMost: 9,
      dateNote: 'datum osäkert',
    });
    const list = await t.http
      .get('/api/motions')
      .query({ organisationId: w.organisationId, overdue: true, on: '2015-02-01' })
      .expect(200);
    expect(list.body.items.map((m: { id: string }) => m.id)).toEqual([ids.year]);
    const notOverdue = await t.http
      .get('/api/motions')
      .query({ organisationId: w.organisationId, overdue: false, on: '2015-02-01' })
      .expect(200);
    expect(notOverdue.body.items.map((m: { id: string }) => m.id)).toEqual(
      expect.arrayContaining([ids.month, ids.unknown]),
    );
    // Outsiders see the same range and flag.
    const anonymous = await t.http.get(`/api/motions/${ids.month}`).expect(200);
    expect(anonymous.body).toMatchObject({
      raisedDate: { value: '2014-03' },
      decisionDueRange: { earliest: '2015-03-01', latest: '2015-03-31' },
      dateNote: 'datum osäkert',
    });
    const certain = await t.http
      .get('/api/motions/due')
      .query({ organisationId: w.organisationId, on: '2016-01-01' })
      .expect(200);
    expect(certain.body.overdue.map((m: { overdueCertain: boolean }) => m.overdueCertain)).toEqual([
      true,
      true,
    ]);
  });

  it('prints the range in the report to the council and lists unknown dates apart', async () => {
    const res = await t.http
      .get('/api/motions/report')
      .query({ organisationId: w.organisationId, bodyId: w.council.id, cutoff: '2015-03-10' })
      .set(auth(w.registrarToken))
      .expect(200);
    expect(res.text).toContain(
      '<td>mars 2014</td><td>1 mars 2015 – 31 mars 2015 (datum osäkert)</td>',
    );
    expect(res.text).toContain(
      '<td>2014</td><td>1 januari 2015 – 31 december 2015 (datum osäkert)</td>',
    );
    expect(res.text).toContain('Väckningsdatum okänt (1)');
    expect(res.text).toContain('Motion om gatubelysning');
    expect(res.text).toContain('Äldre än ett år (2)');
  });

  it('keeps unknown and uncertain dates out of date-based statistics', async () => {
    // Written off on a day inside the range of due days: within the year or not cannot be said.
    await step(t, w.registrarToken, ids.month, {
      step: 'decide',
      outcome: 'written_off',
      date: '2015-03-15',
    });
    const res = await t.http
      .get('/api/motions/statistics')
      .query({ organisationId: w.organisationId, bodyId: w.council.id, on: '2016-06-01' })
      .expect(200);
    expect(res.body).toEqual([
      expect.objectContaining({
        year: 2014,
        raised: 2,
        raisedDatePartial: 2,
        // The year motion is open past every possible due day; the month one is uncertain.
        cohort: 1,
        outcomeUncertain: 1,
        decidedWithinYear: 0,
        shareDecidedWithinYear: 0,
      }),
      expect.objectContaining({
        year: 2015,
        raised: 0,
        decided: 1,
        // Days from raised to decided are not known.
        medianDaysToDecision: null,
      }),
      expect.objectContaining({ year: null, raised: 1, cohort: 0, decided: 0 }),
    ]);
  });
});
