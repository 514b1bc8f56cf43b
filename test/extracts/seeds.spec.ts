import { createHash } from 'node:crypto';
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

const SEED_003_RECIPIENTS = [
  'Regiondirektör',
  'Hälso- och sjukvårdsdirektör',
  'Ekonomidirektör',
  'Chef för hälso- och sjukvårdspolitiska avdelningen',
];
const SEED_003_TITLE =
  'Svar på initiativärende från Robert Hamberg (M) om att nyttja effektivitetsdelegationen';
const SEED_000_CLAUSES = [
  'Region Halland ska ingå i ansökan till Effektivitetsdelegationen om medel för två regiongemensamma satsningar för att effektivisera hälso- och sjukvården genom att öka regionernas kompetens och förmåga att införa effektiva AI-lösningar, samt skapa en plattform för att snabbt och effektivt kunna skala och sprida lösningar som visat sig framgångsrika i en region till övriga regioner.',
  'uppdra åt regionkontoret att därjämte och för egen del ansöka om statsbidrag för andra åtgärder att effektivisera hälso- och sjukvården.',
];

interface Extract {
  id: string;
  contentHash: string;
  paragraphs: { id: string; reference: string }[];
  certifier: { name: string; title: string | null };
  htmlUrl: string;
}
interface QueueItem {
  paragraph: { id: string; reference: string };
  label: string;
  recipient: { id: string; name: string; email: string | null };
  latestExtractId: string | null;
}
interface Queue {
  items: QueueItem[];
  nextCursor: string | null;
}

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

describe('extracts: seeds 003 ("Utdrag till") and 000 ("Expedieras inte")', () => {
  let t: TestApp;
  let w: ExtractsWorld;
  beforeAll(async () => {
    t = await createTestApp();
    w = await createExtractsWorld(t);
  });
  afterAll(() => t.close());

  const queue = () =>
    ok<Queue>(t.http.get(`/api/organisations/${w.organisationId}/dispatch-queue`).set(w.auth), 200);

  it('seed 003: the four recipients each get the extract and the work queue empties', async () => {
    const recipients: { id: string; name: string }[] = [];
    for (const [i, name] of SEED_003_RECIPIENTS.entries()) {
      recipients.push(
        await officerRole(t, w, name, i < 2 ? `funktion${i}@regionjh.se` : undefined),
      );
    }
    const meeting = await heldMeeting(t, w, w.rs, '2024-10-01');
    const para = await decidedParagraph(
      t,
      w,
      meeting.id,
      {
        title: SEED_003_TITLE,
        caseNumber: 'RS/567/2024',
        description:
          'Robert Hamberg lämnade in ett initiativärende den 26 mars med förslaget att Regiondirektören ska få i uppdrag att arbeta fram ett underlag.\n\nMot bakgrund av det föreslår förvaltningen att initiativärendet ska anses besvarad.',
      },
      ['Initiativärendet anses besvarad.'],
    );

    // Before a list is set the paragraph is incomplete.
    const incomplete = await ok<{ items: { paragraphId: string; reference: string }[] }>(
      t.http.get(`/api/meetings/${meeting.id}/distribution/incomplete`).set(w.auth),
      200,
    );
    expect(incomplete.items.map((i) => i.paragraphId)).toEqual([para.id]);
    const missing = await ok<{ status: string }>(
      t.http.get(`/api/paragraphs/${para.id}/distribution`).set(w.auth),
      200,
    );
    expect(missing.status).toBe('missing');

    const list = await ok<{ status: string; headingText: string; entries: { label: string }[] }>(
      t.http
        .put(`/api/paragraphs/${para.id}/distribution`)
        .set(w.auth)
        .send({
          notDispatched: false,
          heading: 'utdrag_till',
          entries: recipients.map((r) => ({ recipientId: r.id })),
        }),
      200,
    );
    expect(list.status).toBe('listed');
    expect(list.headingText).toBe('Utdrag till');
    expect(list.entries.map((e) => e.label)).toEqual(SEED_003_RECIPIENTS);
    const none = await ok<{ items: unknown[] }>(
      t.http.get(`/api/organisations/${w.organisationId}/distribution/incomplete`).set(w.auth),
      200,
    );
    expect(none.items).toEqual([]);

    // Nothing to send until the paragraph is adjusted.
    expect((await queue()).items).toEqual([]);
    await adjustMinutes(t, w, meeting.id, '2024-10-03T10:00:00Z');
    const waiting = await queue();
    expect(waiting.items.map((i) => i.label)).toEqual(SEED_003_RECIPIENTS);
    expect(waiting.items.every((i) => i.paragraph.id === para.id && !i.latestExtractId)).toBe(true);

    const extract = await ok<Extract>(
      t.http
        .post('/api/extracts')
        .set(w.auth)
        .send({
          paragraphIds: [para.id],
          certifierName: 'Anna Andersson',
          certifierTitle: 'Registrator',
          issuedOn: '2024-10-04',
        }),
    );
    expect(extract.paragraphs.map((p) => p.reference)).toEqual(['RS 2024-10-01 § 1']);
    const res = await t.http.get(extract.htmlUrl).expect(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['x-content-sha256']).toBe(extract.contentHash);
    expect(sha256(res.text)).toBe(extract.contentHash);
    const html = res.text;
    expect(html).toContain('<h1>Protokollsutdrag</h1>');
    expect(html).toContain(`§ 1 ${SEED_003_TITLE}`);
    expect(html).toContain('<h3>Utdrag till</h3>');
    for (const name of SEED_003_RECIPIENTS) expect(html).toContain(`<li>${name}</li>`);
    expect(html).toContain('<p><strong>Rätt utdraget intygar</strong></p>');
    expect(html).toContain('Anna Andersson<br>Registrator');
    expect((await queue()).items.map((i) => i.latestExtractId)).toEqual(
      SEED_003_RECIPIENTS.map(() => extract.id),
    );

    const channels = ['email', 'email', 'internal_mail', 'post'];
    for (const [i, r] of recipients.entries()) {
      const d = await ok<{ channel: string; address: string | null; recipient: { id: string } }>(
        t.http
          .post(`/api/extracts/${extract.id}/dispatches`)
          .set(w.auth)
          .send({ recipientId: r.id, channel: channels[i] }),
      );
      expect(d.channel).toBe(channels[i]);
      expect(d.address).toBe(i < 2 ? `funktion${i}@regionjh.se` : null);
      expect((await queue()).items).toHaveLength(3 - i);
    }
    expect((await queue()).items).toEqual([]);

    // A re-send is a new record, never an overwrite; the queue stays empty.
    await ok(
      t.http
        .post(`/api/extracts/${extract.id}/dispatches`)
        .set(w.auth)
        .send({ recipientId: recipients[2].id, channel: 'email', address: 'ekonomi@regionjh.se' }),
    );
    const sent = await ok<{ items: { recipient: { id: string }; channel: string }[] }>(
      t.http.get(`/api/extracts/${extract.id}/dispatches`).set(w.auth),
      200,
    );
    expect(sent.items.map((d) => d.channel)).toEqual([...channels, 'email']);
    expect(sent.items.filter((d) => d.recipient.id === recipients[2].id)).toHaveLength(2);
    expect((await queue()).items).toEqual([]);
  });

  it('seed 000: "Expedieras inte" is shown and never enters the work queue', async () => {
    const meeting = await heldMeeting(t, w, w.au, '2025-02-11');
    const para = await decidedParagraph(
      t,
      w,
      meeting.id,
      {
        title: 'Ansökan om statsbidrag från Effektivitetsdelegationen',
        caseNumber: 'RS/1234/2025',
        description:
          'Regeringen har inrättat en effektivitetsdelegation för hälso- och sjukvården med uppdrag att fördela 250 miljoner kronor per år i statsbidrag till regionerna.',
        basisDocuments: [
          'Ansökan statsbidrag till regioner för effektivisering av hälso- och sjukvård',
          'Allmän information om Statsbidrag till regioner för effektivisering av hälso- och sjukvård',
        ],
      },
      SEED_000_CLAUSES,
    );
    const marked = await ok<{ status: string; headingText: string; entries: unknown[] }>(
      t.http
        .put(`/api/paragraphs/${para.id}/distribution`)
        .set(w.auth)
        .send({ notDispatched: true }),
      200,
    );
    expect(marked).toMatchObject({ status: 'not_dispatched', headingText: 'Expedieras inte' });
    expect(marked.entries).toEqual([]);
    await adjustMinutes(t, w, meeting.id, '2025-02-13T10:00:00Z');
    expect((await queue()).items.filter((i) => i.paragraph.id === para.id)).toEqual([]);

    const extract = await ok<Extract>(
      t.http
        .post('/api/extracts')
        .set(w.auth)
        .send({ paragraphIds: [para.id] }),
    );
    // Default certifier: the registrar issuing it.
    expect(extract.certifier).toEqual({
      name: 'Test registrar',
      title: 'Registrator',
      personId: null,
    });
    const html = (await t.http.get(extract.htmlUrl).expect(200)).text;
    expect(html).toContain('<h3>Expedieras till</h3>\n    <p>Expedieras inte.</p>');
    expect(html).toContain(
      '<p>Regionstyrelsens arbetsutskott föreslår regionstyrelsen besluta att</p>',
    );
    for (const c of SEED_000_CLAUSES) expect(html).toContain(`<li class="text">${c}</li>`);
    expect(html).toContain('<h3>Beslutsunderlag</h3>');
    expect(html).toContain('Paragrafen är justerad</strong> 13 februari 2025.');
    expect((await queue()).items.filter((i) => i.paragraph.id === para.id)).toEqual([]);
    expect(await countRows(t, 'extract_dispatch')).toBe(5);
  });
});
