import { createTestApp, TestApp } from '../test-app';
import { createRegistry } from '../factories';
import {
  createHeldMeeting,
  createMinutesWorld,
  MinutesWorld,
  ok,
  signAll,
} from './minutes-helpers';

interface ProposalView {
  id: string;
  sourceKind: string;
  status: string;
  handlings: { reference: string; outcome: string | null; changes: unknown }[];
}

interface ProposalPage {
  items: ProposalView[];
  nextCursor: string | null;
}

interface ParagraphView {
  id: string;
  reference: string;
  appeal: { legalForce: string; registeredAt: string | null; appealLastDay: string | null };
}

describe('minutes: review fixes', () => {
  let t: TestApp;
  let w: MinutesWorld;
  beforeAll(async () => {
    t = await createTestApp();
    w = await createMinutesWorld(t);
  });
  afterAll(() => t.close());

  const newParagraph = (meetingId: string, body: Record<string, unknown> = {}) =>
    ok<ParagraphView>(
      t.http
        .post(`/api/meetings/${meetingId}/paragraphs`)
        .set(w.auth)
        .send({ title: 'Ärende', ...body }),
    );
  const decide = (id: string, clauses: string[]) =>
    ok<ParagraphView>(t.http.post(`/api/paragraphs/${id}/decision`).set(w.auth).send({ clauses }));
  const officerProposal = (title: string) =>
    ok<{ id: string }>(
      t.http
        .post('/api/proposals')
        .set(w.auth)
        .send({
          toBodyId: w.rs.id,
          officerName: 'Sara Lewerentz',
          officerTitle: 'Regiondirektör',
          title,
          clauses: ['anta förslaget'],
        }),
    );

  async function allPages(
    auth: Record<string, string>,
    limit: number,
  ): Promise<{ ids: string[]; pages: ProposalPage[] }> {
    const pages: ProposalPage[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `/api/proposals?toBodyId=${w.rs.id}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`;
      const page: ProposalPage = await ok<ProposalPage>(t.http.get(query).set(auth), 200);
      pages.push(page);
      cursor = page.nextCursor;
    } while (cursor && pages.length < 100);
    return { ids: pages.flatMap((p) => p.items.map((i) => i.id)), pages };
  }

  it('lists proposals in full pages: visibility is part of the query, not a filter after it', async () => {
    // Two public officer proposals among many drafts of the working committee, which only the
    // organisation may see until the committee's minutes are adjusted.
    const first = await officerProposal('Första offentliga förslaget');
    const auMeeting = await createHeldMeeting(t, w, w.au, '2026-02-03');
    const drafts: string[] = [];
    for (let i = 0; i < 40; i++) {
      const p = await newParagraph(auMeeting.id, { title: `Beredning ${i}` });
      const decided = await ok<{ producedProposal: { id: string } }>(
        t.http
          .post(`/api/paragraphs/${p.id}/decision`)
          .set(w.auth)
          .send({ clauses: [`föreslå ${i}`] }),
      );
      drafts.push(decided.producedProposal.id);
    }
    const second = await officerProposal('Andra offentliga förslaget');
    const visible = [first.id, second.id];

    const other = await createRegistry(t);
    const outsiders: Record<string, string>[] = [
      {},
      { Authorization: `Bearer ${other.registrarToken}` },
    ];
    for (const auth of outsiders) {
      const { ids, pages } = await allPages(auth, 1);
      expect(ids).toEqual(visible);
      // Every page but the last is full, and the last one says so.
      expect(pages.map((p) => p.items.length)).toEqual([1, 1]);
      expect(pages[1].nextCursor).toBeNull();
    }
    // The organisation sees everything, in creation order, each once.
    const own = await allPages(w.auth, 7);
    expect(own.ids).toEqual([first.id, ...drafts, second.id]);
    expect(own.pages.slice(0, -1).every((p) => p.items.length === 7)).toBe(true);

    await t.http.get(`/api/proposals?cursor=not-a-cursor`).expect(400);
  });

  it('a proposal does not show the outcome or clauses of a decision that is not yet adjusted', async () => {
    const proposal = await officerProposal('Investering i vårdbyggnad');
    const meeting = await createHeldMeeting(t, w, w.rs, '2026-03-10');
    const p = await newParagraph(meeting.id, { proposalIds: [proposal.id] });
    await decide(p.id, ['anta förslaget med hemlig ändring']);

    const own = await ok<ProposalView>(
      t.http.get(`/api/proposals/${proposal.id}`).set(w.auth),
      200,
    );
    expect(own.status).toBe('decided_with_changes');
    expect(own.handlings).toHaveLength(1);

    const anonymous = await t.http.get(`/api/proposals/${proposal.id}`).expect(200);
    expect(anonymous.body).toMatchObject({ status: 'open', handlings: [] });
    expect(JSON.stringify(anonymous.body)).not.toContain('hemlig ändring');
    const listed = await ok<ProposalPage>(t.http.get(`/api/proposals?toBodyId=${w.rs.id}`), 200);
    const inList = listed.items.find((i) => i.id === proposal.id)!;
    expect(inList).toMatchObject({ status: 'open', handlings: [] });

    await signAll(t, w, meeting.id, '2026-03-11T10:00:00Z');
    const published = await ok<ProposalView>(t.http.get(`/api/proposals/${proposal.id}`), 200);
    expect(published.status).toBe('decided_with_changes');
    expect(published.handlings).toEqual([
      expect.objectContaining({ reference: p.reference, outcome: 'decided_with_changes' }),
    ]);
  });

  it('no paragraph can be added to adjusted minutes, through the API or directly in the database', async () => {
    const meeting = await createHeldMeeting(t, w, w.rs, '2026-04-14');
    const p = await newParagraph(meeting.id);
    await decide(p.id, ['beslut']);
    await signAll(t, w, meeting.id, '2026-04-15T10:00:00Z');
    await t.http
      .post(`/api/meetings/${meeting.id}/paragraphs`)
      .set(w.auth)
      .send({ title: 'Efterhandsparagraf' })
      .expect(409);
    await expect(
      t.dataSource.query(
        `INSERT INTO paragraph (organisation_id, body_id, meeting_id, numbering_period, number, title,
                                reference, outcome_kind, appealable)
         VALUES ($1, $2, $3, 2026, 999, 'Insmugglad', 'RS 2026-04-14 § 999', 'decision', true)`,
        [w.organisationId, w.rs.id, meeting.id],
      ),
    ).rejects.toMatchObject({ code: 'P0409', message: expect.stringContaining('adjusted') });
    // A draft paragraph of another meeting cannot be moved into them either.
    const open = await createHeldMeeting(t, w, w.rs, '2026-04-28');
    const draft = await newParagraph(open.id);
    await expect(
      t.dataSource.query(`UPDATE paragraph SET meeting_id = $2 WHERE id = $1`, [
        draft.id,
        meeting.id,
      ]),
    ).rejects.toMatchObject({ code: 'P0409' });
    const [{ count }] = await t.dataSource.query(
      `SELECT count(*)::int AS count FROM paragraph WHERE meeting_id = $1`,
      [meeting.id],
    );
    expect(count).toBe(1);
  });

  it('an appeal that comes in after the last appeal day is refused: the decision is final', async () => {
    const meeting = await createHeldMeeting(t, w, w.rs, '2025-11-11');
    const p = await newParagraph(meeting.id);
    await decide(p.id, ['beslut']);
    await signAll(t, w, meeting.id, '2025-11-12T10:00:00Z');
    await ok(
      t.http
        .post(`/api/meetings/${meeting.id}/announcement`)
        .set(w.auth)
        .send({ postedOn: '2025-12-05' }),
    );
    const late = await t.http
      .post(`/api/paragraphs/${p.id}/appeals`)
      .set(w.auth)
      .send({ registeredAt: '2025-12-30T09:00:00+01:00', note: 'För sent' });
    expect(late.status).toBe(422);
    expect(late.body.detail).toContain('2025-12-29');
    expect(late.body.detail).toContain('laga kraft');
    const unchanged = await ok<ParagraphView>(t.http.get(`/api/paragraphs/${p.id}`), 200);
    expect(unchanged.appeal).toMatchObject({ legalForce: 'final', registeredAt: null });

    // On the last day (Swedish time) it still counts.
    const inTime = await ok<ParagraphView>(
      t.http
        .post(`/api/paragraphs/${p.id}/appeals`)
        .set(w.auth)
        .send({ registeredAt: '2025-12-29T23:30:00+01:00' }),
    );
    expect(inTime.appeal.legalForce).toBe('appealed');
  });

  it('quorum is checked again before adjustment: a later recusal can take it away', async () => {
    const meeting = await createHeldMeeting(t, w, w.rs, '2026-05-12', { attend: false });
    const [a, b, c, d] = w.rs.members;
    await ok(
      t.http
        .put(`/api/meetings/${meeting.id}/attendance`)
        .set(w.auth)
        .send({ entries: [a, b, c, d].map((x) => ({ personId: x.id, role: 'member' })) }),
      200,
    );
    const p = await newParagraph(meeting.id);
    await decide(p.id, ['beslut']); // 4 of 7 seats: quorum
    await ok(t.http.post(`/api/paragraphs/${p.id}/recusals`).set(w.auth).send({ personId: d.id }));
    const sign = await t.http
      .post(`/api/meetings/${meeting.id}/signatures`)
      .set(w.auth)
      .send({ personId: a.id });
    expect(sign.status).toBe(422);
    expect(sign.body.detail).toContain('quorum');
    expect(sign.body.paragraphs).toEqual([p.reference]);
    const immediate = await t.http
      .post(`/api/paragraphs/${p.id}/immediate-adjustment`)
      .set(w.auth)
      .send({});
    expect(immediate.status).toBe(422);
    const [row] = await t.dataSource.query(`SELECT adjusted_at FROM paragraph WHERE id = $1`, [
      p.id,
    ]);
    expect(row.adjusted_at).toBeNull();
    const [{ count }] = await t.dataSource.query(
      `SELECT count(*)::int AS count FROM meeting_signatory WHERE meeting_id = $1 AND signed_at IS NOT NULL`,
      [meeting.id],
    );
    expect(count).toBe(0);
  });
});
