import { createHash } from 'node:crypto';
import { createRegistry, Registry } from '../factories';
import { createTestApp, TestApp } from '../test-app';
import {
  adjustMinutes,
  countRows,
  createExtractsWorld,
  decidedParagraph,
  ExtractsWorld,
  heldMeeting,
  officerRole,
  ok,
} from './extracts-helpers';

interface Extract {
  id: string;
  contentHash: string;
  paragraphs: { id: string; reference: string; position: number }[];
  htmlUrl: string;
}

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

describe('extracts: rules of distribution lists, certified extracts and dispatch', () => {
  let t: TestApp;
  let w: ExtractsWorld;
  let other: Registry;
  let ekonomi: { id: string; name: string };
  let evil: { id: string; name: string };
  beforeAll(async () => {
    t = await createTestApp();
    w = await createExtractsWorld(t);
    other = await createRegistry(t);
    ekonomi = await officerRole(t, w, 'Ekonomidirektör', 'ekonomi@regionjh.se');
    evil = await officerRole(t, w, '<img src=x onerror="alert(1)"> & Co');
  });
  afterAll(() => t.close());

  const setList = (paragraphId: string, body: object, token = w.registrarToken) =>
    t.http
      .put(`/api/paragraphs/${paragraphId}/distribution`)
      .set('Authorization', `Bearer ${token}`)
      .send(body);

  it('an unadjusted paragraph gives 409 saying why, and nothing is stored', async () => {
    const meeting = await heldMeeting(t, w, w.rs, '2025-03-04');
    const para = await decidedParagraph(t, w, meeting.id, { title: 'Budget 2026' }, [
      'Budgeten fastställs.',
    ]);
    const before = await countRows(t, 'certified_extract');
    const res = await t.http
      .post('/api/extracts')
      .set(w.auth)
      .send({ paragraphIds: [para.id], certifierName: 'Anna Andersson' })
      .expect(409);
    expect(res.body.detail).toContain(`${para.reference} is not adjusted yet`);
    expect(res.body.detail).toContain('adjusted minutes or an immediately adjusted paragraph');
    expect(res.body.allowedNextSteps).toEqual(['signatures', 'immediate-adjustment']);
    expect(await countRows(t, 'certified_extract')).toBe(before);
    expect(await countRows(t, 'extract_paragraph')).toBe(0);
    // The database refuses it too.
    await expect(
      t.dataSource
        .query(
          `INSERT INTO certified_extract (id, organisation_id, meeting_id, certifier_name, issued_on, content, content_hash)
         VALUES (gen_random_uuid(), $1, $2, 'X', '2025-03-04', '{}', repeat('a', 64)) RETURNING id`,
          [w.organisationId, meeting.id],
        )
        .then(async (rows: { id: string }[]) =>
          t.dataSource.query(
            `INSERT INTO extract_paragraph (extract_id, meeting_id, paragraph_id, position) VALUES ($1, $2, $3, 1)`,
            [rows[0].id, meeting.id, para.id],
          ),
        ),
    ).rejects.toMatchObject({ driverError: { code: 'P0409' } });
  });

  it('renders every field, escapes user text, re-renders byte-identically with a matching hash', async () => {
    const meeting = await heldMeeting(t, w, w.rs, '2025-04-08');
    const para = await decidedParagraph(
      t,
      w,
      meeting.id,
      {
        title: 'Avtal med <script>alert("x")</script> AB & Söner',
        caseNumber: 'RS/99/2025 <b>',
        description: 'Ärendet gäller "avtal" <i>med</i> leverantören.\nAndra raden.',
        basisDocuments: ['Tjänsteskrivelse <2025-03-01>'],
      },
      [
        'att godkänna avtalet <u>utan</u> ändringar',
        'att uppdra åt regiondirektören att teckna avtalet',
      ],
    );
    await ok(
      t.http
        .post(`/api/paragraphs/${para.id}/reservations`)
        .set(w.auth)
        .send({ personId: w.rs.members[3].id, reason: 'Kostnaden är för hög <!-- x -->' }),
    );
    await ok(
      t.http
        .post(`/api/paragraphs/${para.id}/protocol-notes`)
        .set(w.auth)
        .send({ personId: w.rs.members[4].id, text: 'Anteckning om "avtal" & villkor' }),
    );
    await ok(
      setList(para.id, {
        notDispatched: false,
        heading: 'expedieras_till',
        entries: [
          { recipientId: ekonomi.id, note: 'för åtgärd' },
          { recipientId: evil.id, note: '<em>för kännedom</em>' },
        ],
      }),
      200,
    );
    await adjustMinutes(t, w, meeting.id, '2025-04-10T09:30:00Z');

    const extract = await ok<Extract>(
      t.http
        .post('/api/extracts')
        .set(w.auth)
        .send({
          paragraphIds: [para.id],
          certifierName: 'Åsa Öberg & <Registrator>',
          certifierTitle: 'Nämndsekreterare',
          issuedOn: '2025-04-11',
        }),
    );
    const first = await t.http.get(extract.htmlUrl).expect(200);
    const html = first.text;
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<u>');
    expect(html).not.toContain('<em>');
    expect(html).not.toContain('<!-- x -->');
    // Organisation, body, meeting date, § reference, title, case number
    expect(html).toContain('Region Jämtland Härjedalen · Organisationsnummer');
    expect(html).toContain('<tr><th>Organ</th><td>Regionstyrelsen</td></tr>');
    expect(html).toContain('<tr><th>Sammanträdesdatum</th><td>8 april 2025</td></tr>');
    expect(html).toContain(
      `<h2>§ ${para.number} Avtal med &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; AB &amp; Söner</h2>`,
    );
    expect(html).toContain(`${para.reference} · Diarienummer RS/99/2025 &lt;b&gt;`);
    // The paragraph's text and decision clauses
    expect(html).toContain(
      '<p class="text">Ärendet gäller &quot;avtal&quot; &lt;i&gt;med&lt;/i&gt; leverantören.\nAndra raden.</p>',
    );
    expect(html).toContain('<li>Tjänsteskrivelse &lt;2025-03-01&gt;</li>');
    expect(html).toContain('<p>Regionstyrelsen beslutar att</p>');
    expect(html).toContain(
      '<li class="text">att godkänna avtalet &lt;u&gt;utan&lt;/u&gt; ändringar</li>',
    );
    expect(html).toContain(
      '<li class="text">att uppdra åt regiondirektören att teckna avtalet</li>',
    );
    // Reservations and protocol notes
    expect(html).toContain(
      `${w.rs.members[3].name} (V) reserverar sig mot beslutet: <span class="text">Kostnaden är för hög &lt;!-- x --&gt;</span>`,
    );
    expect(html).toContain('Anteckning om &quot;avtal&quot; &amp; villkor');
    // Adjustment with date and adjusters
    expect(html).toContain('<strong>Paragrafen är justerad</strong> 10 april 2025.');
    expect(html).toContain(`Ordförande: ${w.rs.members[0].name} (S)`);
    expect(html).toContain(`Justerare: ${w.rs.members[1].name} (M)`);
    expect(html).toContain(`Justerare: ${w.rs.members[2].name} (C)`);
    // Certification
    expect(html).toContain('<p><strong>Rätt utdraget intygar</strong></p>');
    expect(html).toContain('<p>11 april 2025</p>');
    expect(html).toContain('Åsa Öberg &amp; &lt;Registrator&gt;<br>Nämndsekreterare');
    // Distribution list
    expect(html).toContain('<h3>Expedieras till</h3>');
    expect(html).toContain('<li>Ekonomidirektör – för åtgärd</li>');
    expect(html).toContain(
      '<li>&lt;img src&#x3D;x onerror&#x3D;&quot;alert(1)&quot;&gt; &amp; Co – &lt;em&gt;för kännedom&lt;/em&gt;</li>',
    );

    // Byte-identical re-rendering, whatever happens in the register afterwards.
    expect(first.headers['x-content-sha256']).toBe(extract.contentHash);
    expect(first.headers.etag).toBe(`"sha256-${extract.contentHash}"`);
    expect(sha256(html)).toBe(extract.contentHash);
    await ok(
      t.http.patch(`/api/recipients/${ekonomi.id}`).set(w.auth).send({ name: 'Ekonomichef' }),
      200,
    );
    await ok(
      t.http
        .patch(`/api/people/${w.rs.members[0].id}`)
        .set(w.auth)
        .send({ name: 'Omdöpt Ordförande' }),
      200,
    );
    await ok(
      t.http
        .post(`/api/meetings/${meeting.id}/announcement`)
        .set(w.auth)
        .send({ postedOn: '2025-04-11' }),
    );
    await ok(
      t.http
        .post(`/api/paragraphs/${para.id}/corrections`)
        .set(w.auth)
        .send({ reason: 'Felskrivet', text: 'Rättelse efter utdraget.' }),
    );
    const again = await t.http.get(extract.htmlUrl).expect(200);
    expect(Buffer.from(again.text, 'utf8').equals(Buffer.from(html, 'utf8'))).toBe(true);
    expect(again.headers['x-content-sha256']).toBe(extract.contentHash);

    // The hash identifies the extract for a recipient verifying a copy (public paragraph).
    const found = await ok<{ items: { id: string }[] }>(
      t.http.get(`/api/extracts/by-hash/${sha256(again.text)}`),
      200,
    );
    expect(found.items.map((e) => e.id)).toEqual([extract.id]);
    const meta = await ok<Extract>(t.http.get(`/api/extracts/${extract.id}`), 200);
    expect(meta.contentHash).toBe(extract.contentHash);
    await t.http.get('/api/extracts/by-hash/NOT-A-HASH').expect(400);

    // A new extract issued after the correction carries it and has another hash.
    const later = await ok<Extract>(
      t.http
        .post('/api/extracts')
        .set(w.auth)
        .send({ paragraphIds: [para.id], certifierName: 'Åsa Öberg' }),
    );
    const laterHtml = (await t.http.get(later.htmlUrl).expect(200)).text;
    expect(laterHtml).toContain('Rättelse efter utdraget.');
    // …but prints the people as the adjusted record froze them, not the later rename.
    expect(laterHtml).toContain(`Ordförande: ${w.rs.members[0].name} (S)`);
    expect(laterHtml).not.toContain('Omdöpt Ordförande');
    expect(later.contentHash).not.toBe(extract.contentHash);
  });

  it('freezes the distribution list once the paragraph is adjusted (P0409)', async () => {
    const meeting = await heldMeeting(t, w, w.rs, '2025-05-06');
    const para = await decidedParagraph(t, w, meeting.id, { title: 'Lokalfrågor' }, [
      'Ärendet avslutas.',
    ]);
    // Rules before adjustment
    const both = await setList(para.id, {
      notDispatched: true,
      entries: [{ recipientId: ekonomi.id }],
    });
    expect(both.status).toBe(422);
    expect(both.body.field).toBe('entries');
    await setList(para.id, { notDispatched: false, entries: [] }).expect(422);
    await setList(para.id, {
      notDispatched: false,
      entries: [{ recipientId: ekonomi.id }, { recipientId: ekonomi.id }],
    }).expect(422);
    await setList(para.id, { notDispatched: false, entries: [{ recipientId: 'nope' }] }).expect(
      400,
    );
    await ok(
      setList(para.id, { notDispatched: false, entries: [{ recipientId: ekonomi.id }] }),
      200,
    );
    // Replacing before adjustment is allowed.
    await ok(setList(para.id, { notDispatched: true }), 200);
    await ok(
      setList(para.id, {
        notDispatched: false,
        entries: [{ recipientId: ekonomi.id, note: 'för åtgärd' }],
      }),
      200,
    );
    await adjustMinutes(t, w, meeting.id, '2025-05-07T08:00:00Z');

    const refused = await setList(para.id, { notDispatched: true }).expect(409);
    expect(refused.body.detail).toContain(`${para.reference} is adjusted`);
    const list = await ok<{ status: string; entries: { label: string; note: string }[] }>(
      t.http.get(`/api/paragraphs/${para.id}/distribution`),
      200,
    );
    expect(list.status).toBe('listed');
    expect(list.entries).toEqual([expect.objectContaining({ note: 'för åtgärd' })]);
    // Even straight SQL cannot change it.
    for (const sql of [
      `UPDATE paragraph_distribution_entry SET note = 'x' WHERE paragraph_id = $1`,
      `DELETE FROM paragraph_distribution_entry WHERE paragraph_id = $1`,
      `UPDATE paragraph_distribution SET not_dispatched = true WHERE paragraph_id = $1`,
    ]) {
      await expect(t.dataSource.query(sql, [para.id])).rejects.toMatchObject({
        driverError: { code: 'P0409' },
      });
    }
    const after = await ok<{ entries: { note: string }[] }>(
      t.http.get(`/api/paragraphs/${para.id}/distribution`),
      200,
    );
    expect(after.entries[0].note).toBe('för åtgärd');
  });

  it('an immediately adjusted paragraph can be extracted; several paragraphs of one meeting in one extract', async () => {
    const meeting = await heldMeeting(t, w, w.rs, '2025-06-03');
    const p1 = await decidedParagraph(t, w, meeting.id, { title: 'Första ärendet' }, [
      'Beslut ett.',
    ]);
    const p2 = await decidedParagraph(t, w, meeting.id, { title: 'Andra ärendet' }, [
      'Beslut två.',
    ]);
    await ok(setList(p1.id, { notDispatched: true }), 200);
    await ok(setList(p2.id, { notDispatched: false, entries: [{ recipientId: ekonomi.id }] }), 200);
    await ok(
      t.http
        .post(`/api/paragraphs/${p2.id}/immediate-adjustment`)
        .set(w.auth)
        .send({ adjustedAt: '2025-06-03T11:00:00Z' }),
    );
    const immediate = await ok<Extract>(
      t.http
        .post('/api/extracts')
        .set(w.auth)
        .send({ paragraphIds: [p2.id] }),
    );
    const html = (await t.http.get(immediate.htmlUrl).expect(200)).text;
    expect(html).toContain('3 juni 2025 (omedelbar justering)');
    // p1 is still not adjusted
    await t.http
      .post('/api/extracts')
      .set(w.auth)
      .send({ paragraphIds: [p2.id, p1.id] })
      .expect(409);
    await adjustMinutes(t, w, meeting.id, '2025-06-05T08:00:00Z');
    const both = await ok<Extract>(
      t.http
        .post('/api/extracts')
        .set(w.auth)
        .send({ paragraphIds: [p2.id, p1.id] }),
    );
    expect(both.paragraphs.map((p) => p.reference)).toEqual([p1.reference, p2.reference]);
    const twoHtml = (await t.http.get(both.htmlUrl).expect(200)).text;
    expect(twoHtml).toContain(
      `<tr><th>Paragrafer</th><td>§ ${p1.number}, § ${p2.number}</td></tr>`,
    );
    expect(twoHtml.indexOf(`§ ${p1.number} Första ärendet`)).toBeGreaterThan(0);
    expect(twoHtml.indexOf(`§ ${p1.number} Första ärendet`)).toBeLessThan(
      twoHtml.indexOf(`§ ${p2.number} Andra ärendet`),
    );
    expect(twoHtml).toContain('<p>Expedieras inte.</p>');

    // Paragraphs of different meetings never share an extract.
    const otherMeeting = await heldMeeting(t, w, w.rs, '2025-06-10');
    const p3 = await decidedParagraph(t, w, otherMeeting.id, { title: 'Tredje' }, ['Beslut tre.']);
    await adjustMinutes(t, w, otherMeeting.id, '2025-06-11T08:00:00Z');
    const mixed = await t.http
      .post('/api/extracts')
      .set(w.auth)
      .send({ paragraphIds: [p1.id, p3.id] });
    expect(mixed.status).toBe(422);

    const listed = await ok<{ items: { id: string }[] }>(
      t.http.get(`/api/extracts?organisationId=${w.organisationId}&paragraphId=${p2.id}`),
      200,
    );
    expect(listed.items.map((e) => e.id).sort()).toEqual([immediate.id, both.id].sort());
  });

  it('dispatch rules: only listed recipients, e-mail needs an address, append-only records', async () => {
    const meeting = await heldMeeting(t, w, w.rs, '2025-08-19');
    const para = await decidedParagraph(t, w, meeting.id, { title: 'Utredning' }, [
      'Utredningen startas.',
    ]);
    const noEmail = await officerRole(t, w, 'Regiondirektör');
    const unlisted = await officerRole(t, w, 'Kanslichef');
    await ok(
      setList(para.id, {
        notDispatched: false,
        entries: [{ recipientId: noEmail.id }, { recipientId: ekonomi.id }],
      }),
      200,
    );
    await adjustMinutes(t, w, meeting.id, '2025-08-20T08:00:00Z');
    const extract = await ok<Extract>(
      t.http
        .post('/api/extracts')
        .set(w.auth)
        .send({ paragraphIds: [para.id] }),
    );
    const before = await countRows(t, 'extract_dispatch');
    const send = (body: object, token = w.registrarToken) =>
      t.http
        .post(`/api/extracts/${extract.id}/dispatches`)
        .set('Authorization', `Bearer ${token}`)
        .send(body);
    const notListed = await send({ recipientId: unlisted.id, channel: 'post' }).expect(422);
    expect(notListed.body.detail).toContain('Kanslichef is not on the distribution list');
    const missingAddress = await send({ recipientId: noEmail.id, channel: 'email' }).expect(422);
    expect(missingAddress.body.field).toBe('address');
    await send({ recipientId: noEmail.id, channel: 'fax' }).expect(400);
    await send({
      recipientId: noEmail.id,
      channel: 'post',
      dispatchedAt: '2099-01-01T00:00:00Z',
    }).expect(422);
    expect(await countRows(t, 'extract_dispatch')).toBe(before);

    const archived = await ok<{ id: string; channel: string }>(
      send({ recipientId: noEmail.id, channel: 'archive', note: 'Akt' }),
    );
    expect(archived.channel).toBe('archive');
    await expect(
      t.dataSource.query(`UPDATE extract_dispatch SET channel = 'post' WHERE id = $1`, [
        archived.id,
      ]),
    ).rejects.toMatchObject({ driverError: { code: 'P0409' } });
    await expect(
      t.dataSource.query(`DELETE FROM certified_extract WHERE id = $1`, [extract.id]),
    ).rejects.toMatchObject({ driverError: { code: 'P0409' } });
  });

  it('a registrar of another organisation is refused everywhere, and nothing changes', async () => {
    const meeting = await heldMeeting(t, w, w.rs, '2025-09-09');
    const para = await decidedParagraph(t, w, meeting.id, { title: 'Hemligt' }, ['Beslut.']);
    const foreign = other.registrarToken;
    await setList(para.id, { notDispatched: true }, foreign).expect(403);
    await ok(
      setList(para.id, { notDispatched: false, entries: [{ recipientId: ekonomi.id }] }),
      200,
    );
    await t.http
      .get(`/api/meetings/${meeting.id}/distribution/incomplete`)
      .set('Authorization', `Bearer ${foreign}`)
      .expect(403);
    await adjustMinutes(t, w, meeting.id, '2025-09-10T08:00:00Z');
    const counts = async () => [
      await countRows(t, 'certified_extract'),
      await countRows(t, 'extract_dispatch'),
      await countRows(t, 'paragraph_distribution_entry'),
    ];
    const before = await counts();
    await t.http
      .post('/api/extracts')
      .set('Authorization', `Bearer ${foreign}`)
      .send({ paragraphIds: [para.id], certifierName: 'Inkräktare' })
      .expect(403);
    await t.http
      .get(`/api/organisations/${w.organisationId}/dispatch-queue`)
      .set('Authorization', `Bearer ${foreign}`)
      .expect(403);
    await t.http.get(`/api/organisations/${w.organisationId}/dispatch-queue`).expect(401);
    const extract = await ok<Extract>(
      t.http
        .post('/api/extracts')
        .set(w.auth)
        .send({ paragraphIds: [para.id] }),
    );
    await t.http
      .post(`/api/extracts/${extract.id}/dispatches`)
      .set('Authorization', `Bearer ${foreign}`)
      .send({ recipientId: ekonomi.id, channel: 'post' })
      .expect(403);
    await t.http
      .get(`/api/extracts/${extract.id}/dispatches`)
      .set('Authorization', `Bearer ${foreign}`)
      .expect(403);
    const politician = await t.tokenFor('politician', { personId: w.rs.members[0].id });
    await t.http
      .post('/api/extracts')
      .set('Authorization', `Bearer ${politician}`)
      .send({ paragraphIds: [para.id] })
      .expect(403);
    const after = await counts();
    expect(after).toEqual([before[0] + 1, before[1], before[2]]);
  });

  it('a non-public paragraph: its extract is hidden from outsiders; the work queue pages', async () => {
    const meeting = await heldMeeting(t, w, w.rs, '2025-10-07');
    const secret = await ok<{ id: string }>(
      t.http
        .post(`/api/meetings/${meeting.id}/paragraphs`)
        .set(w.auth)
        .send({ title: 'Personalärende', isPublic: false }),
    );
    await ok(
      t.http
        .post(`/api/paragraphs/${secret.id}/decision`)
        .set(w.auth)
        .send({ clauses: ['Beslut.'] }),
    );
    const extra: { id: string; name: string }[] = [];
    for (let i = 0; i < 3; i++) extra.push(await officerRole(t, w, `Mottagare ${i}`));
    await ok(
      setList(secret.id, {
        notDispatched: false,
        entries: [ekonomi, ...extra].map((r) => ({ recipientId: r.id })),
      }),
      200,
    );
    await t.http.get(`/api/paragraphs/${secret.id}/distribution`).expect(404);
    await adjustMinutes(t, w, meeting.id, '2025-10-08T08:00:00Z');
    const extract = await ok<Extract>(
      t.http
        .post('/api/extracts')
        .set(w.auth)
        .send({ paragraphIds: [secret.id] }),
    );
    await t.http.get(extract.htmlUrl).expect(404);
    await t.http
      .get(extract.htmlUrl)
      .set('Authorization', `Bearer ${other.registrarToken}`)
      .expect(404);
    await t.http.get(extract.htmlUrl).set(w.auth).expect(200);
    const anonymousList = await ok<{ items: { id: string }[] }>(
      t.http.get(`/api/extracts?organisationId=${w.organisationId}&meetingId=${meeting.id}`),
      200,
    );
    expect(anonymousList.items).toEqual([]);

    // Keyset pages over the queue: every entry exactly once.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: {
        items: { paragraph: { id: string }; position: number }[];
        nextCursor: string | null;
      } = await ok(
        t.http
          .get(
            `/api/organisations/${w.organisationId}/dispatch-queue?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
          )
          .set(w.auth),
        200,
      );
      seen.push(...page.items.map((i) => `${i.paragraph.id}:${i.position}`));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.filter((s) => s.startsWith(secret.id))).toEqual(
      [1, 2, 3, 4].map((n) => `${secret.id}:${n}`),
    );
  });
});
