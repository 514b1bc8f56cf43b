import { createTestApp, TestApp } from '../test-app';
import { ok } from '../minutes/minutes-helpers';
import {
  createMunicipality,
  minutesApi,
  MunicipalityWorld,
  PView,
} from '../minutes/proposal-chain-helpers';

/**
 * Corpus 16: Borås Stad, kommunstyrelsen 2019-09-30 (meeting page). Återremiss motions and
 * alternative proposals were filed on the day ("E10 Återremiss M+KD", "SP7 Återremiss M+KD",
 * "KS190930 Tilläggsyrkande SP8", "KS190930 V Alternativt förslag SP7"); the outcomes are not in
 * the copy. Recorded as a registrar would from this page: each item with the filed documents,
 * no outcome. Nothing is sent on to the council while the matter is not decided.
 *
 * Not held: the yrkanden as yrkanden (their proposers are party groups "M+KD", "V": the
 * transcribed part's party reservations/yrkanden), item codes E10/SP7/SP8 as agenda numbers
 * (numbering part), "öppet för allmänheten" (meeting part), the file dates.
 */
describe('corpus 16: Borås KS 2019-09-30, återremiss yrkanden filed, outcome not printed', () => {
  let t: TestApp;
  let w: MunicipalityWorld;
  let api: ReturnType<typeof minutesApi>;
  beforeAll(async () => {
    t = await createTestApp();
    w = await createMunicipality(t);
    api = minutesApi(t, w);
  });
  afterAll(() => t.close());

  it('keeps the filed återremiss and alternative proposals; no outcome, nothing sent on', async () => {
    const meeting = await ok<{ id: string }>(
      t.http.post(`/api/bodies/${w.ks.id}/meetings`).set(w.auth).send({
        meetingDate: '2019-09-30',
        place: 'Kommunstyrelsens sessionssal, Stadshuset',
      }),
    );
    const items: [string, string[]][] = [
      ['E10', ['2019-09-30 E10 Återremiss M+KD.docx']],
      ['SP7', ['2019-09-30 SP7 Återremiss M+KD.docx', 'KS190930 V Alternativt förslag SP7.docx']],
      ['SP8', ['KS190930 Tilläggsyrkande SP8.docx', '2019-09-30 Alt förslag M+KD SP8.docx']],
    ];
    const paragraphs: PView[] = [];
    for (const [code, documents] of items) {
      paragraphs.push(
        await ok<PView>(
          api.paragraph(meeting.id, {
            title: `Ärende ${code}`,
            outcomeKind: 'proposal',
            basisDocuments: documents,
          }),
        ),
      );
    }
    expect(paragraphs.map((p) => p.decisionHeading)).toEqual(
      Array(3).fill('Kommunstyrelsen föreslår kommunfullmäktige besluta att'),
    );
    const sp7 = await ok<PView & { basisDocuments: string[] }>(
      t.http.get(`/api/paragraphs/${paragraphs[1].id}`).set(w.auth),
      200,
    );
    expect(sp7.basisDocuments).toEqual(items[1][1]);
    // No outcome printed: none recorded, and the council has nothing open from this meeting.
    expect(paragraphs.every((p) => p.clauses.length === 0 && p.producedProposal === null)).toBe(
      true,
    );
    expect(await api.openAt(w.kf.id)).toEqual([]);
    const html = await api.minutesHtml(meeting.id);
    expect(html).toContain('Kommunstyrelsens sessionssal, Stadshuset');
    expect(html).toContain('2019-09-30 E10 Återremiss M+KD.docx');
    expect(html).toContain('Beslut ej fattat.');
  });
});
