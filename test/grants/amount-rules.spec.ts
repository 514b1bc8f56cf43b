import { createRegistry, Registry } from '../factories';
import { createTestApp, TestApp } from '../test-app';
import { createBodyWithMembers, minuteParagraph } from '../decisions/decision-helpers';
import { createApplication, GRANTOR, kronor, LEGAL_BASIS } from './grant-helpers';

describe('grant amounts: requested within cost, disbursements not before the decision', () => {
  let t: TestApp;
  let reg: Registry;
  let clauseId: string;
  const auth = () => ({ Authorization: `Bearer ${reg.registrarToken}` });
  const counts = async () =>
    (
      await t.dataSource.query(
        `SELECT (SELECT count(*) FROM grant_application)::int AS applications,
                (SELECT count(*) FROM grant_measure)::int AS measures,
                (SELECT count(*) FROM grant_decision)::int AS decisions`,
      )
    )[0];

  beforeAll(async () => {
    t = await createTestApp();
    reg = await createRegistry(t);
    const hsn = await createBodyWithMembers(t, reg.registrarToken, reg.organisationId, {
      name: 'Hälso- och sjukvårdsnämnden',
      shortName: 'HSN',
      kind: 'committee',
    });
    const decision = await minuteParagraph(t, reg.registrarToken, hsn, {
      meetingDate: '2025-05-27',
      title: 'Ansökan om statsbidrag',
      clauses: ['ansöka om statsbidrag från Effektivitetsdelegationen'],
      adjust: 'minutes',
      adjustedAt: '2025-05-30T10:00:00Z',
    });
    clauseId = decision.clauses[0].id;
  });
  afterAll(() => t.close());

  it('refuses a measure requesting more than it is estimated to cost (422), changing nothing', async () => {
    const before = await counts();
    const res = await t.http
      .post('/api/grant-applications')
      .set(auth())
      .send({
        grantor: GRANTOR,
        legalBasis: LEGAL_BASIS,
        title: 'Ansökan',
        applicants: [{ organisationId: reg.organisationId }],
        measures: [
          { title: 'Rimlig', estimatedCostOre: kronor(100), requestedAmountOre: kronor(100) },
          { title: 'Taligenkänning', estimatedCostOre: kronor(100), requestedAmountOre: 10_001 },
        ],
      })
      .expect(422);
    expect(res.body.field).toBe('measures[1].requestedAmountOre');
    expect(res.body.detail).toContain('"Taligenkänning": the requested 100,01 kr');
    expect(await counts()).toEqual(before);

    const app = await createApplication(t, reg.registrarToken, {
      title: 'Ansökan',
      applicants: [{ organisationId: reg.organisationId }],
    });
    await t.http
      .put(`/api/grant-applications/${app.id}/measures`)
      .set(auth())
      .send({ measures: [{ title: 'X', estimatedCostOre: 1, requestedAmountOre: 2 }] })
      .expect(422);
    await expect(
      t.dataSource.query(
        `INSERT INTO grant_measure (application_id, position, title, estimated_cost_ore, requested_amount_ore)
         VALUES ($1, 1, 'X', 1, 2)`,
        [app.id],
      ),
    ).rejects.toThrow(/grant_measure_requested_within_cost/);
  });

  it('refuses a disbursement for a year before the grant decision (422)', async () => {
    const app = await createApplication(t, reg.registrarToken, {
      title: 'Ansökan om bidrag',
      applicants: [
        {
          organisationId: reg.organisationId,
          signatoryName: 'Sara Lewerentz',
          authorisingClauseId: clauseId,
        },
      ],
      measures: [
        { title: 'Åtgärd', estimatedCostOre: kronor(300), requestedAmountOre: kronor(300) },
      ],
    });
    await t.http
      .post(`/api/grant-applications/${app.id}/submit`)
      .set(auth())
      .send({ submittedOn: '2025-06-13' })
      .expect(200);
    const measureId = (app.measures as { id: string }[])[0].id;
    const decision = (years: number[]) => ({
      decidedOn: '2025-11-11',
      decidedBy: 'Effektivitetsdelegationen',
      measures: [{ measureId, grantedOre: kronor(300), rejectedOre: 0 }],
      disbursements: years.map((year) => ({ year, amountOre: kronor(100) })),
      appealable: false,
    });
    const before = await counts();
    const res = await t.http
      .post(`/api/grant-applications/${app.id}/decision`)
      .set(auth())
      .send(decision([2024, 2025, 2026]))
      .expect(422);
    expect(res.body.field).toBe('disbursements[0].year');
    expect(await counts()).toEqual(before);
    await t.http
      .post(`/api/grant-applications/${app.id}/decision`)
      .set(auth())
      .send(decision([2025, 2026, 2027]))
      .expect(201);
  });
});
