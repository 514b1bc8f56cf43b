import { createOrganisation } from '../factories';
import { createTestApp, TestApp } from '../test-app';
import {
  createBodyWithMembers,
  minuteParagraph,
  MinutedParagraph,
} from '../decisions/decision-helpers';
import {
  applicantOf,
  createApplication,
  GRANTOR,
  LEGAL_BASIS,
  kronor,
} from '../grants/grant-helpers';

/**
 * A joint application of three regions: the lead (Jämtland Härjedalen) invites the others by
 * organisation; each region's own registrar names its signatory and links its own decision.
 * Nobody acts in another organisation's name, and what was entered in a region's name by
 * someone else never shows on its public decision page or in the citation certificate.
 */
describe('visibility: joint grant applications are acted on per organisation', () => {
  let t: TestApp;
  let admin: string;
  const org = { jh: '', halland: '', skane: '' };
  const token = { jh: '', halland: '', skane: '' };
  const decision: Record<'jh' | 'halland' | 'skane', MinutedParagraph> = {} as never;
  let appId: string;
  const auth = (tk: string) => ({ Authorization: `Bearer ${tk}` });
  const measures = [
    {
      title: 'Gemensam plattform',
      estimatedCostOre: kronor(1_000_000),
      requestedAmountOre: kronor(900_000),
    },
  ];

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.tokenFor('admin');
    const names = {
      jh: 'Region Jämtland Härjedalen',
      halland: 'Region Halland',
      skane: 'Region Skåne',
    };
    for (const k of ['jh', 'halland', 'skane'] as const) {
      org[k] = (await createOrganisation(t, admin, { name: names[k] })).id;
      token[k] = await t.tokenFor('registrar', { organisationId: org[k] });
      const rs = await createBodyWithMembers(t, token[k], org[k], {
        name: 'Regionstyrelsen',
        shortName: 'RS',
        kind: 'board',
      });
      decision[k] = await minuteParagraph(t, token[k], rs, {
        meetingDate: '2024-11-12',
        title: 'Regiongemensam ansökan om statsbidrag',
        caseNumber: 'RS/1/2024',
        clauses: [`${names[k]} ska ingå i den regiongemensamma ansökan.`],
        adjust: 'minutes',
        adjustedAt: '2024-11-14T10:00:00Z',
      });
    }
  });
  afterAll(() => t.close());

  const post = (tk: string, applicants: Record<string, unknown>[]) =>
    t.http.post('/api/grant-applications').set(auth(tk)).send({
      grantor: GRANTOR,
      legalBasis: LEGAL_BASIS,
      title: 'Gemensam ansökan',
      applicants,
      measures,
    });

  it("refuses to create an application in another organisation's name (403)", async () => {
    const count = async () =>
      (await t.dataSource.query(`SELECT count(*)::int AS n FROM grant_applicant`))[0].n;
    const before = await count();
    // Halland as lead, created by Jämtland Härjedalen's registrar.
    await post(token.jh, [
      { organisationId: org.halland, isLead: true },
      { organisationId: org.jh },
    ]).expect(403);
    // Halland's signatory or clause given by the lead's registrar.
    await post(token.jh, [
      { organisationId: org.jh, isLead: true },
      { organisationId: org.halland, signatoryName: 'Påhittad företrädare' },
    ]).expect(403);
    await post(token.jh, [
      { organisationId: org.jh, isLead: true },
      { organisationId: org.halland, authorisingClauseId: decision.halland.clauses[0].id },
    ]).expect(403);
    expect(await count()).toBe(before);
  });

  it('the lead invites, each registrar attaches its own clause and signatory; nobody else can', async () => {
    const app = await createApplication(t, token.jh, {
      title: 'Regiongemensam ansökan om statsbidrag från Effektivitetsdelegationen',
      applicants: [
        {
          organisationId: org.jh,
          isLead: true,
          signatoryName: 'Regiondirektör JH',
          authorisingClauseId: decision.jh.clauses[0].id,
        },
        { organisationId: org.halland },
      ],
      measures,
    });
    appId = app.id;
    // Adding Skåne with a signatory in its name: refused; inviting it bare: fine.
    await t.http
      .post(`/api/grant-applications/${appId}/applicants`)
      .set(auth(token.jh))
      .send({ organisationId: org.skane, signatoryName: 'Påhittad' })
      .expect(403);
    const joined = await t.http
      .post(`/api/grant-applications/${appId}/applicants`)
      .set(auth(token.jh))
      .send({ organisationId: org.skane })
      .expect(201);
    const halland = applicantOf(joined.body, org.halland);
    const skane = applicantOf(joined.body, org.skane);

    // The lead's registrar and another participant's registrar cannot act in Halland's name.
    for (const tk of [token.jh, token.skane]) {
      await t.http
        .patch(`/api/grant-applicants/${halland}`)
        .set(auth(tk))
        .send({ signatoryName: 'Påhittad' })
        .expect(403);
      await t.http
        .put(`/api/grant-applicants/${halland}/authorisation`)
        .set(auth(tk))
        .send({ clauseId: decision.halland.clauses[0].id })
        .expect(403);
      await t.http
        .delete(`/api/grant-applicants/${halland}/authorisation`)
        .set(auth(tk))
        .expect(403);
    }
    // Halland cannot act in the lead's name either.
    await t.http
      .patch(`/api/grant-applicants/${applicantOf(joined.body, org.jh)}`)
      .set(auth(token.halland))
      .send({ signatoryName: 'Påhittad' })
      .expect(403);

    for (const [id, k] of [
      [halland, 'halland'],
      [skane, 'skane'],
    ] as const) {
      await t.http
        .patch(`/api/grant-applicants/${id}`)
        .set(auth(token[k]))
        .send({ signatoryName: `Regiondirektör ${k}`, signatoryTitle: 'Regiondirektör' })
        .expect(200);
      await t.http
        .put(`/api/grant-applicants/${id}/authorisation`)
        .set(auth(token[k]))
        .send({ clauseId: decision[k].clauses[0].id })
        .expect(200);
    }
    const submitted = await t.http
      .post(`/api/grant-applications/${appId}/submit`)
      .set(auth(token.jh))
      .send({ submittedOn: '2025-01-15' })
      .expect(200);
    expect(
      submitted.body.applicants.map((a: { signatory: { name: string } }) => a.signatory.name),
    ).toEqual(['Regiondirektör JH', 'Regiondirektör halland', 'Regiondirektör skane']);
    expect(submitted.body.authorisingClauses).toHaveLength(3);
    const page = await t.http.get(`/api/decisions/${decision.halland.paragraphId}`).expect(200);
    expect(page.body.authorisedApplications).toEqual([
      expect.objectContaining({
        applicationId: appId,
        applicant: expect.objectContaining({ organisationId: org.halland }),
      }),
    ]);
    const citation = await t.http.get(`/api/grant-applications/${appId}/citation.html`).expect(200);
    expect(citation.text).toContain('Regiondirektör halland');
    expect(citation.text).toContain('Regiondirektör skane');
  });

  it("an entry made in Halland's name by someone else shows nowhere as Halland's", async () => {
    // As if entered before this rule existed: the lead's users wrote Halland's clause and signatory.
    const app = await createApplication(t, token.jh, {
      title: 'Ansökan med påhittad deltagare',
      applicants: [
        {
          organisationId: org.jh,
          isLead: true,
          signatoryName: 'Regiondirektör JH',
          authorisingClauseId: decision.jh.clauses[0].id,
        },
        { organisationId: org.halland },
      ],
      measures,
    });
    await t.dataSource.query(
      `UPDATE grant_applicant SET signatory_name = 'Påhittad', authorising_clause_id = $2 WHERE id = $1`,
      [applicantOf(app, org.halland), decision.halland.clauses[0].id],
    );
    const view = await t.http.get(`/api/grant-applications/${app.id}`).set(auth(admin)).expect(200);
    const halland = view.body.applicants.find(
      (a: { organisation: { id: string } }) => a.organisation.id === org.halland,
    );
    expect(halland).toMatchObject({ signatory: null, authorisation: null });
    await t.http
      .post(`/api/grant-applications/${app.id}/submit`)
      .set(auth(token.jh))
      .send({ submittedOn: '2025-01-15' })
      .expect(422);
    await t.http
      .get(`/api/grant-applications/${app.id}/citation.html`)
      .set(auth(admin))
      .expect(409);
    for (const tk of [admin, token.halland]) {
      const page = await t.http
        .get(`/api/decisions/${decision.halland.paragraphId}`)
        .set(auth(tk))
        .expect(200);
      expect(
        page.body.authorisedApplications.map((a: { applicationId: string }) => a.applicationId),
      ).toEqual([appId]);
    }
  });
});
