import { createTestApp, TestApp } from '../test-app';
import { ok, signAll } from '../minutes/minutes-helpers';
import {
  createMunicipality,
  minutesApi,
  MunicipalityWorld,
  PView,
} from '../minutes/proposal-chain-helpers';

/**
 * Corpus 02: Ulricehamns kommun, kommunfullmäktige 27 april 2023 ("beslut i korthet").
 * The årsredovisning 2022 is approved; the culture-house matter (Marknadsplatsen) is sent back
 * by minoritetsåterremiss with three stated reasons, so the board's proposal is not left open.
 *
 * Not held: "minoritetsåterremiss" as a kind of its own (recorded as sent back, the word kept in
 * the clause), the figures of the annual report as structured amounts (kept as text).
 */
describe('corpus 02: Ulricehamn KF 2023-04-27, minoritetsåterremiss', () => {
  let t: TestApp;
  let w: MunicipalityWorld;
  let api: ReturnType<typeof minutesApi>;
  beforeAll(async () => {
    t = await createTestApp();
    w = await createMunicipality(t);
    api = minutesApi(t, w);
  });
  afterAll(() => t.close());

  it('approves the annual report and sends the culture house back with its reasons', async () => {
    // The board's proposals to the council, as they stood before the meeting.
    const ks = await api.meeting(w.ks, '2023-04-03');
    const ksReport = await ok<PView>(
      api.paragraph(ks.id, { title: 'Årsredovisning 2022', outcomeKind: 'proposal' }),
    );
    const report = await ok<PView>(
      api.decide(ksReport.id, ['att godkänna årsredovisningen för 2022']),
    );
    const ksHouse = await ok<PView>(
      api.paragraph(ks.id, {
        title: 'Inriktningsbeslut om nytt kulturhus på Marknadsplatsen',
        outcomeKind: 'proposal',
      }),
    );
    const proposed = [
      'att ge förvaltningen i uppdrag att komplettera inriktningen för detaljplanen för Marknadsplatsen med avsikt att möjliggöra nytt kulturhus',
      'att ändra benämning från nytt stadsbibliotek till nytt kulturhus',
    ];
    const house = await ok<PView>(api.decide(ksHouse.id, proposed));
    expect(house.outcomeKind).toBe('proposal');
    await signAll(t, w, ks.id, '2023-04-05T12:00:00Z');

    const kf = await api.meeting(w.kf, '2023-04-27');
    const p1 = await ok<PView>(
      api.paragraph(kf.id, {
        title: 'Årsredovisning 2022',
        description:
          'Årsredovisningen visar på ett ekonomiskt resultat på cirka 70 miljoner, vilket är 45 mer än budgeterat. Investeringarna under 2022 uppgick till drygt 200 miljoner kronor.',
        proposalIds: [report.producedProposal!.id],
      }),
    );
    const approved = await ok<PView>(
      api.decide(p1.id, [
        'att godkänna årsredovisningen för 2022',
        'att inget ytterligare avsätts till kommunens resultatutjämningsreserv',
        'att lägga redovisningarna från kommunens bolag till handlingarna',
      ]),
    );
    expect(approved.proposals[0].outcome).toBe('decided_with_changes');

    const p2 = await ok<PView>(
      api.paragraph(kf.id, {
        title: 'Inriktningsbeslut om nytt kulturhus på Marknadsplatsen',
        proposalIds: [house.producedProposal!.id],
      }),
    );
    const reasons = [
      'att ärendet återremitteras (minoritetsåterremiss) med motiveringen',
      'att det bara finns ett förslag att ta ställning till',
      'att förvaltningen får i uppdrag att utreda fler platser, bland annat Stureparken och Nämndhuset beträffande verksamhet i förhållande till yta samt uppskattad kostnad',
      'att parkeringsutredningen som ska visa på hur parkeringsplatser på Marknadsplatsen kan ersättas helt eller delvis, inte är presenterad för politiken',
    ];
    const sentBack = await ok<PView>(api.decide(p2.id, reasons, { proposalOutcome: 'sent_back' }));
    expect(sentBack.proposals[0].outcome).toBe('sent_back');
    expect(sentBack.proposals[0].clauses.map((c) => c.text)).toEqual(proposed);
    expect(sentBack.clauses.map((c) => c.text)).toEqual(reasons);

    // Nothing of the matter is left open at the council; the board's proposal is sent back.
    expect(await api.openAt(w.kf.id)).toEqual([]);
    expect((await api.proposal(house.producedProposal!.id)).status).toBe('sent_back');
    await signAll(t, w, kf.id, '2023-04-28T12:00:00Z');
    const html = await api.minutesHtml(kf.id);
    for (const r of reasons) expect(html).toContain(r);
    expect(html).toContain('att godkänna årsredovisningen för 2022');
  });
});
