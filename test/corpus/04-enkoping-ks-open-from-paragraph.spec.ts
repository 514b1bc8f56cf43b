import { createTestApp, TestApp } from '../test-app';
import { corpusWorld, CorpusWorld, coverRow, minutesHtml, ok } from './meeting-corpus-helpers';

/**
 * Corpus 04, Enköpings kommun, Kommunstyrelsen 2019-01-15: "klockan 13.00 17.15, med
 * ajournering för fika klockan 14.50-15.10. Öppet möte från och med paragraf 7." Attendance
 * per paragraph: "Mats Flodin (M), paragraf 1-5 och 7-30", "till och med paragraf 4",
 * "paragraf 8", "paragraf 12-13", "paragraf 20".
 */
describe('corpus 04: Enköping KS 2019-01-15, open from § 7, adjournment, attendance per paragraph', () => {
  let t: TestApp;
  let w: CorpusWorld;
  const members: [string, string, 'chair' | 'vice_chair' | 'member'][] = [
    ['Ingvar Smedlund', 'M', 'chair'],
    ['Ulrika Ornbrant', 'C', 'vice_chair'],
    ['Jesper Englundh', 'S', 'vice_chair'],
    ['Bitte Myrsell', 'M', 'member'],
    ['Elisabeth Norman', 'C', 'member'],
    ['Jenny Gavelin', 'L', 'member'],
    ['Bo Reinholdsson', 'KD', 'member'],
    ['Kenneth Hällbom', 'MP', 'member'],
    ['Matz Keijser', 'S', 'member'],
    ['Solweig Sundblad', 'S', 'member'],
    ['Solweig Eklund', 'S', 'member'],
    ['Sverre Ahlbom', 'S', 'member'],
    ['Anders Wikman', 'NE', 'member'],
    ['Anders Lindén', 'SD', 'member'],
    ['Kristjan Valdimarsson', 'SD', 'member'],
  ];
  const substitutes: [string, string, number[] | null][] = [
    ['Mats Flodin', 'M', [1, 2, 3, 4, 5, ...Array.from({ length: 24 }, (_, i) => i + 7)]],
    ['Peter Book', 'M', null],
    ['Ingvar Magnusson', 'NE', null],
    ['Tuija Rönnback', 'NE', null],
    ['Magnus Ahlkvist', 'V', null],
    ['Anneli Apelholm', 'SD', null],
  ];
  // Övriga deltagare: name, note as printed, scope.
  const others: [string, string, { scope: string; numbers: number[] } | null][] = [
    ['Karin Komstadius', 'planarkitekt', { scope: 'until', numbers: [4] }],
    ['Tobias Viberg', 'planarkitekt', { scope: 'until', numbers: [4] }],
    ['Louise Boisen', 'Va-strateg', { scope: 'until', numbers: [6] }],
    ['Vilhelmina Vinderos', 'controller', { scope: 'only', numbers: [8] }],
    ['Christel Modin', 'budgetchef', { scope: 'only', numbers: [12, 13] }],
    ['Sofia Frisk', 'integrationsstrateg', { scope: 'only', numbers: [13] }],
    ['Charlotte Bergdahl', 'lokalstrateg', { scope: 'only', numbers: [16] }],
    ['Linda Gårdstam', 'enhetschef kommunalförbundet Vafabmiljö', { scope: 'only', numbers: [20] }],
    ['Towe Ihreblad', 'konsult kommunalförbundet VafabMiljö', { scope: 'only', numbers: [20] }],
    ['Isabell Lundquist', 'förvaltningschef', null],
    ['Malin Kvist', 'utredare', null],
    ['Maria Westberg', 'kommunsekreterare', null],
    ['Rolf Carlsson', 'ordförande kommunfullmäktige', null],
  ];
  let meetingId: string;

  beforeAll(async () => {
    t = await createTestApp();
    w = await corpusWorld(
      t,
      { name: 'Kommunstyrelsen', shortName: 'KS', kind: 'board' },
      [
        ...members.map(([name, party, seat]) => ({ name, party, seat })),
        ...substitutes.map(([name, party]) => ({ name, party, seat: 'substitute' as const })),
        ...others.map(([name]) => ({ name })),
      ],
      '2019-01-01',
    );
    const meeting = await ok<{ id: string }>(
      t.http
        .post(`/api/bodies/${w.bodyId}/meetings`)
        .set(w.auth)
        .send({
          meetingDate: '2019-01-15',
          startTime: '13:00',
          endTime: '17:15',
          place: 'Mentorn 1 och 2, utbildningsförvaltningen, Linbanegatan 12',
          chairPersonId: w.id('Ingvar Smedlund'),
          secretaryPersonId: w.id('Maria Westberg'),
          adjusterPersonIds: [w.id('Jesper Englundh')],
          adjustmentPlace: 'Linbanegatan 12',
          adjustmentDate: '2019-01-21',
          openToPublic: true,
          openToPublicFromParagraph: 7,
        }),
    );
    meetingId = meeting.id;
    await ok(
      t.http
        .put(`/api/meetings/${meetingId}/adjournments`)
        .set(w.auth)
        .send({ adjournments: [{ fromTime: '14:50', toTime: '15:10', note: 'Fika.' }] }),
      200,
    );
    await ok(
      t.http
        .put(`/api/meetings/${meetingId}/attendance`)
        .set(w.auth)
        .send({
          entries: [
            ...members.map(([name]) => ({ personId: w.id(name), role: 'member' })),
            ...substitutes.map(([name, , numbers]) => ({
              personId: w.id(name),
              role: 'substitute',
              ...(numbers ? { paragraphs: { scope: 'only', numbers } } : {}),
            })),
            ...others.map(([name, note, paragraphs]) => ({
              personId: w.id(name),
              role: 'other',
              note,
              ...(paragraphs ? { paragraphs } : {}),
            })),
          ],
        }),
      200,
    );
    for (let i = 1; i <= 8; i++) {
      await ok(
        t.http
          .post(`/api/meetings/${meetingId}/paragraphs`)
          .set(w.auth)
          .send({ title: `Ärende ${i}` }),
      );
    }
  });
  afterAll(() => t?.close());

  it('prints the time, the adjournment and the public session on the cover', async () => {
    const html = await minutesHtml(t, w, meetingId);
    expect(coverRow(html, 'Plats och tid')).toBe(
      'Mentorn 1 och 2, utbildningsförvaltningen, Linbanegatan 12, kl. 13:00–17:15',
    );
    expect(coverRow(html, 'Ajournering')).toBe('Sammanträdet ajourneras kl. 14.50–15.10. Fika.');
    expect(coverRow(html, 'Allmänhetens tillträde')).toBe('Öppet för allmänheten från och med § 7');
    expect(coverRow(html, 'Ordförande')).toBe('Ingvar Smedlund (M)');
    expect(coverRow(html, 'Sekreterare')).toBe('Maria Westberg');
    expect(coverRow(html, 'Justerare')).toBe('Jesper Englundh (S)');
  });

  it('prints the attendance with the paragraphs as written', async () => {
    const html = await minutesHtml(t, w, meetingId);
    const decided = coverRow(html, 'Beslutande').split('\n');
    expect(decided).toHaveLength(15 + 6);
    expect(decided).toContain('Mats Flodin (M) (ersättare) §§ 1–5, 7–30');
    for (const [name, party] of members) expect(decided).toContain(`${name} (${party})`);
    const rest = coverRow(html, 'Övriga närvarande').split('\n');
    expect(rest).toEqual(
      expect.arrayContaining([
        'Karin Komstadius, planarkitekt t o m § 4',
        'Louise Boisen, Va-strateg t o m § 6',
        'Vilhelmina Vinderos, controller § 8',
        'Christel Modin, budgetchef §§ 12–13',
        'Towe Ihreblad, konsult kommunalförbundet VafabMiljö § 20',
        'Rolf Carlsson, ordförande kommunfullmäktige',
      ]),
    );
    expect(rest).toHaveLength(others.length);
  });

  it('applies the ranges per paragraph: § 4 has the planners, § 6 neither them nor Mats Flodin', async () => {
    const meeting = await ok<{ paragraphs: { id: string; number: number }[] }>(
      t.http.get(`/api/meetings/${meetingId}`).set(w.auth),
      200,
    );
    const present = async (n: number) => {
      const p = meeting.paragraphs.find((x) => x.number === n)!;
      const view = await ok<{ attendance: { entries: { person: { name: string } }[] } }>(
        t.http.get(`/api/paragraphs/${p.id}`).set(w.auth),
        200,
      );
      return view.attendance.entries.map((e) => e.person.name);
    };
    const p4 = await present(4);
    expect(p4).toEqual(expect.arrayContaining(['Karin Komstadius', 'Mats Flodin']));
    expect(p4).not.toContain('Vilhelmina Vinderos');
    const p6 = await present(6);
    expect(p6).not.toContain('Karin Komstadius');
    expect(p6).not.toContain('Mats Flodin');
    expect(p6).toContain('Louise Boisen');
    const p8 = await present(8);
    expect(p8).toEqual(expect.arrayContaining(['Vilhelmina Vinderos', 'Mats Flodin']));
    expect(p8).not.toContain('Louise Boisen');
  });
});
