/**
 * Benchmark: time to render 1,000 certified extracts (protokollsutdrag).
 *
 *   npx ts-node --transpile-only scripts/bench-extracts.ts      (or npm run bench:extracts)
 *
 * Runs on the test harness (test/global-setup.ts, test/test-app.ts): a fresh database on the
 * server of DATABASE_URL when set, else a throw-away embedded PostgreSQL, connected as the
 * application role, with throw-away signing keys and no rate limit. Builds realistic data through the HTTP API
 * (one region, Regionstyrelsen with 11 members, 50 adjusted meetings of 20 paragraphs each,
 * each paragraph with "Ärendet", basis documents, clauses, some reservations and a
 * distribution list), issues one extract per paragraph, then renders all 1,000 extracts:
 * over HTTP (GET /api/extracts/:id/extract.html) and through ExtractsService.renderExtract.
 * Prints figures; asserts nothing about time.
 */
import 'reflect-metadata';
import { AddressInfo } from 'node:net';
import { Actor } from '../src/common/auth/actor';
import { ExtractsService } from '../src/extracts/extracts.service';
import { UsersService } from '../src/users/users.service';
import globalSetup from '../test/global-setup';
import globalTeardown from '../test/global-teardown';
import { createTestApp, TestApp } from '../test/test-app';

const MEETINGS = 50;
const PARAGRAPHS_PER_MEETING = 20;
const MEMBERS = 11;
const EXTRACTS = MEETINGS * PARAGRAPHS_PER_MEETING;

const DESCRIPTION = [
  'Regeringen har inrättat en effektivitetsdelegation för hälso- och sjukvården med uppdrag att fördela 250 miljoner kronor per år i statsbidrag till regionerna för insatser för att höja effektiviteten i hälso- och sjukvården under perioden 2025–2030.',
  'Statsbidraget fördelas utifrån ansökningar där regionerna enskilt eller i samverkan beskriver hur de vill använda medlen och förväntade resultat i form av effektiviseringar inom hälso- och sjukvården och dess administration.',
  'Regionernas olika nätverk (inklusive regiondirektörerna) har identifierat två områden där samarbete mellan samtliga 21 regioner bedöms ge betydande effektivitetsvinster. För dessa områden vill regionerna göra gemensamma ansökningar om statsbidrag.',
  'Behörig företrädare ska intyga att ansökan och de åtgärder som regionen söker bidrag för är politiskt förankrade. Det ska finnas ett protokollfört beslut från en behörig politisk församling om att en bidragsansökan ska göras.',
].join('\n\n');
const CLAUSES = [
  'Region Jämtland Härjedalen ska ingå i ansökan till Effektivitetsdelegationen om medel för två regiongemensamma satsningar för att effektivisera hälso- och sjukvården.',
  'uppdra åt regionkontoret att därjämte och för egen del ansöka om statsbidrag för andra åtgärder att effektivisera hälso- och sjukvården.',
  'paragrafen förklaras omedelbart justerad.',
];
const BASIS = [
  'Tjänsteskrivelse daterad 2024-09-20',
  'Ansökan statsbidrag till regioner för effektivisering av hälso- och sjukvård',
  'Allmän information om Statsbidrag till regioner för effektivisering av hälso- och sjukvård',
];
const RECIPIENTS = [
  'Regiondirektör',
  'Hälso- och sjukvårdsdirektör',
  'Ekonomidirektör',
  'Chef för hälso- och sjukvårdspolitiska avdelningen',
];

class Api {
  constructor(
    private readonly base: string,
    private token: string,
  ) {}

  as(token: string): Api {
    return new Api(this.base, token);
  }

  async send<T>(method: string, path: string, body?: unknown, expected = 201): Promise<T> {
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: { Authorization: `Bearer ${this.token}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status !== expected) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : {}) as T;
  }

  async text(path: string): Promise<string> {
    const res = await fetch(`${this.base}${path}`, {
      headers: { Authorization: `Bearer ${this.token}` },
    });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${text}`);
    return text;
  }
}

async function buildData(
  api: Api,
  users: UsersService,
): Promise<{ extractIds: string[]; issueMs: number }> {
  const org = await api.send<{ id: string }>('POST', '/api/organisations', {
    name: 'Region Jämtland Härjedalen',
    kind: 'region',
    organisationNumber: '232100-0214',
  });
  const { token } = await users.createUser({
    name: 'Anna Registrator',
    role: 'registrar',
    organisationId: org.id,
  });
  const reg = api.as(token);
  const rs = await reg.send<{ id: string }>('POST', `/api/organisations/${org.id}/bodies`, {
    name: 'Regionstyrelsen',
    shortName: 'RS',
    kind: 'board',
    paragraphNumbering: 'continuous',
  });
  const members: string[] = [];
  for (let i = 0; i < MEMBERS; i++) {
    const person = await reg.send<{ id: string }>('POST', '/api/people', {
      organisationId: org.id,
      name: `Ledamot ${i + 1} Östlund`,
      party: ['S', 'M', 'C', 'V', 'KD', 'L', 'SD'][i % 7],
    });
    await reg.send('POST', `/api/bodies/${rs.id}/memberships`, {
      personId: person.id,
      role: i === 0 ? 'chair' : 'member',
      validFrom: '2020-01-01',
    });
    members.push(person.id);
  }
  const recipients: string[] = [];
  for (const name of RECIPIENTS) {
    const r = await reg.send<{ id: string }>('POST', `/api/organisations/${org.id}/recipients`, {
      kind: 'officer_role',
      name,
      email: `${recipients.length}@regionjh.se`,
    });
    recipients.push(r.id);
  }

  const extractIds: string[] = [];
  let issueMs = 0;
  for (let m = 0; m < MEETINGS; m++) {
    const date = new Date(Date.UTC(2021, 0, 5 + m * 7)).toISOString().slice(0, 10);
    const meeting = await reg.send<{ id: string }>('POST', `/api/bodies/${rs.id}/meetings`, {
      meetingDate: date,
      startTime: '09:00',
      endTime: '16:00',
      place: 'Regionens hus, Östersund',
      chairPersonId: members[0],
      adjusterPersonIds: [members[1], members[2]],
    });
    await reg.send(
      'PUT',
      `/api/meetings/${meeting.id}/attendance`,
      { entries: members.map((personId) => ({ personId, role: 'member' })) },
      200,
    );
    await reg.send('POST', `/api/meetings/${meeting.id}/hold`, {}, 200);
    const paragraphIds: string[] = [];
    for (let p = 0; p < PARAGRAPHS_PER_MEETING; p++) {
      const n = m * PARAGRAPHS_PER_MEETING + p;
      const para = await reg.send<{ id: string }>(
        'POST',
        `/api/meetings/${meeting.id}/paragraphs`,
        {
          title: `Ansökan om statsbidrag för effektivisering, delområde ${n + 1}`,
          caseNumber: `RS/${1000 + n}/2021`,
          description: DESCRIPTION,
          basisDocuments: BASIS,
        },
      );
      await reg.send('POST', `/api/paragraphs/${para.id}/decision`, {
        clauses: CLAUSES.slice(0, 2 + (n % 2)),
      });
      if (n % 5 === 0) {
        await reg.send('POST', `/api/paragraphs/${para.id}/reservations`, {
          personId: members[3 + (n % 7)],
          reason: 'Till förmån för eget yrkande om att avslå ansökan.',
        });
      }
      await reg.send(
        'PUT',
        `/api/paragraphs/${para.id}/distribution`,
        n % 10 === 9
          ? { notDispatched: true }
          : {
              notDispatched: false,
              heading: 'utdrag_till',
              entries: recipients.map((recipientId) => ({ recipientId })),
            },
        200,
      );
      paragraphIds.push(para.id);
    }
    const adjustedAt = `${new Date(Date.UTC(2021, 0, 7 + m * 7)).toISOString().slice(0, 10)}T10:00:00Z`;
    for (const personId of [members[0], members[1], members[2]]) {
      await reg.send('POST', `/api/meetings/${meeting.id}/signatures`, {
        personId,
        signedAt: adjustedAt,
      });
    }
    const issueStart = performance.now();
    for (const paragraphId of paragraphIds) {
      const e = await reg.send<{ id: string }>('POST', '/api/extracts', {
        paragraphIds: [paragraphId],
        certifierName: 'Anna Registrator',
        certifierTitle: 'Registrator',
      });
      extractIds.push(e.id);
    }
    issueMs += performance.now() - issueStart;
    process.stdout.write(`\rbuilt meeting ${m + 1}/${MEETINGS}`);
  }
  process.stdout.write('\n');
  return { extractIds, issueMs };
}

async function main(): Promise<void> {
  await globalSetup();
  let t: TestApp | null = null;
  try {
    t = await createTestApp();
    const app = t.app;
    await app.listen(0, '127.0.0.1');
    const port = (app.getHttpServer().address() as AddressInfo).port;
    const users = app.get(UsersService);
    const { user: admin, token } = await users.createUser({ name: 'Bench admin', role: 'admin' });
    const api = new Api(`http://127.0.0.1:${port}`, token);

    const buildStart = performance.now();
    const { extractIds, issueMs } = await buildData(api, users);
    const buildMs = performance.now() - buildStart;
    console.log(
      `data: ${EXTRACTS} adjusted paragraphs in ${MEETINGS} meetings, ${extractIds.length} extracts issued (${(buildMs / 1000).toFixed(1)} s to build)`,
    );

    const extracts = app.get(ExtractsService);
    const actor: Actor = { userId: admin.id, role: 'admin', organisationId: null, personId: null };
    // Warm-up (JIT, connection pool), not measured.
    for (const id of extractIds.slice(0, 20)) await extracts.renderExtract(actor, id);

    let bytes = 0;
    const serviceStart = performance.now();
    for (const id of extractIds) bytes += (await extracts.renderExtract(actor, id)).html.length;
    const serviceMs = performance.now() - serviceStart;

    const httpStart = performance.now();
    for (const id of extractIds) await api.text(`/api/extracts/${id}/extract.html`);
    const httpMs = performance.now() - httpStart;

    const report = (label: string, ms: number) =>
      console.log(
        `${label}: ${extractIds.length} extracts in ${ms.toFixed(0)} ms = ${((extractIds.length * 1000) / ms).toFixed(0)} extracts/s (${(ms / extractIds.length).toFixed(2)} ms each)`,
      );
    report('issue via HTTP POST /api/extracts (paragraph view + render + hash + store)', issueMs);
    report('render via ExtractsService.renderExtract (load + render + SHA-256 check)', serviceMs);
    report('render via HTTP GET /api/extracts/:id/extract.html', httpMs);
    console.log(`average document size: ${Math.round(bytes / extractIds.length)} characters`);
  } finally {
    await t?.close();
    await globalTeardown();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
