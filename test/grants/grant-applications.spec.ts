import { createOrganisation } from '../factories';
import { createTestApp, TestApp } from '../test-app';
import {
  BodyWithMembers,
  createBodyWithMembers,
  minuteParagraph,
  MinutedParagraph,
} from '../decisions/decision-helpers';
import { SEED_000_CLAUSES, SEED_000_TITLE } from '../decisions/seed-000';
import { applicantOf, createApplication, kronor } from './grant-helpers';

/**
 * Seed 000 (Region Halland's board decides to join the joint application, clause 1, and to
 * apply for its own part, clause 2) and seed 001 (the joint application of the regions).
 * The joint application is tested with three regions, each authorised by its own decision;
 * Region Jämtland Härjedalen leads (seed 001), Region Halland participates.
 */
describe('grant applications authorised by decision clauses', () => {
  let t: TestApp;
  let admin: string;
  const org = { halland: '', jh: '', skane: '' };
  const token = { halland: '', jh: '', skane: '' };
  let hallandRs: MinutedParagraph;
  let hallandAuProposal: MinutedParagraph;
  let hallandUnadjusted: MinutedParagraph;
  let jhDecision: MinutedParagraph;
  let skaneDecision: MinutedParagraph;
  let jointId: string;

  const auth = (tk: string) => ({ Authorization: `Bearer ${tk}` });

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.tokenFor('admin');
    org.halland = (await createOrganisation(t, admin, { name: 'Region Halland' })).id;
    org.jh = (await createOrganisation(t, admin, { name: 'Region Jämtland Härjedalen' })).id;
    // Created without an organisationsnummer: the certificate must say it is unknown.
    org.skane = (
      await createOrganisation(t, admin, { name: 'Region Skåne', organisationNumber: null })
    ).id;
    for (const k of ['halland', 'jh', 'skane'] as const) {
      token[k] = await t.tokenFor('registrar', { organisationId: org[k] });
    }
    const rs: BodyWithMembers = await createBodyWithMembers(t, token.halland, org.halland, {
      name: 'Regionstyrelsen',
      shortName: 'RS',
      kind: 'board',
    });
    const au = await createBodyWithMembers(t, token.halland, org.halland, {
      name: 'Regionstyrelsens arbetsutskott',
      shortName: 'RSAU',
      kind: 'working_committee',
      preparesForBodyId: rs.body.id,
    });
    hallandAuProposal = await minuteParagraph(t, token.halland, au, {
      meetingDate: '2024-10-29',
      title: SEED_000_TITLE,
      caseNumber: 'RS/1234/2024',
      clauses: SEED_000_CLAUSES,
      adjust: 'minutes',
    });
    hallandRs = await minuteParagraph(t, token.halland, rs, {
      meetingDate: '2024-11-12',
      title: SEED_000_TITLE,
      caseNumber: 'RS/1234/2024',
      clauses: SEED_000_CLAUSES,
      adjust: 'minutes',
      adjustedAt: '2024-11-14T10:00:00Z',
      announceOn: '2024-11-15',
      notDispatched: true,
    });
    hallandUnadjusted = await minuteParagraph(t, token.halland, rs, {
      meetingDate: '2024-12-10',
      title: 'Regiongemensam ansökan, komplettering',
      clauses: [SEED_000_CLAUSES[0]],
      adjust: 'none',
    });
    const jhRs = await createBodyWithMembers(t, token.jh, org.jh, {
      name: 'Regionstyrelsen',
      shortName: 'RS',
      kind: 'board',
    });
    jhDecision = await minuteParagraph(t, token.jh, jhRs, {
      meetingDate: '2024-11-19',
      title: 'Regiongemensam ansökan om statsbidrag från Effektivitetsdelegationen',
      caseNumber: 'RS/512/2024',
      clauses: [
        'Region Jämtland Härjedalen beslutar att ingå i ansökan till Effektivitetsdelegationen om medel för två regiongemensamma satsningar för att effektivisera hälso- och sjukvården.',
      ],
      adjust: 'immediate',
      adjustedAt: '2024-11-19T16:00:00Z',
    });
    const skaneHsn = await createBodyWithMembers(t, token.skane, org.skane, {
      name: 'Hälso- och sjukvårdsnämnden',
      shortName: 'HSN',
      kind: 'committee',
    });
    skaneDecision = await minuteParagraph(t, token.skane, skaneHsn, {
      meetingDate: '2024-11-21',
      title: 'Deltagande i regiongemensam ansökan',
      caseNumber: 'HSN 2024/301',
      clauses: [
        'Region Skåne ska ingå i den regiongemensamma ansökan till Effektivitetsdelegationen.',
      ],
      adjust: 'minutes',
      adjustedAt: '2024-11-25T09:00:00Z',
    });
  });
  afterAll(() => t.close());

  const getApp = async (id: string, tk = admin) =>
    (await t.http.get(`/api/grant-applications/${id}`).set(auth(tk)).expect(200)).body;

  it('creates a joint application led by one region; each applicant links its own decision', async () => {
    const app = await createApplication(t, token.jh, {
      title: 'Regiongemensam ansökan om statsbidrag från Effektivitetsdelegationen',
      caseNumber: 'RS/512/2024',
      deadline: '2025-06-13',
      applicants: [
        {
          organisationId: org.jh,
          isLead: true,
          signatoryName: 'Sara Lewerentz',
          signatoryTitle: 'Regiondirektör',
          authorisingClauseId: jhDecision.clauses[0].id,
        },
        // The lead invites the others; each names its own signatory (test/visibility covers
        // the lead trying to do it in their name).
        { organisationId: org.halland },
        { organisationId: org.skane },
      ],
      measures: [
        {
          title: 'Gemensamt arbete med att lösa ut hinder för AI-tillämpningar',
          description:
            'Data, juridik, nytto- och riskanalyser och kompetensutveckling tas fram en gång i stället för 21 gånger.',
          expectedEffect:
            'Kortare tid till implementering och minskad administration i alla regioner.',
          estimatedCostOre: kronor(12_000_000),
          requestedAmountOre: kronor(10_000_000),
        },
        {
          title: 'Gemensam process och plattform för skalning och spridning av lyckade lösningar',
          estimatedCostOre: kronor(15_000_000),
          requestedAmountOre: kronor(15_000_000),
        },
      ],
    });
    jointId = app.id;
    expect(app).toMatchObject({
      status: 'draft',
      joint: true,
      organisationId: org.jh,
      totals: { requestedAmountOre: kronor(25_000_000), requestedAmount: '25 000 000 kr' },
    });
    expect(app.applicants.map((a: { isLead: boolean }) => a.isLead)).toEqual([true, false, false]);
    for (const [orgId, tk, name] of [
      [org.halland, token.halland, 'Regiondirektör i Halland'],
      [org.skane, token.skane, 'Regiondirektör i Skåne'],
    ]) {
      await t.http
        .patch(`/api/grant-applicants/${applicantOf(app, orgId)}`)
        .set(auth(tk))
        .send({ signatoryName: name })
        .expect(200);
    }

    // Halland's registrar links Halland's own authorisation: seed 000, clause 1.
    const hallandApplicant = applicantOf(app, org.halland);
    const linked = await t.http
      .put(`/api/grant-applicants/${hallandApplicant}/authorisation`)
      .set(auth(token.halland))
      .send({ clauseId: hallandRs.clauses[0].id })
      .expect(200);
    const halland = linked.body.applicants.find(
      (a: { organisation: { id: string } }) => a.organisation.id === org.halland,
    );
    expect(halland.authorisation).toMatchObject({
      clausePosition: 1,
      clauseText: SEED_000_CLAUSES[0],
      citation: 'Regionstyrelsen 2024-11-12 § 1, dnr RS/1234/2024',
      clauseCitation: 'Regionstyrelsen 2024-11-12 § 1 p. 1, dnr RS/1234/2024',
      adjusted: true,
      adjustedOn: '2024-11-14',
      valid: true,
      problems: [],
    });

    // Another region's decision never authorises Halland; another region's registrar cannot link.
    const foreign = await t.http
      .put(`/api/grant-applicants/${hallandApplicant}/authorisation`)
      .set(auth(token.halland))
      .send({ clauseId: jhDecision.clauses[0].id })
      .expect(422);
    expect(foreign.body.detail).toContain('Region Jämtland Härjedalen');
    await t.http
      .put(`/api/grant-applicants/${hallandApplicant}/authorisation`)
      .set(auth(token.skane))
      .send({ clauseId: hallandRs.clauses[0].id })
      .expect(403);
    await t.http
      .put(`/api/grant-applicants/${hallandApplicant}/authorisation`)
      .set(auth(token.halland))
      .send({ clauseId: '00000000-0000-4000-8000-000000000000' })
      .expect(404);
    const after = await getApp(jointId);
    expect(
      after.applicants.find(
        (a: { organisation: { id: string } }) => a.organisation.id === org.halland,
      ).authorisation.clauseId,
    ).toBe(hallandRs.clauses[0].id);
  });

  it('refuses submission while an applicant lacks an adjusted decision of its council, board or committee', async () => {
    const submit = (submittedOn = '2025-01-15') =>
      t.http
        .post(`/api/grant-applications/${jointId}/submit`)
        .set(auth(token.jh))
        .send({ submittedOn });
    const hallandApplicant = applicantOf(await getApp(jointId), org.halland);
    const skaneApplicant = applicantOf(await getApp(jointId), org.skane);
    const link = (applicantId: string, clauseId: string, tk: string) =>
      t.http
        .put(`/api/grant-applicants/${applicantId}/authorisation`)
        .set(auth(tk))
        .send({ clauseId })
        .expect(200);

    // Region Skåne has no authorisation at all.
    const missing = await submit().expect(422);
    expect(missing.body.detail).toContain('Region Skåne has no decision clause');
    await link(skaneApplicant, skaneDecision.clauses[0].id, token.skane);

    // Only the working committee's proposal: refused with the reason.
    await link(hallandApplicant, hallandAuProposal.clauses[0].id, token.halland);
    const proposal = await submit().expect(422);
    expect(proposal.body.detail).toContain('working committee');
    expect(proposal.body.applicants).toEqual([
      expect.objectContaining({ organisation: 'Region Halland' }),
    ]);
    const view = await getApp(jointId);
    const hallandView = view.applicants.find(
      (a: { organisation: { id: string } }) => a.organisation.id === org.halland,
    );
    expect(hallandView.authorisation.valid).toBe(false);

    // Only an unadjusted paragraph of the board: refused.
    await link(hallandApplicant, hallandUnadjusted.clauses[0].id, token.halland);
    const unadjusted = await submit().expect(422);
    expect(unadjusted.body.detail).toContain('is not adjusted');

    // The adjusted decision, but submitted before it was adjusted: refused.
    await link(hallandApplicant, hallandRs.clauses[0].id, token.halland);
    const early = await submit('2024-11-13').expect(422);
    expect(early.body.detail).toContain('adjusted on 2024-11-14');
    // After the deadline: refused.
    await submit('2025-06-14').expect(422);

    // Nothing changed by the refused requests.
    const unchanged = await getApp(jointId);
    expect(unchanged).toMatchObject({ status: 'draft', submittedOn: null });

    const ok = await submit('2025-01-15').expect(200);
    expect(ok.body).toMatchObject({ status: 'submitted', submittedOn: '2025-01-15' });
    expect(ok.body.authorisingClauses).toHaveLength(3);
    expect(ok.body.authorisingClauses.every((c: { valid: boolean }) => c.valid)).toBe(true);

    // Submitted: applicants, links and measures are fixed.
    const locked = await t.http
      .put(`/api/grant-applicants/${hallandApplicant}/authorisation`)
      .set(auth(token.halland))
      .send({ clauseId: hallandRs.clauses[1].id })
      .expect(409);
    expect(locked.body.allowedNextSteps).toEqual(['grant-decision']);
    await t.http
      .put(`/api/grant-applications/${jointId}/measures`)
      .set(auth(token.jh))
      .send({ measures: [] })
      .expect(409);
    await submit().expect(409);
  });

  it('links decision and applications both ways: clause 1 the joint, clause 2 the own application', async () => {
    const own = await createApplication(t, token.halland, {
      title:
        'Region Hallands ansökan om statsbidrag för åtgärder för en effektiv hälso- och sjukvård',
      caseNumber: 'RS/1234/2024',
      applicants: [
        {
          organisationId: org.halland,
          signatoryName: 'Regiondirektör i Halland',
          authorisingClauseId: hallandRs.clauses[1].id,
        },
      ],
      measures: [
        {
          title: 'Digital vårdcentral',
          estimatedCostOre: kronor(4_000_000),
          requestedAmountOre: kronor(3_500_000),
        },
      ],
    });
    expect(own.joint).toBe(false);
    await t.http
      .post(`/api/grant-applications/${own.id}/submit`)
      .set(auth(token.halland))
      .send({ submittedOn: '2025-02-01' })
      .expect(200);

    const decision = await t.http.get(`/api/decisions/${hallandRs.paragraphId}`).expect(200);
    expect(
      decision.body.authorisedApplications.map(
        (a: { applicationId: string; clausePosition: number; applicant: { isLead: boolean } }) => [
          a.applicationId,
          a.clausePosition,
          a.applicant.isLead,
        ],
      ),
    ).toEqual([
      [jointId, 1, false],
      [own.id, 2, true],
    ]);
    expect(decision.body.authorisedApplications[0].clauseCitation).toBe(
      'Regionstyrelsen 2024-11-12 § 1 p. 1, dnr RS/1234/2024',
    );
    const clause2 = await t.http
      .get(`/api/decisions/${hallandRs.paragraphId}/clauses/2`)
      .expect(200);
    expect(
      clause2.body.authorisedApplications.map((a: { applicationId: string }) => a.applicationId),
    ).toEqual([own.id]);

    const joint = (await t.http.get(`/api/grant-applications/${jointId}`).expect(200)).body;
    expect(
      joint.authorisingClauses.map(
        (c: { applicantOrganisationId: string; clauseCitation: string }) => [
          c.applicantOrganisationId,
          c.clauseCitation,
        ],
      ),
    ).toEqual([
      [org.jh, 'Regionstyrelsen 2024-11-19 § 1 p. 1, dnr RS/512/2024'],
      [org.halland, 'Regionstyrelsen 2024-11-12 § 1 p. 1, dnr RS/1234/2024'],
      [org.skane, 'Hälso- och sjukvårdsnämnden 2024-11-21 § 1 p. 1, dnr HSN 2024/301'],
    ]);
    const list = await t.http
      .get('/api/grant-applications')
      .query({ organisationId: org.halland })
      .expect(200);
    expect(list.body.items.map((a: { id: string }) => a.id).sort()).toEqual(
      [jointId, own.id].sort(),
    );
  });

  it('renders the citation certificate in Swedish for every authorising decision', async () => {
    const res = await t.http.get(`/api/grant-applications/${jointId}/citation.html`).expect(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const html = res.text;
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('Intyg om politiskt beslut bakom ansökan');
    expect(html).toContain('Regionstyrelsen 2024-11-12 § 1 p. 1, dnr RS/1234/2024');
    expect(html).toContain('Hälso- och sjukvårdsnämnden');
    expect(html).toContain('12 november 2024');
    expect(html).toContain('Paragrafen är justerad. Justerad 14 november 2024.');
    expect(html).toContain('Justerad 19 november 2024.');
    expect(html).toContain(
      'öka regionernas kompetens och förmåga att införa effektiva AI-lösningar',
    );
    expect(html).toContain('Region Jämtland Härjedalen');
    expect(html).toContain('huvudsökande');
    expect(html).toContain('Region Skåne (organisationsnummer okänt)');
    expect(html).toMatch(/Region Halland \(\d{6}-\d{4}\)/);
    expect(html).toContain('25 000 000 kr');
    expect(html).toContain('Sara Lewerentz, Regiondirektör');
    expect(html.match(/Paragrafen är justerad/g)).toHaveLength(3);
    expect(html.match(/Inget bestyrkt protokollsutdrag är registrerat/g)).toHaveLength(3);

    // Once a certified extract of Halland's paragraph is issued, its content hash is cited.
    const extract = await t.http
      .post('/api/extracts')
      .set(auth(token.halland))
      .send({
        paragraphIds: [hallandRs.paragraphId],
        certifierName: 'Anna Registrator',
        issuedOn: '2024-11-20',
      });
    expect(extract.status).toBe(201);
    expect(extract.body.contentHash).toMatch(/^[0-9a-f]{64}$/);
    const withExtract = (
      await t.http.get(`/api/grant-applications/${jointId}/citation.html`).expect(200)
    ).text;
    expect(withExtract).toContain(
      `Bestyrkt protokollsutdrag utfärdat 20 november 2024, kontrollsumma (SHA-256): <span class="hash">${extract.body.contentHash}</span>`,
    );
    expect(withExtract.match(/Inget bestyrkt protokollsutdrag är registrerat/g)).toHaveLength(2);
  });

  it('escapes user text in the certificate and refuses it without valid authorisations', async () => {
    const app = await createApplication(t, token.halland, {
      title: 'Ansökan <script>alert("x")</script> & mer',
      applicants: [
        {
          organisationId: org.halland,
          signatoryName: 'A',
          authorisingClauseId: hallandRs.clauses[1].id,
        },
      ],
    });
    const html = (
      await t.http
        .get(`/api/grant-applications/${app.id}/citation.html`)
        .set(auth(token.halland))
        .expect(200)
    ).text;
    expect(html).not.toContain('<script>');
    expect(html).toContain('Ansökan &lt;script&gt;');

    const unauthorised = await createApplication(t, token.halland, {
      title: 'Utan beslut',
      applicants: [
        { organisationId: org.halland, authorisingClauseId: hallandAuProposal.clauses[0].id },
      ],
    });
    const refused = await t.http
      .get(`/api/grant-applications/${unauthorised.id}/citation.html`)
      .set(auth(token.halland))
      .expect(409);
    expect(JSON.stringify(refused.body.applicants)).toContain('working committee');
  });

  it('keeps drafts to the applicant organisations and refuses bad input', async () => {
    const draft = await createApplication(t, token.halland, {
      title: 'Utkast',
      applicants: [{ organisationId: org.halland }],
    });
    await t.http.get(`/api/grant-applications/${draft.id}`).expect(404);
    await t.http.get(`/api/grant-applications/${draft.id}`).set(auth(token.skane)).expect(404);
    await t.http.get(`/api/grant-applications/${draft.id}`).set(auth(token.halland)).expect(200);
    const anonymousList = await t.http.get('/api/grant-applications').expect(200);
    expect(anonymousList.body.items.map((a: { id: string }) => a.id)).not.toContain(draft.id);

    const count = async () =>
      Number((await t.dataSource.query(`SELECT count(*) AS n FROM grant_application`))[0].n);
    const before = await count();
    const base = { grantor: 'G', legalBasis: 'L', title: 'T' };
    const post = (body: object, tk = token.halland) =>
      t.http.post('/api/grant-applications').set(auth(tk)).send(body);

    await post({
      ...base,
      applicants: [
        { organisationId: org.halland, isLead: true },
        { organisationId: org.jh, isLead: true },
      ],
    }).expect(422);
    await post({
      ...base,
      applicants: [{ organisationId: org.halland }, { organisationId: org.jh }],
    }).expect(422);
    await post({
      ...base,
      applicants: [{ organisationId: org.halland, isLead: true }, { organisationId: org.halland }],
    }).expect(422);
    await post({
      ...base,
      applicants: [
        { organisationId: org.halland, isLead: true },
        { organisationId: '00000000-0000-4000-8000-000000000000' },
      ],
    }).expect(404);
    const negative = await post({
      ...base,
      applicants: [{ organisationId: org.halland }],
      measures: [{ title: 'X', estimatedCostOre: 1, requestedAmountOre: -5 }],
    }).expect(400);
    expect(JSON.stringify(negative.body.errors)).toContain('measures[0].requestedAmountOre');
    await post({
      ...base,
      applicants: [{ organisationId: org.halland }],
      measures: [{ title: 'X', estimatedCostOre: 1, requestedAmountOre: 1.5 }],
    }).expect(400);
    await post({ ...base, applicants: [] }).expect(400);
    await post({ ...base, applicants: [{ organisationId: org.halland }], extra: 1 }).expect(400);
    // A registrar of another region cannot file for Halland; anonymous cannot write at all.
    await post({ ...base, applicants: [{ organisationId: org.halland }] }, token.skane).expect(403);
    await t.http.post('/api/grant-applications').send(base).expect(401);
    // Linking a clause of another organisation at creation: refused.
    await post({
      ...base,
      applicants: [{ organisationId: org.halland, authorisingClauseId: jhDecision.clauses[0].id }],
    }).expect(422);
    expect(await count()).toBe(before);

    // An application with nothing requested cannot be submitted.
    const empty = await t.http
      .post(`/api/grant-applications/${draft.id}/submit`)
      .set(auth(token.halland))
      .send({ submittedOn: '2025-03-01' })
      .expect(422);
    expect(empty.body.problems).toEqual(
      expect.arrayContaining([
        'The application has no measures',
        'Region Halland has no decision clause authorising its participation',
        'Region Halland has no authorised signatory (behörig företrädare)',
      ]),
    );
    await t.http.get('/api/grant-applications/nope').expect(400);
    await t.http.get('/api/grant-applications/00000000-0000-4000-8000-000000000000').expect(404);
  });
});
