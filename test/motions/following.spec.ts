import { createTestApp, TestApp } from '../test-app';
import { createPerson } from '../factories';
import { auth, createMotionWorld, MotionWorld, raiseMotion, step } from './motion-fixtures';

/** Well-formed XML according to PostgreSQL's libxml parser. */
async function isWellFormedXml(t: TestApp, xml: string): Promise<boolean> {
  const [row] = await t.dataSource.query(`SELECT xml_is_well_formed_document($1) AS ok`, [xml]);
  return row.ok;
}

describe('motions: following, report, feeds and statistics', () => {
  let t: TestApp;
  let w: MotionWorld;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    w = await createMotionWorld(t);
    const tok = w.registrarToken;
    await t.http
      .put(`/api/bodies/${w.council.id}/motion-settings`)
      .set(auth(tok))
      .send({ allowsCitizenProposals: true })
      .expect(200);
    // A: Hamberg (M) + Andersson (S), raised 2023-02-10, referred, answered, decided 2023-11-20.
    ids.a = (
      await raiseMotion(t, tok, {
        bodyId: w.council.id,
        kind: 'motion',
        title: 'Motion om <fler> vårdplatser & "kortare" köer',
        raisedOn: '2023-02-10',
        signatoryIds: [w.hamberg.id, w.andersson.id],
        caseNumber: 'RS/10/2023',
      })
    ).id;
    await step(t, tok, ids.a, { step: 'refer', referredTo: 'Regionstyrelsen', date: '2023-02-20' });
    await step(t, tok, ids.a, { step: 'answer', date: '2023-10-01' });
    await step(t, tok, ids.a, { step: 'decide', outcome: 'approved', date: '2023-11-20' });
    // B: Andersson (S), raised 2023-05-01, referred; decided late, on 2024-06-01.
    ids.b = (
      await raiseMotion(t, tok, {
        bodyId: w.council.id,
        kind: 'motion',
        title: 'Motion om kollektivtrafik',
        raisedOn: '2023-05-01',
        signatoryIds: [w.andersson.id],
      })
    ).id;
    await step(t, tok, ids.b, {
      step: 'refer',
      referredTo: 'Regiondirektören',
      answerDue: '2023-12-31',
      date: '2023-05-15',
    });
    await step(t, tok, ids.b, { step: 'answer', date: '2024-04-01' });
    await step(t, tok, ids.b, { step: 'decide', outcome: 'rejected', date: '2024-06-01' });
    // C: Hamberg (M), raised 2023-09-01, still referred (overdue from 2024-09-02).
    ids.c = (
      await raiseMotion(t, tok, {
        bodyId: w.council.id,
        kind: 'motion',
        title: 'Motion om tandvård',
        raisedOn: '2023-09-01',
        signatoryIds: [w.hamberg.id],
      })
    ).id;
    await step(t, tok, ids.c, {
      step: 'refer',
      referredTo: 'Hälso- och sjukvårdsnämnden',
      answerDue: '2024-03-01',
      date: '2023-09-20',
    });
    // D: initiative at the board by Lena Berg (C), 2024-03-26, raised only.
    ids.d = (
      await raiseMotion(t, tok, {
        bodyId: w.board.id,
        kind: 'initiative',
        title: 'Initiativärende om effektivitetsdelegationen',
        raisedOn: '2024-03-26',
        signatoryIds: [w.boardMember.id],
      })
    ).id;
    // E: a citizen proposal, 2024-04-15, withdrawn 2024-05-01.
    ids.e = (
      await raiseMotion(t, tok, {
        bodyId: w.council.id,
        kind: 'citizen_proposal',
        title: 'Medborgarförslag om parkbänkar',
        raisedOn: '2024-04-15',
        citizenName: 'Karin Medborgare',
      })
    ).id;
    await step(t, tok, ids.e, { step: 'withdraw', date: '2024-05-01' });
  });
  afterAll(() => t.close());

  const list = (query: Record<string, unknown>) =>
    t.http
      .get('/api/motions')
      .query({ organisationId: w.organisationId, ...query })
      .expect(200);
  const idsOf = (res: { body: { items: { id: string }[] } }) => res.body.items.map((i) => i.id);

  describe('filters', () => {
    it('lists newest first', async () => {
      expect(idsOf(await list({}))).toEqual([ids.e, ids.d, ids.c, ids.b, ids.a]);
    });
    it('by signatory', async () => {
      expect(idsOf(await list({ signatoryId: w.hamberg.id }))).toEqual([ids.c, ids.a]);
      expect(idsOf(await list({ signatoryId: w.andersson.id }))).toEqual([ids.b, ids.a]);
    });
    it('by party', async () => {
      expect(idsOf(await list({ party: 'S' }))).toEqual([ids.b, ids.a]);
      expect(idsOf(await list({ party: 'C' }))).toEqual([ids.d]);
      expect(idsOf(await list({ party: 'KD' }))).toEqual([]);
    });
    it('by body, kind and status', async () => {
      expect(idsOf(await list({ bodyId: w.board.id }))).toEqual([ids.d]);
      expect(idsOf(await list({ kind: 'citizen_proposal' }))).toEqual([ids.e]);
      expect(idsOf(await list({ status: 'decided' }))).toEqual([ids.b, ids.a]);
      expect(idsOf(await list({ status: 'referred', party: 'M' }))).toEqual([ids.c]);
    });
    it('by date range (inclusive)', async () => {
      expect(idsOf(await list({ raisedFrom: '2023-05-01', raisedTo: '2023-09-01' }))).toEqual([
        ids.c,
        ids.b,
      ]);
    });
    it('by overdue on a day', async () => {
      expect(idsOf(await list({ overdue: true, on: '2024-09-02' }))).toEqual([ids.c]);
      expect(idsOf(await list({ overdue: true, on: '2024-09-01' }))).toEqual([]);
    });
    it('pages with a cursor without skipping or repeating', async () => {
      const first = await list({ limit: 2 });
      expect(first.body.items).toHaveLength(2);
      const second = await list({ limit: 2, cursor: first.body.nextCursor });
      const third = await list({ limit: 2, cursor: second.body.nextCursor });
      expect(third.body.nextCursor).toBeNull();
      expect([...idsOf(first), ...idsOf(second), ...idsOf(third)]).toEqual([
        ids.e,
        ids.d,
        ids.c,
        ids.b,
        ids.a,
      ]);
    });
    it('rejects bad filter values, naming them', async () => {
      const res = await t.http
        .get('/api/motions')
        .query({ status: 'lost', raisedFrom: '2023-13-01', colour: 'red' })
        .expect(400);
      const fields = res.body.errors.map((e: { field: string }) => e.field).sort();
      expect(fields).toEqual(['colour', 'raisedFrom', 'status']);
    });
  });

  describe("a person's motions", () => {
    it('GET /api/people/:id/motions gives status and next step', async () => {
      const res = await t.http.get(`/api/people/${w.hamberg.id}/motions`).expect(200);
      expect(res.body.items).toEqual([
        expect.objectContaining({
          id: ids.c,
          status: 'referred',
          nextStep: expect.objectContaining({
            step: 'answer',
            by: 'Hälso- och sjukvårdsnämnden',
            due: '2024-03-01',
          }),
          allowedNextSteps: ['answer', 'refer', 'withdraw', 'decide'],
        }),
        expect.objectContaining({
          id: ids.a,
          status: 'decided',
          outcome: 'approved',
          nextStep: null,
        }),
      ]);
    });
    it('404s an unknown person', async () => {
      await t.http.get('/api/people/00000000-0000-4000-8000-000000000000/motions').expect(404);
    });
    it('GET /api/me/motions gives a politician their own motions', async () => {
      const token = await t.tokenFor('politician', { personId: w.andersson.id });
      const res = await t.http.get('/api/me/motions').set(auth(token)).expect(200);
      expect(idsOf(res)).toEqual([ids.b, ids.a]);
      await t.http.get('/api/me/motions').expect(401);
      await t.http.get('/api/me/motions').set(auth(w.registrarToken)).expect(403);
    });
  });

  describe('report of undecided motions', () => {
    const report = (cutoff: string, bodyId?: string) =>
      t.http
        .get('/api/motions/report')
        .query({ organisationId: w.organisationId, cutoff, ...(bodyId ? { bodyId } : {}) })
        .expect(200);

    it('is Swedish HTML, escaped, as the register stood on the cutoff day', async () => {
      const res = await report('2024-03-01', w.council.id);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      const html = res.text;
      expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
      expect(html).toContain('<meta charset="utf-8">');
      expect(html).toContain('Redovisning av motioner och medborgarförslag som inte har avgjorts');
      expect(html).toContain('Läget per den 1 mars 2024');
      expect(html).toContain('5 kap. 35 §');
      // A was decided before the cutoff; B was undecided then (decided later), C too.
      expect(html).not.toContain('vårdplatser');
      expect(html).toContain('Motion om kollektivtrafik');
      expect(html).toContain('Motion om tandvård');
      expect(html).toContain('Anna Andersson (S)');
      expect(html).toContain('remitterad till Regiondirektören, svar senast 31 december 2023');
      // B (raised 2023-05-01) is not yet a year old on 2024-03-01: both under "Övriga".
      expect(html).toContain('Äldre än ett år (0)');
      expect(html).toContain('Övriga ej avgjorda (2)');
      expect(html).toContain('Antal ej avgjorda ärenden: 2.');
      expect(html).not.toContain('Initiativärende'); // board, not the council
    });

    it('puts motions older than a year first, with days over time', async () => {
      const html = (await report('2024-05-02', w.council.id)).text;
      expect(html).toContain('Äldre än ett år (1)');
      // B due 2024-05-01, one day over; C not yet due; E withdrawn 2024-05-01.
      const overdueSection = html.split('Övriga ej avgjorda')[0];
      expect(overdueSection).toContain('Motion om kollektivtrafik');
      expect(overdueSection).toMatch(/<td class="num">1<\/td>/);
      expect(html).not.toContain('parkbänkar');
    });

    it('shows a motion as it stood: answered later than the cutoff is still "remitterad"', async () => {
      const html = (await report('2024-01-15', w.council.id)).text;
      expect(html).toMatch(/Motion om kollektivtrafik.*remitterad för beredning/s);
      expect(html).not.toContain('besvarad, förslag till beslut finns');
    });

    it('escapes user text', async () => {
      const html = (await report('2023-03-01')).text;
      expect(html).toContain('Motion om &lt;fler&gt; vårdplatser &amp; &quot;kortare&quot; köer');
      expect(html).not.toContain('<fler>');
    });

    it('says so when nothing is undecided, and 404s an unknown organisation', async () => {
      const html = (await report('2020-01-01')).text;
      expect(html).toContain('Inga ärenden är äldre än ett år.');
      await t.http
        .get('/api/motions/report')
        .query({ organisationId: '00000000-0000-4000-8000-000000000000' })
        .expect(404);
      await t.http.get('/api/motions/report').query({ cutoff: '2024-01-01' }).expect(400);
    });
  });

  describe('Atom feeds', () => {
    it("lists the status changes of a person's motions, newest first, as valid Atom", async () => {
      const res = await t.http.get(`/api/people/${w.andersson.id}/motions/feed`).expect(200);
      expect(res.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
      const xml = res.text;
      expect(await isWellFormedXml(t, xml)).toBe(true);
      expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom"');
      expect(xml).toContain('<title>Motioner – Anna Andersson (S)</title>');
      const entries = xml.match(/<entry>/g) ?? [];
      expect(entries).toHaveLength(8); // A: 4 events, B: 4 events
      const titles = [...xml.matchAll(/<entry>\s*<id>[^<]+<\/id>\s*<title>([^<]+)<\/title>/g)].map(
        (m) => m[1],
      );
      expect(titles[0]).toBe('Motion: Motion om kollektivtrafik – avslagen');
      expect(titles).toContain(
        'Motion: Motion om &lt;fler&gt; vårdplatser &amp; &quot;kortare&quot; köer – bifallen',
      );
      expect(xml).toContain(
        '20 februari 2023: remitterad för beredning, remitterad till Regionstyrelsen',
      );
      expect(xml).toMatch(/<updated>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z<\/updated>/);
      expect(xml).toContain(`/api/motions/${ids.b}`);
    });

    it('lists the status changes of the motions of a body', async () => {
      const res = await t.http.get(`/api/bodies/${w.board.id}/motions/feed`).expect(200);
      expect(await isWellFormedXml(t, res.text)).toBe(true);
      expect(res.text).toContain('<title>Motioner – Regionstyrelsen</title>');
      expect(res.text).toContain(
        'Initiativärende: Initiativärende om effektivitetsdelegationen – väckt',
      );
      expect(res.text.match(/<entry>/g)).toHaveLength(1);
    });

    it('stays valid XML with control characters and markup in a title', async () => {
      const person = await createPerson(t, w.registrarToken, w.organisationId, {
        name: 'Eva <Ek> & Co',
        party: 'MP',
      });
      await t.http
        .post(`/api/bodies/${w.council.id}/memberships`)
        .set(auth(w.registrarToken))
        .send({ personId: person.id, role: 'member', validFrom: '2023-01-01' })
        .expect(201);
      await raiseMotion(t, w.registrarToken, {
        bodyId: w.council.id,
        kind: 'motion',
        title: 'Motion ]]> om \u0007 </title><script>',
        raisedOn: '2024-02-01',
        signatoryIds: [person.id],
      });
      const res = await t.http.get(`/api/people/${person.id}/motions/feed`).expect(200);
      expect(await isWellFormedXml(t, res.text)).toBe(true);
      expect(res.text).toContain('Eva &lt;Ek&gt; &amp; Co (MP)');
      expect(res.text).not.toContain('<script>');
    });

    it('gives an empty but valid feed, and 404 for an unknown person or body', async () => {
      const res = await t.http.get(`/api/people/${w.outsider.id}/motions/feed`).expect(200);
      expect(await isWellFormedXml(t, res.text)).toBe(true);
      expect(res.text).not.toContain('<entry>');
      await t.http.get('/api/people/00000000-0000-4000-8000-000000000000/motions/feed').expect(404);
      await t.http.get('/api/bodies/00000000-0000-4000-8000-000000000000/motions/feed').expect(404);
    });
  });

  describe('statistics per body and year', () => {
    it('counts raised and decided, median days and share decided within a year', async () => {
      const res = await t.http
        .get('/api/motions/statistics')
        .query({ organisationId: w.organisationId, bodyId: w.council.id, on: '2024-12-31' })
        .expect(200);
      expect(res.body).toEqual([
        {
          bodyId: w.council.id,
          bodyName: 'Regionfullmäktige',
          year: 2023,
          raised: 3,
          decided: 1,
          medianDaysToDecision: 283, // A: 2023-02-10 → 2023-11-20
          // A in time, B late, C overdue since 2024-09-02: 1 of 3.
          cohort: 3,
          decidedWithinYear: 1,
          shareDecidedWithinYear: 0.333,
          raisedDatePartial: 0,
          outcomeUncertain: 0,
        },
        {
          bodyId: w.council.id,
          bodyName: 'Regionfullmäktige',
          year: 2024,
          // E raised (and withdrawn) in 2024; the Eva Ek motion is raised 2024-02-01 and open.
          raised: 2,
          decided: 1,
          medianDaysToDecision: 397, // B: 2023-05-01 → 2024-06-01
          cohort: 0,
          decidedWithinYear: 0,
          shareDecidedWithinYear: null,
          raisedDatePartial: 0,
          outcomeUncertain: 0,
        },
      ]);
    });

    it('leaves out what has not happened by the day judged on, and filters by year', async () => {
      const res = await t.http
        .get('/api/motions/statistics')
        .query({ organisationId: w.organisationId, year: 2023, on: '2024-01-01' })
        .expect(200);
      expect(res.body).toEqual([
        expect.objectContaining({
          bodyName: 'Regionfullmäktige',
          year: 2023,
          raised: 3,
          decided: 1,
          cohort: 1,
          decidedWithinYear: 1,
          shareDecidedWithinYear: 1,
        }),
      ]);
      const board = await t.http
        .get('/api/motions/statistics')
        .query({ organisationId: w.organisationId, bodyId: w.board.id, on: '2026-01-01' })
        .expect(200);
      expect(board.body).toEqual([
        expect.objectContaining({
          year: 2024,
          raised: 1,
          decided: 0,
          medianDaysToDecision: null,
          cohort: 1,
          shareDecidedWithinYear: 0,
        }),
      ]);
    });
  });
});
