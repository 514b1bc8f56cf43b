import { createRegistry, Registry } from '../factories';
import { createTestApp, TestApp } from '../test-app';
import { createBodyWithMembers, minuteParagraph } from '../decisions/decision-helpers';
import { createApplication, kronor } from './grant-helpers';

/**
 * Seed 004: Effektivitetsdelegationen's decision on Region Jämtland Härjedalen's application
 * of 13 June 2025 — partly granted.
 */
const MEASURES = [
  { title: 'Implementering av digitalt verktyg för patientdelaktighet', requested: 2_800_000 },
  { title: 'Implementering av AI-baserad taligenkänning', requested: 6_308_000 },
  { title: 'Förändrat vårdsystem', requested: 121_636_000 },
  { title: 'Inköp av utrustning för att kunna arbeta mobilt och digitalt', requested: 5_368_000 },
];

describe('grant decision (seed 004): partly granted, disbursed and reported', () => {
  let t: TestApp;
  let reg: Registry;
  let appId: string;
  let measureIds: string[];
  const auth = () => ({ Authorization: `Bearer ${reg.registrarToken}` });

  beforeAll(async () => {
    t = await createTestApp();
    reg = await createRegistry(t); // Region Jämtland Härjedalen
    const hsn = await createBodyWithMembers(t, reg.registrarToken, reg.organisationId, {
      name: 'Hälso- och sjukvårdsnämnden',
      shortName: 'HSN',
      kind: 'committee',
    });
    const decision = await minuteParagraph(t, reg.registrarToken, hsn, {
      meetingDate: '2025-05-27',
      title: 'Ansökan om tillfälligt statsbidrag för en effektiv hälso- och sjukvård',
      caseNumber: 'HSN 2025/118',
      clauses: ['ansöka om statsbidrag från Effektivitetsdelegationen för åtgärder enligt bilaga.'],
      adjust: 'minutes',
      adjustedAt: '2025-05-30T10:00:00Z',
    });
    const app = await createApplication(t, reg.registrarToken, {
      title: 'Ansökan om bidrag för åtgärder för en effektiv hälso- och sjukvård',
      caseNumber: 'RS/771/2025',
      deadline: '2025-06-13',
      applicants: [
        {
          organisationId: reg.organisationId,
          signatoryName: 'Sara Lewerentz',
          signatoryTitle: 'Regiondirektör',
          authorisingClauseId: decision.clauses[0].id,
        },
      ],
      measures: MEASURES.map((x) => ({
        title: x.title,
        estimatedCostOre: kronor(x.requested),
        requestedAmountOre: kronor(x.requested),
      })),
    });
    appId = app.id;
    measureIds = (app.measures as { id: string }[]).map((x) => x.id);
    await t.http
      .post(`/api/grant-applications/${appId}/submit`)
      .set(auth())
      .send({ submittedOn: '2025-06-13' })
      .expect(200);
  });
  afterAll(() => t.close());

  const seed004 = () => ({
    decidedOn: '2025-11-11',
    decidedBy: 'Delegationen för en effektiv hälso- och sjukvård (Effektivitetsdelegationen)',
    measures: [
      { measureId: measureIds[0], grantedOre: kronor(2_800_000), rejectedOre: 0 },
      {
        measureId: measureIds[1],
        grantedOre: kronor(3_154_000),
        rejectedOre: kronor(3_154_000),
        reason:
          'Breddinförande av AI-baserad taligenkänning utan utvärdering bedöms inte vara en fördel.',
      },
      {
        measureId: measureIds[2],
        grantedOre: kronor(52_000_000),
        rejectedOre: kronor(69_636_000),
        reason: 'Effekter ska kunna påvisas vid utgången av år 2027.',
      },
      {
        measureId: measureIds[3],
        grantedOre: 0,
        rejectedOre: kronor(5_368_000),
        reason: 'Åtgärder som enbart avser inköp av utrustning prioriteras inte.',
      },
    ],
    statedTotals: {
      requestedOre: kronor(136_112_000),
      grantedOre: kronor(57_954_000),
      rejectedOre: kronor(78_158_000),
    },
    conditions: [
      {
        text: 'Högst 5 000 000 kr av beviljat belopp får användas för förstudier och utredningar.',
        measureId: measureIds[2],
        maxAmountOre: kronor(5_000_000),
      },
      {
        text: 'Kvantitativa och kvalitativa effekter av genomförandet av åtgärderna ska mätas och redovisas.',
      },
    ],
    disbursements: [
      { year: 2025, amountOre: kronor(19_318_000) },
      { year: 2026, amountOre: kronor(19_318_000) },
      { year: 2027, amountOre: kronor(19_318_000) },
    ],
    reports: [
      { kind: 'interim', dueOn: '2026-11-30' },
      { kind: 'final', dueOn: '2028-02-28' },
    ],
    implementationDeadline: '2027-12-31',
    appealable: false,
    appealNote: 'Beslutet får inte överklagas enligt 21 § förordningen.',
  });

  const record = (body: object) =>
    t.http.post(`/api/grant-applications/${appId}/decision`).set(auth()).send(body);

  const assertNothingRecorded = async () => {
    await t.http.get(`/api/grant-applications/${appId}/decision`).expect(404);
    const app = await t.http.get(`/api/grant-applications/${appId}`).expect(200);
    expect(app.body.status).toBe('submitted');
    const [{ n }] = await t.dataSource.query(
      `SELECT (SELECT count(*) FROM grant_decision_measure) + (SELECT count(*) FROM grant_disbursement)
            + (SELECT count(*) FROM grant_report) + (SELECT count(*) FROM grant_condition) AS n`,
    );
    expect(Number(n)).toBe(0);
  };

  it('refuses amounts that do not add up, naming the measure, and changes nothing', async () => {
    const wrongMeasure = seed004();
    wrongMeasure.measures[1].rejectedOre = kronor(3_000_000);
    const res = await record(wrongMeasure).expect(422);
    expect(res.body.detail).toBe(
      'Measure "Implementering av AI-baserad taligenkänning": granted 3 154 000 kr + rejected 3 000 000 kr = 6 154 000 kr, but 6 308 000 kr was requested',
    );
    expect(res.body).toMatchObject({ field: 'measures[1]', measureId: measureIds[1] });

    const wrongTotal = seed004();
    wrongTotal.statedTotals.grantedOre = kronor(58_000_000);
    const total = await record(wrongTotal).expect(422);
    expect(total.body.detail).toContain('statedTotals.grantedOre');
    expect(total.body.detail).toContain('57 954 000 kr');

    const missing = seed004();
    missing.measures.pop();
    const miss = await record(missing).expect(422);
    expect(miss.body.detail).toContain('Inköp av utrustning');

    const twice = seed004();
    twice.measures[3] = { ...twice.measures[0] };
    await record(twice).expect(422);

    const disbursed = seed004();
    disbursed.disbursements[2].amountOre = kronor(19_317_000);
    const d = await record(disbursed).expect(422);
    expect(d.body.detail).toBe(
      'The disbursements add up to 57 953 000 kr, but 57 954 000 kr is granted',
    );

    const cap = seed004();
    cap.conditions[0].maxAmountOre = kronor(52_000_001);
    await record(cap).expect(422);

    const reports = seed004();
    reports.reports[0].dueOn = '2028-03-01';
    await record(reports).expect(422);

    const badAmount = seed004() as unknown as { measures: { grantedOre: unknown }[] };
    badAmount.measures[0].grantedOre = '2800000';
    const bad = await record(badAmount).expect(400);
    expect(JSON.stringify(bad.body.errors)).toContain('measures[0].grantedOre');
    await record({ ...seed004(), decidedOn: '2025-06-01' }).expect(422); // before submission

    await assertNothingRecorded();
  });

  it('records seed 004: granted 57 954 000, rejected 78 158 000 of 136 112 000', async () => {
    const res = await record(seed004()).expect(201);
    expect(res.body.status).toBe('decided');
    const d = res.body.grantDecision;
    expect(d.totals).toEqual({
      requestedOre: kronor(136_112_000),
      grantedOre: kronor(57_954_000),
      rejectedOre: kronor(78_158_000),
      requested: '136 112 000 kr',
      granted: '57 954 000 kr',
      rejected: '78 158 000 kr',
    });
    expect(
      d.measures.map(
        (x: { title: string; outcome: string; granted: string; requested: string }) => [
          x.title,
          x.outcome,
          x.granted,
          x.requested,
        ],
      ),
    ).toEqual([
      [MEASURES[0].title, 'granted', '2 800 000 kr', '2 800 000 kr'],
      [MEASURES[1].title, 'partly_granted', '3 154 000 kr', '6 308 000 kr'],
      [MEASURES[2].title, 'partly_granted', '52 000 000 kr', '121 636 000 kr'],
      [MEASURES[3].title, 'rejected', '0 kr', '5 368 000 kr'],
    ]);
    expect(
      d.disbursements.map((x: { year: number; amount: string }) => [x.year, x.amount]),
    ).toEqual([
      [2025, '19 318 000 kr'],
      [2026, '19 318 000 kr'],
      [2027, '19 318 000 kr'],
    ]);
    expect(d.disbursedTotalOre).toBe(kronor(57_954_000));
    expect(d.reports.map((r: { kind: string; dueOn: string }) => [r.kind, r.dueOn])).toEqual([
      ['interim', '2026-11-30'],
      ['final', '2028-02-28'],
    ]);
    expect(d).toMatchObject({
      implementationDeadline: '2027-12-31',
      appealable: false,
      decidedOn: '2025-11-11',
    });
    expect(d.conditions[0]).toMatchObject({
      measureTitle: 'Förändrat vårdsystem',
      maxAmount: '5 000 000 kr',
    });

    // Decided once; the entered decision is never edited.
    await record(seed004()).expect(409);
    await expect(
      t.dataSource.query(
        `UPDATE grant_decision SET granted_total_ore = 0, rejected_total_ore = requested_total_ore`,
      ),
    ).rejects.toThrow(/cannot be changed/);
  });

  it('lists upcoming report deadlines across the organisation', async () => {
    const res = await t.http
      .get(`/api/organisations/${reg.organisationId}/grant-report-deadlines`)
      .query({ on: '2026-11-01' })
      .expect(200);
    expect(
      res.body.items.map(
        (r: { kind: string; dueOn: string; daysLeft: number; overdue: boolean }) => [
          r.kind,
          r.dueOn,
          r.daysLeft,
          r.overdue,
        ],
      ),
    ).toEqual([
      ['interim', '2026-11-30', 29, false],
      ['final', '2028-02-28', 484, false],
    ]);
    expect(res.body.items[0].application.id).toBe(appId);
    const until = await t.http
      .get(`/api/organisations/${reg.organisationId}/grant-report-deadlines`)
      .query({ on: '2026-12-05', until: '2027-01-01' })
      .expect(200);
    expect(until.body.items).toHaveLength(1);
    expect(until.body.items[0].overdue).toBe(true);
    await t.http
      .get('/api/organisations/00000000-0000-4000-8000-000000000000/grant-report-deadlines')
      .expect(404);
  });

  it('records payments and reports, then closes the application', async () => {
    const d = (await t.http.get(`/api/grant-applications/${appId}/decision`).expect(200)).body;
    const future = await t.http
      .post(`/api/grant-disbursements/${d.disbursements[0].id}/payment`)
      .set(auth())
      .send({ paidOn: '2099-12-01' })
      .expect(422);
    expect(future.body.field).toBe('paidOn');
    const paid = await t.http
      .post(`/api/grant-disbursements/${d.disbursements[0].id}/payment`)
      .set(auth())
      .send({ paidOn: '2025-12-01' })
      .expect(200);
    expect(paid.body.paidTotalOre).toBe(kronor(19_318_000));
    await t.http
      .post(`/api/grant-disbursements/${d.disbursements[0].id}/payment`)
      .set(auth())
      .send({ paidOn: '2025-12-02' })
      .expect(409);
    await t.http
      .post(`/api/grant-disbursements/${d.disbursements[1].id}/payment`)
      .set(auth())
      .send({ paidOn: '2025-01-01' })
      .expect(422);

    const [interim, final] = d.reports;
    await t.http
      .post(`/api/grant-reports/${interim.id}/submission`)
      .set(auth())
      .send({ submittedOn: '2099-01-01' })
      .expect(422);
    // Reports are submitted on days that have come (this was '2026-11-27', now in the past of
    // the test clock only from that day on).
    await t.http
      .post(`/api/grant-reports/${interim.id}/submission`)
      .set(auth())
      .send({ submittedOn: '2026-11-20' })
      .expect(200);
    expect((await t.http.get(`/api/grant-applications/${appId}`).expect(200)).body.status).toBe(
      'reporting',
    );
    const early = await t.http
      .post(`/api/grant-applications/${appId}/close`)
      .set(auth())
      .expect(409);
    expect(early.body.pendingReports).toEqual([{ kind: 'final', dueOn: '2028-02-28' }]);

    await t.http
      .post(`/api/grant-reports/${final.id}/submission`)
      .set(auth())
      .send({ submittedOn: '2026-11-21' })
      .expect(200);
    const closed = await t.http
      .post(`/api/grant-applications/${appId}/close`)
      .set(auth())
      .expect(200);
    expect(closed.body.status).toBe('closed');
    const deadlines = await t.http
      .get(`/api/organisations/${reg.organisationId}/grant-report-deadlines`)
      .expect(200);
    expect(deadlines.body.items).toEqual([]);
  });

  it('refuses a grant decision on a draft application', async () => {
    const draft = await createApplication(t, reg.registrarToken, {
      title: 'Utkast',
      applicants: [{ organisationId: reg.organisationId }],
      measures: [{ title: 'X', estimatedCostOre: 100, requestedAmountOre: 100 }],
    });
    const res = await t.http
      .post(`/api/grant-applications/${draft.id}/decision`)
      .set(auth())
      .send({
        decidedOn: '2025-11-11',
        decidedBy: 'X',
        measures: [
          {
            measureId: (draft.measures as { id: string }[])[0].id,
            grantedOre: 100,
            rejectedOre: 0,
          },
        ],
        appealable: true,
      })
      .expect(409);
    expect(res.body.allowedNextSteps).toEqual(['submit']);
  });
});
