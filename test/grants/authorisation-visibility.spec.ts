import { createRegistry, Registry } from '../factories';
import { createTestApp, TestApp } from '../test-app';
import { createBodyWithMembers, minuteParagraph } from '../decisions/decision-helpers';
import { createApplication, kronor } from './grant-helpers';

describe('grant application: an authorising paragraph that is not public', () => {
  let t: TestApp;
  let reg: Registry;
  let appId: string;
  const SECRET_TITLE = 'Förhandlingsuppdrag om köp av fastigheten Vården 4';

  beforeAll(async () => {
    t = await createTestApp();
    reg = await createRegistry(t);
    const rs = await createBodyWithMembers(t, reg.registrarToken, reg.organisationId, {
      name: 'Regionstyrelsen',
      shortName: 'RS',
      kind: 'board',
    });
    const secret = await minuteParagraph(t, reg.registrarToken, rs, {
      meetingDate: '2025-02-11',
      title: SECRET_TITLE,
      caseNumber: 'RS/999/2025',
      clauses: ['ansöka om statsbidrag för ombyggnad av fastigheten Vården 4'],
      adjust: 'minutes',
      adjustedAt: '2025-02-13T10:00:00Z',
      isPublic: false,
    });
    const app = await createApplication(t, reg.registrarToken, {
      title: 'Ansökan om bidrag för ombyggnad',
      applicants: [
        {
          organisationId: reg.organisationId,
          signatoryName: 'Sara Lewerentz',
          authorisingClauseId: secret.clauses[0].id,
        },
      ],
      measures: [
        { title: 'Ombyggnad', estimatedCostOre: kronor(1_000_000), requestedAmountOre: 1 },
      ],
    });
    appId = app.id;
    await t.http
      .post(`/api/grant-applications/${appId}/submit`)
      .set('Authorization', `Bearer ${reg.registrarToken}`)
      .send({ submittedOn: '2025-03-01' })
      .expect(200);
  });
  afterAll(() => t.close());

  it('shows anonymous users where the decision is, but not its title, case number or text', async () => {
    const res = await t.http.get(`/api/grant-applications/${appId}`).expect(200);
    const authorisation = res.body.applicants[0].authorisation;
    expect(authorisation).toMatchObject({
      reference: 'RS 2025-02-11 § 1',
      citation: 'Regionstyrelsen 2025-02-11 § 1',
      clauseCitation: 'Regionstyrelsen 2025-02-11 § 1 p. 1',
      title: null,
      caseNumber: null,
      clauseText: null,
      valid: true,
    });
    expect(JSON.stringify(res.body)).not.toContain('Vården 4');
    expect(JSON.stringify(res.body)).not.toContain('RS/999/2025');
    // The decision itself is not shown to them either.
    await t.http.get(`/api/decisions/${authorisation.paragraphId}`).expect(404);
  });

  it('shows it all to users of the organisation', async () => {
    const res = await t.http
      .get(`/api/grant-applications/${appId}`)
      .set('Authorization', `Bearer ${reg.registrarToken}`)
      .expect(200);
    expect(res.body.applicants[0].authorisation).toMatchObject({
      title: SECRET_TITLE,
      caseNumber: 'RS/999/2025',
      citation: 'Regionstyrelsen 2025-02-11 § 1, dnr RS/999/2025',
    });
  });
});
