import { createOrganisation, createRegistry, Registry } from '../factories';
import { createTestApp, TestApp } from '../test-app';
import {
  BodyWithMembers,
  createBodyWithMembers,
  minuteParagraph,
} from '../decisions/decision-helpers';
import { ok } from '../minutes/minutes-helpers';

interface Item {
  kind: string;
  id: string;
  citation: string;
  url: string;
  title: string;
  status: string;
  appealable: boolean | null;
  meetingDate: string | null;
  decidedOn?: string;
}

/**
 * Office holders' decisions on delegation (taken outside meetings) are part of THE decision
 * register: listed with paragraph decisions, one sort key, one cursor, the same filters.
 */
describe('decision register: office holders’ decisions on delegation', () => {
  let t: TestApp;
  let reg: Registry;
  let ks: BodyWithMembers;
  let auth: { Authorization: string };
  let herrljungaId: string;
  const paragraphIds: string[] = [];
  const delegationDecisionIds: string[] = [];

  const decide = (body: Record<string, unknown>, organisationId = reg.organisationId) =>
    ok<{ id: string }>(
      t.http.post(`/api/organisations/${organisationId}/delegation-decisions`).set(auth).send(body),
    );

  beforeAll(async () => {
    t = await createTestApp();
    reg = await createRegistry(t);
    auth = { Authorization: `Bearer ${reg.registrarToken}` };
    ks = await createBodyWithMembers(t, reg.registrarToken, reg.organisationId, {
      name: 'Kommunstyrelsen',
      shortName: 'KS',
      kind: 'board',
    });
    // Paragraph decisions on three days; office holders' decisions between, on and after them.
    for (const [date, announceOn] of [
      ['2024-08-18', '2024-08-21'],
      ['2024-09-21', '2024-09-24'],
      ['2024-10-19', undefined],
    ] as const) {
      const p = await minuteParagraph(t, reg.registrarToken, ks, {
        meetingDate: date,
        title: `Ärende ${date}`,
        caseNumber: `KS 2020/${date.slice(5, 7)}`,
        clauses: ['godkänna förslaget'],
        adjust: 'minutes',
        announceOn,
      });
      paragraphIds.push(p.paragraphId);
    }
    // Corpus 22, Herrljunga: "Beslutet fattades av kommunstyrelsens ordförande Gunnar Andersson
    // på delegation 25 augusti 2020"; the delegation says not appealable.
    const delegation = await ok<{ id: string }>(
      t.http
        .post(`/api/organisations/${reg.organisationId}/delegations`)
        .set(auth)
        .send({
          fromBodyId: ks.body.id,
          toRole: 'kommunstyrelsens ordförande',
          matters: ['Sammanträdets öppenhet för allmänheten'],
          appealable: false,
        }),
    );
    const herrljunga = await decide({
      delegationId: delegation.id,
      decidedOn: '2020-08-25',
      decidedByRole: 'kommunstyrelsens ordförande',
      decidedByName: 'Gunnar Andersson',
      title: 'Kommunstyrelsen ställer in det öppna sammanträdet 21 september',
      text: 'På grund av rådande situation med risk för spridning av coronaviruset covid-19 ställer kommunstyrelsen in det öppna sammanträdet för allmänheten den 21 september 2020.',
    });
    herrljungaId = herrljunga.id;
    delegationDecisionIds.push(herrljunga.id);
    // Corpus 22 is older than every meeting here. Same day as a meeting, no delegation recorded (appealability unknown), with a dnr.
    delegationDecisionIds.push(
      (
        await decide({
          bodyId: ks.body.id,
          decidedOn: '2024-09-21',
          decidedByRole: 'kommundirektör',
          title: 'Tillförordnad förvaltningschef',
          caseNumber: 'KS 2020/99',
        })
      ).id,
    );
    delegationDecisionIds.push(
      (
        await decide({
          bodyId: ks.body.id,
          decidedOn: '2024-11-02',
          decidedByName: 'Anna Svensson',
          title: 'Avtal om snöröjning',
        })
      ).id,
    );
  });
  afterAll(() => t.close());

  const list = async (query: string, headers: Record<string, string> = {}) =>
    ok<{ items: Item[]; nextCursor: string | null }>(
      t.http.get(`/api/decisions?${query}`).set(headers),
      200,
    );

  it('lists corpus 22 in the register and resolves it by id, never inventing a date', async () => {
    const anonymous = await list(`organisationId=${reg.organisationId}`);
    const item = anonymous.items.find((i) => i.id === herrljungaId);
    expect(item).toMatchObject({
      kind: 'delegation_decision',
      citation: 'Kommunstyrelsens ordförande Gunnar Andersson, beslut på delegation 2020-08-25',
      url: `/api/decisions/${herrljungaId}`,
      title: 'Kommunstyrelsen ställer in det öppna sammanträdet 21 september',
      body: { id: ks.body.id, name: 'Kommunstyrelsen' },
      meetingId: null,
      meetingDate: null,
      reference: null,
      decidedOn: '2020-08-25',
      decidedBy: { role: 'kommunstyrelsens ordförande', name: 'Gunnar Andersson' },
      appealable: false,
      // No posting of it is recorded: the register says so rather than guessing.
      status: 'posting_date_unknown',
      announcedOn: null,
      appealLastDay: null,
      finalOn: null,
      isPublic: true,
    });
    const byId = await ok<Record<string, unknown>>(t.http.get(item!.url), 200);
    expect(byId).toMatchObject({ ...item, clauses: [], authorisedApplications: [] });
    expect(byId.text).toContain('ställer kommunstyrelsen in det öppna sammanträdet');
    expect((await t.http.get(`${item!.url}/clauses/1`)).status).toBe(404);
    // Paragraph decisions still resolve, with their kind.
    const paragraph = await ok<Item>(t.http.get(`/api/decisions/${paragraphIds[0]}`), 200);
    expect(paragraph.kind).toBe('paragraph');
    expect(paragraph.citation).toMatch(/^Kommunstyrelsen 2024-08-18 § \d+, dnr KS 2020\/08$/);
  });

  it('cites unknown parts as unknown and leaves appealability unknown without a delegation', async () => {
    const all = await list(`organisationId=${reg.organisationId}`);
    const byId = new Map(all.items.map((i) => [i.id, i]));
    expect(byId.get(delegationDecisionIds[1])).toMatchObject({
      citation: 'Kommundirektör, beslut på delegation 2024-09-21, dnr KS 2020/99',
      appealable: null,
    });
    expect(byId.get(delegationDecisionIds[2])?.citation).toBe(
      'Anna Svensson, beslut på delegation 2024-11-02',
    );
  });

  it('orders both kinds by one key and pages across them without gaps or duplicates', async () => {
    const all = await list(`organisationId=${reg.organisationId}&limit=100`);
    expect(all.items).toHaveLength(6);
    const dateOf = (i: Item) => i.meetingDate ?? i.decidedOn!;
    expect(all.items.map(dateOf)).toEqual([
      '2024-11-02',
      '2024-10-19',
      '2024-09-21',
      '2024-09-21',
      '2024-08-18',
      '2020-08-25',
    ]);
    expect(new Set(all.items.map((i) => i.kind))).toEqual(
      new Set(['paragraph', 'delegation_decision']),
    );
    for (const limit of [1, 2, 4]) {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: { items: Item[]; nextCursor: string | null } = await list(
          `organisationId=${reg.organisationId}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        );
        seen.push(...page.items.map((i) => i.id));
        cursor = page.nextCursor;
        pages += 1;
      } while (cursor && pages < 20);
      expect(seen).toEqual(all.items.map((i) => i.id));
    }
  });

  it('filters both kinds by organisation, body, dates, case number, text and status', async () => {
    const other = await createOrganisation(t, reg.adminToken, { name: 'Annan kommun' });
    const otherToken = await t.tokenFor('registrar', { organisationId: other.id });
    const otherBody = await createBodyWithMembers(t, otherToken, other.id, {
      name: 'Kommunstyrelsen',
      shortName: 'KS',
      kind: 'board',
    });
    const foreign = await ok<{ id: string }>(
      t.http
        .post(`/api/organisations/${other.id}/delegation-decisions`)
        .set({ Authorization: `Bearer ${otherToken}` })
        .send({
          bodyId: otherBody.body.id,
          decidedOn: '2020-09-01',
          decidedByRole: 'ordförande',
          title: 'Annat beslut',
        }),
    );
    const ids = async (query: string) => (await list(query)).items.map((i) => i.id).sort();
    const org = `organisationId=${reg.organisationId}`;
    expect(await ids(org)).not.toContain(foreign.id);
    expect(await ids(`organisationId=${other.id}`)).toEqual([foreign.id]);
    expect(await ids(`bodyId=${otherBody.body.id}`)).toEqual([foreign.id]);
    expect(await ids(`${org}&from=2020-08-19&to=2024-08-17`)).toEqual([herrljungaId]);
    expect(await ids(`${org}&from=2024-09-21&to=2024-09-21`)).toEqual(
      [paragraphIds[1], delegationDecisionIds[1]].sort(),
    );
    expect(await ids(`${org}&caseNumber=2020/99`)).toEqual([delegationDecisionIds[1]]);
    expect(await ids(`${org}&q=coronaviruset`)).toEqual([herrljungaId]);
    expect(await ids(`${org}&q=Gunnar Andersson`)).toEqual([herrljungaId]);
    expect(await ids(`${org}&status=posting_date_unknown`)).toEqual(
      [...delegationDecisionIds].sort(),
    );
    expect(await ids(`${org}&status=final&on=2025-06-01`)).not.toContain(herrljungaId);
    expect(await ids(`${org}&status=adjusted`)).toEqual([paragraphIds[2]]);
  });
});
