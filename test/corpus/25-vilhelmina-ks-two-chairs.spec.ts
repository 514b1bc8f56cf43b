import { createTestApp, TestApp } from '../test-app';
import { corpusWorld, CorpusWorld, coverRow, minutesHtml, ok } from './meeting-corpus-helpers';

/**
 * Corpus 25, Vilhelmina kommun, Kommunstyrelsen 2012-03-28: the signature block prints two
 * chairs split by paragraph, "Åke Nilsson 39-43,47,50, Gunilla Prång 44-46, 48-49,
 * 68-72,75-76, ,71,73-74," (the tail ",71,73-74" is garbled in the copy: 71 would be twice, so
 * it is not recorded), and "Suzanne Lindbergh-Sellin ej 45,55".
 */
describe('corpus 25: Vilhelmina KS 2012-03-28, two chairs split by paragraph', () => {
  let t: TestApp;
  let w: CorpusWorld;
  let meetingId: string;
  const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);
  const members = [
    'Åke Nilsson',
    'Anita Johansson',
    'Ewa Hed',
    'Gunilla Prång',
    'Mikael Österberg',
    'Inga Jonsson',
    'Mikael Danielsson',
    'Ingrid Ericsson',
    'Katharina Hahlin',
    'Håkan Gustafsson',
    'Tommy Streling',
    'Suzanne Lindbergh-Sellin',
  ];

  beforeAll(async () => {
    t = await createTestApp();
    w = await corpusWorld(
      t,
      { name: 'Kommunstyrelsen', shortName: 'Ks', kind: 'board' },
      [
        ...members.map((name) => ({
          name,
          seat: name === 'Åke Nilsson' ? ('chair' as const) : ('member' as const),
        })),
        { name: 'Göran Lidström' },
        { name: 'Karl-Johan Ottosson' },
        { name: 'Anita Isaksson' },
      ],
      '2011-01-01',
    );
    meetingId = (
      await ok<{ id: string }>(
        t.http
          .post(`/api/bodies/${w.bodyId}/meetings`)
          .set(w.auth)
          .send({
            meetingDate: '2012-03-28',
            place: 'Förvaltningshuset',
            chairPersonId: w.id('Åke Nilsson'),
            secretaryPersonId: w.id('Göran Lidström'),
            adjusterPersonIds: [w.id('Ingrid Ericsson')],
            minutesKeptAt: 'kommunkansliet, Vilhelmina',
          }),
      )
    ).id;
    await ok(
      t.http
        .put(`/api/meetings/${meetingId}/attendance`)
        .set(w.auth)
        .send({
          entries: [
            ...members.map((name) => ({
              personId: w.id(name),
              role: 'member',
              ...(name === 'Suzanne Lindbergh-Sellin'
                ? { paragraphs: { scope: 'except', numbers: [45, 55] } }
                : {}),
            })),
            { personId: w.id('Göran Lidström'), role: 'other', note: 'sekr' },
            { personId: w.id('Karl-Johan Ottosson'), role: 'other', note: 'kommunchef' },
          ],
        }),
      200,
    );
  });
  afterAll(() => t?.close());

  it('records the chair per paragraph range and prints it in the minutes', async () => {
    const view = await ok<{ chairs: { person: { name: string }; paragraphNumbers: number[] }[] }>(
      t.http
        .put(`/api/meetings/${meetingId}/chairs`)
        .set(w.auth)
        .send({
          chairs: [
            { personId: w.id('Åke Nilsson'), paragraphNumbers: [...range(39, 43), 47, 50] },
            {
              personId: w.id('Gunilla Prång'),
              paragraphNumbers: [...range(44, 46), 48, 49, ...range(68, 72), 75, 76],
            },
          ],
        }),
      200,
    );
    expect(view.chairs.map((c) => c.person.name)).toEqual(['Åke Nilsson', 'Gunilla Prång']);
    const html = await minutesHtml(t, w, meetingId);
    expect(coverRow(html, 'Ordförande')).toBe(
      'Åke Nilsson §§ 39–43, 47, 50; Gunilla Prång §§ 44–46, 48–49, 68–72, 75–76',
    );
    expect(coverRow(html, 'Beslutande').split('\n')).toContain(
      'Suzanne Lindbergh-Sellin ej § 45, 55',
    );
  });

  it('refuses the garbled tail: § 71 cannot have two chairs', async () => {
    const res = await t.http
      .put(`/api/meetings/${meetingId}/chairs`)
      .set(w.auth)
      .send({
        chairs: [
          { personId: w.id('Åke Nilsson'), paragraphNumbers: [...range(39, 43), 47, 50, 71] },
          { personId: w.id('Gunilla Prång'), paragraphNumbers: range(68, 72) },
        ],
      });
    expect(res.status).toBe(422);
  });

  it('refuses a chair who holds no seat (the secretary)', async () => {
    const res = await t.http
      .put(`/api/meetings/${meetingId}/chairs`)
      .set(w.auth)
      .send({ chairs: [{ personId: w.id('Göran Lidström'), paragraphNumbers: [39] }] });
    expect(res.status).toBe(422);
  });
});
