import { createTestApp, TestApp } from '../test-app';
import { ok, signAll } from '../minutes/minutes-helpers';
import {
  createMunicipality,
  minutesApi,
  MunicipalityWorld,
  PView,
} from '../minutes/proposal-chain-helpers';

/**
 * Corpus 18: Region Norrbotten, regionfullmäktige 23–24 november (2022 from context). The
 * strategic plan 2023–2025 is adopted on the S, V and C proposal; "ett flertal ärenden bordlades".
 * A tabled matter stays with the council as tabled (not decided, not open as ready), and is taken
 * up again at a later meeting.
 *
 * Not held: the two-day meeting (one meeting date is stored: the first day), the year (inferred,
 * not printed), which matters were tabled (not named in the copy: one stands in for them), the
 * party proposal "S, V och C" (a yrkande by party groups: transcribed part).
 */
describe('corpus 18: Norrbotten RF 23–24 november, bordlades', () => {
  let t: TestApp;
  let w: MunicipalityWorld;
  let api: ReturnType<typeof minutesApi>;
  beforeAll(async () => {
    t = await createTestApp();
    w = await createMunicipality(t, {
      kfName: ['Regionfullmäktige', 'RF'],
      ksName: ['Regionstyrelsen', 'RS'],
      ksauName: ['Regionstyrelsens arbetsutskott', 'RSAU'],
    });
    api = minutesApi(t, w);
  });
  afterAll(() => t.close());

  it('a tabled matter is neither decided nor left open; it is decided at a later meeting', async () => {
    const rs = await api.meeting(w.ks, '2022-11-08');
    const plan = await ok<PView>(
      api.decide(
        (
          await ok<PView>(
            api.paragraph(rs.id, { title: 'Strategisk plan 2023–2025', outcomeKind: 'proposal' }),
          )
        ).id,
        ['att fastställa strategisk plan 2023–2025'],
      ),
    );
    const tabledMatter = await ok<PView>(
      api.decide(
        (
          await ok<PView>(
            api.paragraph(rs.id, { title: 'Ärende som bordläggs', outcomeKind: 'proposal' }),
          )
        ).id,
        ['att bifalla förslaget'],
      ),
    );
    await signAll(t, w, rs.id, '2022-11-10T12:00:00Z');
    expect((await api.openAt(w.kf.id)).sort()).toEqual(
      [plan.producedProposal!.id, tabledMatter.producedProposal!.id].sort(),
    );

    const rf = await api.meeting(w.kf, '2022-11-23');
    const p1 = await ok<PView>(
      api.paragraph(rf.id, {
        title: 'Strategisk plan 2023–2025',
        proposalIds: [plan.producedProposal!.id],
      }),
    );
    const adopted = await ok<PView>(
      api.decide(p1.id, [
        'att bifalla Socialdemokraternas, Vänsterpartiets och Centerpartiets förslag till strategisk plan 2023–2025',
      ]),
    );
    expect(adopted.proposals[0].outcome).toBe('decided_with_changes');
    const p2 = await ok<PView>(
      api.paragraph(rf.id, {
        title: 'Ärende som bordläggs',
        proposalIds: [tabledMatter.producedProposal!.id],
      }),
    );
    const tabled = await ok<PView>(
      api.decide(p2.id, ['att bordlägga ärendet'], { proposalOutcome: 'tabled' }),
    );
    expect(tabled.proposals[0].outcome).toBe('tabled');
    expect(tabled.producedProposal).toBeNull();
    expect(await api.openAt(w.kf.id)).toEqual([]);
    expect((await api.proposal(tabledMatter.producedProposal!.id)).status).toBe('tabled');
    await signAll(t, w, rf.id, '2022-11-25T12:00:00Z');

    // Taken up again at the next meeting.
    const next = await api.meeting(w.kf, '2022-12-12');
    const again = await ok<PView>(
      api.paragraph(next.id, {
        title: 'Ärende som bordlades',
        proposalIds: [tabledMatter.producedProposal!.id],
      }),
    );
    const decided = await ok<PView>(api.decide(again.id, ['att bifalla förslaget']));
    expect(decided.proposals[0].outcome).toBe('decided_as_proposed');
  });
});
