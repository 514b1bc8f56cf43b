import { createTestApp, TestApp } from '../test-app';
import {
  createHeldMeeting,
  createMinutesWorld,
  MinutesWorld,
  ok,
  signAll,
} from '../minutes/minutes-helpers';

interface ParagraphView {
  id: string;
  number: number;
  reference: string;
  label: string;
  numberPrinted: boolean;
  agendaItem: string | null;
  caseNumber: string | null;
  caseNumbers: string[];
  filingCode: string | null;
  outcomeKind: string;
  decisionHeading: string;
  relatedParagraphs: {
    relation: string;
    paragraphId: string | null;
    reference: string;
    text: string;
  }[];
  appeal: { appealable: boolean };
}

describe('numbering as the body writes it', () => {
  let t: TestApp;
  let w: MinutesWorld;
  beforeAll(async () => {
    t = await createTestApp();
    w = await createMinutesWorld(t);
  });
  afterAll(() => t.close());

  const paragraph = (meetingId: string, body: Record<string, unknown> = {}) =>
    t.http
      .post(`/api/meetings/${meetingId}/paragraphs`)
      .set(w.auth)
      .send({ title: 'Ärende', ...body });
  const patchBody = (bodyId: string, body: Record<string, unknown>) =>
    t.http.patch(`/api/bodies/${bodyId}`).set(w.auth).send(body);
  const setNext = (bodyId: string, body: Record<string, unknown>) =>
    t.http.put(`/api/bodies/${bodyId}/numbering/next-number`).set(w.auth).send(body);
  const transcribedMeeting = async (bodyId: string, meetingDate: string) =>
    ok<{ id: string; recordedAs: string }>(
      t.http
        .post(`/api/bodies/${bodyId}/meetings`)
        .set(w.auth)
        .send({ meetingDate, recordedAs: 'transcribed' }),
    );

  it('refuses a reference pattern with unknown tokens or without the number, naming the field', async () => {
    for (const referencePattern of ['{x} {n}', '§ {yyyy}', '§ {n} {n}', '§ {n', 'a']) {
      const res = await patchBody(w.rs.id, { referencePattern });
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).toContain('referencePattern');
    }
  });

  it('starts a register mid-series: the next number is set (audited) and printed in the body’s form', async () => {
    const org = await ok<{ id: string }>(
      t.http.post(`/api/organisations/${w.organisationId}/bodies`).set(w.auth).send({
        name: 'Kulturnämnden',
        shortName: 'KN',
        kind: 'committee',
        referencePattern: '§ {n}/{yy}',
      }),
    );
    const set = await ok<{ periods: { period: number; nextNumber: number }[] }>(
      setNext(org.id, { period: 2024, nextNumber: 62 }),
      200,
    );
    expect(set.periods).toEqual([{ period: 2024, lastNumber: 61, nextNumber: 62 }]);
    const [audit]: { count: number }[] = await t.dataSource.query(
      `SELECT count(*)::int AS count FROM audit_event
        WHERE entity = 'paragraph_number_counter' AND actor_user_id IS NOT NULL`,
    );
    expect(audit.count).toBeGreaterThan(0);

    const meeting = await ok<{ id: string }>(
      t.http.post(`/api/bodies/${org.id}/meetings`).set(w.auth).send({ meetingDate: '2024-12-03' }),
    );
    const first = await ok<ParagraphView>(paragraph(meeting.id));
    expect(first).toMatchObject({ number: 62, reference: '§ 62/24', label: '§ 62/24' });

    // Never backwards, never a number already given.
    const back = await setNext(org.id, { period: 2024, nextNumber: 10 });
    expect(back.status).toBe(409);
    expect(back.body.detail ?? back.body.title).toMatch(/62/);
    expect((await setNext(org.id, { period: 2024, nextNumber: 62 })).status).toBe(409);
    // A per-year body needs the period.
    expect((await setNext(org.id, { nextNumber: 70 })).status).toBe(422);
    // Another period starts where the registrar says.
    await ok(setNext(org.id, { period: 2025, nextNumber: 7 }), 200);
    const m2025 = await ok<{ id: string }>(
      t.http.post(`/api/bodies/${org.id}/meetings`).set(w.auth).send({ meetingDate: '2025-01-20' }),
    );
    expect((await ok<ParagraphView>(paragraph(m2025.id))).reference).toBe('§ 7/25');
  });

  it('gives printed numbers only to transcribed meetings, unique per period, moving the counter on', async () => {
    const ks = await ok<{ id: string }>(
      t.http.post(`/api/organisations/${w.organisationId}/bodies`).set(w.auth).send({
        name: 'Kommunstyrelsen',
        shortName: 'Ks',
        kind: 'board',
        referencePattern: '{short} {n}',
      }),
    );
    const live = await ok<{ id: string; recordedAs: string }>(
      t.http.post(`/api/bodies/${ks.id}/meetings`).set(w.auth).send({ meetingDate: '2013-01-09' }),
    );
    expect(live.recordedAs).toBe('live');
    const refused = await paragraph(live.id, { number: 5 });
    expect(refused.status).toBe(422);
    expect(JSON.stringify(refused.body)).toContain('number');

    const paper = await transcribedMeeting(ks.id, '2013-01-16');
    expect(paper.recordedAs).toBe('transcribed');
    const ten = await ok<ParagraphView>(paragraph(paper.id, { number: 10, title: 'Tio' }));
    const nine = await ok<ParagraphView>(paragraph(paper.id, { number: 9, title: 'Nio' }));
    const hundred = await ok<ParagraphView>(paragraph(paper.id, { number: 100, title: 'Hundra' }));
    expect([ten.reference, nine.reference, hundred.reference]).toEqual(['Ks 10', 'Ks 9', 'Ks 100']);
    expect(ten.numberPrinted).toBe(true);
    const dup = await paragraph(paper.id, { number: 9 });
    expect(dup.status).toBe(409);
    expect(JSON.stringify(dup.body)).toContain('Ks 9');

    // The live counter goes on after the highest printed number; the gaps stay.
    const next = await ok<ParagraphView>(paragraph(live.id, { title: 'Nästa' }));
    expect(next).toMatchObject({ number: 101, reference: 'Ks 101', numberPrinted: false });

    // Numeric order everywhere: the list and the minutes.
    const list = await ok<{ items: { number: number }[] }>(
      t.http.get(`/api/paragraphs?bodyId=${ks.id}`).set(w.auth),
      200,
    );
    expect(list.items.map((p) => p.number)).toEqual([9, 10, 100, 101]);
    const page1 = await ok<{ items: { number: number }[]; nextCursor: string }>(
      t.http.get(`/api/paragraphs?bodyId=${ks.id}&limit=2`).set(w.auth),
      200,
    );
    const page2 = await ok<{ items: { number: number }[] }>(
      t.http.get(`/api/paragraphs?bodyId=${ks.id}&limit=2&cursor=${page1.nextCursor}`).set(w.auth),
      200,
    );
    expect([...page1.items, ...page2.items].map((p) => p.number)).toEqual([9, 10, 100, 101]);
    const html = (await t.http.get(`/api/meetings/${paper.id}/minutes.html`).set(w.auth)).text;
    expect(html).toContain('<td>Ks 9, Ks 10, Ks 100</td>');
    expect(html.indexOf('<h2>Ks 9 Nio</h2>')).toBeLessThan(html.indexOf('<h2>Ks 10 Tio</h2>'));
    expect(html.indexOf('<h2>Ks 10 Tio</h2>')).toBeLessThan(html.indexOf('<h2>Ks 100 Hundra</h2>'));

    // A transcribed meeting with paragraphs cannot turn live.
    const flip = await t.http
      .patch(`/api/meetings/${paper.id}`)
      .set(w.auth)
      .send({ recordedAs: 'live' });
    expect(flip.status).toBe(409);
  });

  it('keeps agenda item, several case numbers, filing code and references to other paragraphs, and prints them', async () => {
    const meeting = await createHeldMeeting(t, w, w.rs, '2024-03-05');
    const earlier = await ok<ParagraphView>(paragraph(meeting.id, { title: 'Val av ledamot' }));
    const p = await ok<ParagraphView>(
      paragraph(meeting.id, {
        title: 'Avsägelse',
        agendaItem: '36.',
        caseNumber: 'KS 2012/172',
        caseNumbers: ['KS 2012/172', 'KS 2012/180'],
        filingCode: '51',
        relatedParagraphs: [
          { paragraphId: earlier.id, relation: 'ends_membership' },
          { printedReference: '§ 12/2011', relation: 'refers_to' },
        ],
      }),
    );
    expect(p).toMatchObject({
      agendaItem: '36',
      caseNumber: 'KS 2012/172',
      caseNumbers: ['KS 2012/172', 'KS 2012/180'],
      filingCode: '51',
    });
    expect(p.relatedParagraphs.map((r) => r.text)).toEqual([
      `Avslutar uppdrag enligt ${earlier.reference}`,
      'Se även § 12/2011',
    ]);
    // caseNumber alone replaces the first and keeps the others.
    const upd = await ok<ParagraphView>(
      t.http.patch(`/api/paragraphs/${p.id}`).set(w.auth).send({ caseNumber: 'KS 2012/171' }),
      200,
    );
    expect(upd.caseNumbers).toEqual(['KS 2012/171', 'KS 2012/180']);
    const bad = await t.http
      .patch(`/api/paragraphs/${p.id}`)
      .set(w.auth)
      .send({ caseNumber: 'X', caseNumbers: ['Y'] });
    expect(bad.status).toBe(422);
    expect(
      (await t.http.patch(`/api/paragraphs/${p.id}`).set(w.auth).send({ agendaItem: 'x y z!' }))
        .status,
    ).toBe(400);
    const self = await t.http
      .patch(`/api/paragraphs/${p.id}`)
      .set(w.auth)
      .send({ relatedParagraphs: [{ paragraphId: p.id, relation: 'refers_to' }] });
    expect(self.status).toBe(422);
    const html = (await t.http.get(`/api/meetings/${meeting.id}/minutes.html`).set(w.auth)).text;
    expect(html).toContain(
      `${p.reference} · ärende 36 · Diarienummer KS 2012/171, KS 2012/180 · Diariekod 51</p>`,
    );
    expect(html).toContain(`Avslutar uppdrag enligt ${earlier.reference}`);
  });

  it('records paragraphs without a decision: no decision heading, not appealable, never in the decision register', async () => {
    const meeting = await createHeldMeeting(t, w, w.rs, '2024-04-09');
    const info = await ok<ParagraphView>(
      paragraph(meeting.id, {
        title: 'Frågestund',
        outcomeKind: 'none',
        description: 'Inga frågor ställs.',
      }),
    );
    expect(info).toMatchObject({
      outcomeKind: 'none',
      decisionHeading: '',
      appeal: { appealable: false },
    });
    expect((await paragraph(meeting.id, { outcomeKind: 'none', appealable: true })).status).toBe(
      422,
    );
    const decided = await ok<ParagraphView>(paragraph(meeting.id, { title: 'Budget' }));
    expect(
      (
        await t.http
          .post(`/api/paragraphs/${info.id}/decision`)
          .set(w.auth)
          .send({ clauses: ['att x'] })
      ).status,
    ).toBe(422);
    await ok(
      t.http
        .post(`/api/paragraphs/${decided.id}/decision`)
        .set(w.auth)
        .send({ clauses: ['att fastställa budgeten'] }),
      201,
    );
    // The minutes adjust although the information paragraph has no decision.
    await signAll(t, w, meeting.id, '2024-04-10T10:00:00Z');
    const html = (await t.http.get(`/api/meetings/${meeting.id}/minutes.html`).set(w.auth)).text;
    const section = html.slice(html.indexOf('Frågestund'), html.indexOf('Budget</h2>'));
    expect(section).toContain('Inga frågor ställs.');
    expect(section).not.toContain('<h3>Beslut</h3>');
    expect(section).not.toContain('kan inte överklagas');
    const register = await ok<{ items: { id: string }[] }>(
      t.http.get(`/api/decisions?organisationId=${w.organisationId}`),
      200,
    );
    expect(register.items.map((d) => d.id)).toContain(decided.id);
    expect(register.items.map((d) => d.id)).not.toContain(info.id);
  });

  it('re-renders draft references when the pattern changes, never adjusted ones', async () => {
    const meeting = await createHeldMeeting(t, w, w.rs, '2024-05-14');
    const p = await ok<ParagraphView>(paragraph(meeting.id, { title: 'Årsredovisning' }));
    expect(p.reference).toBe(`RS 2024-05-14 § ${p.number}`);
    expect(p.label).toBe(`§ ${p.number}`);
    await ok(
      t.http
        .post(`/api/paragraphs/${p.id}/decision`)
        .set(w.auth)
        .send({ clauses: ['att godkänna'] }),
    );
    await signAll(t, w, meeting.id, '2024-05-15T10:00:00Z');
    const draftMeeting = await createHeldMeeting(t, w, w.rs, '2024-06-11');
    const draft = await ok<ParagraphView>(paragraph(draftMeeting.id, { title: 'Delårsrapport' }));

    await ok(patchBody(w.rs.id, { referencePattern: '{short} § {n}/{yyyy}' }), 200);
    const adjusted = await ok<ParagraphView>(
      t.http.get(`/api/paragraphs/${p.id}`).set(w.auth),
      200,
    );
    expect(adjusted.reference).toBe(`RS 2024-05-14 § ${p.number}`);
    const redrawn = await ok<ParagraphView>(
      t.http.get(`/api/paragraphs/${draft.id}`).set(w.auth),
      200,
    );
    expect(redrawn).toMatchObject({
      reference: `RS § ${draft.number}/2024`,
      label: `RS § ${draft.number}/2024`,
    });
    // The decision register cites the adjusted paragraph as it was adjusted.
    const d = await ok<{ citation: string }>(t.http.get(`/api/decisions/${p.id}`), 200);
    expect(d.citation).toBe(`Regionstyrelsen 2024-05-14 § ${p.number}`);
    await ok(patchBody(w.rs.id, { referencePattern: null }), 200);
  });
});
