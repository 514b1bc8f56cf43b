/**
 * Benchmark: write throughput, paragraph creations per second with 20 concurrent clients.
 *
 *   npm run bench:writes [-- --seconds 10]
 *
 * Runs on the test harness (test/global-setup.ts, test/test-app.ts): a fresh database on the
 * server of DATABASE_URL when set, else a throw-away embedded PostgreSQL, the application role
 * of production (least privilege, audit chain) and no rate limit. Then 20 clients each
 * create paragraphs through POST /api/meetings/:id/paragraphs for the given time (1–120 s):
 * first each client in a meeting of its own body (paragraph numbering per body, so clients only
 * share what every write shares, e.g. the audit chain), then all clients in one meeting
 * (serialised by the meeting lock and the body's number counter). Asserts nothing about time.
 */
import 'reflect-metadata';
import { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import globalSetup from '../test/global-setup';
import globalTeardown from '../test/global-teardown';
import { createTestApp, TestApp } from '../test/test-app';

const CLIENTS = 20;

async function send<T>(base: string, token: string, path: string, body: unknown): Promise<T> {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status !== 201) throw new Error(`POST ${path}: ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

/** CLIENTS loops creating paragraphs until the deadline; returns creations per second. */
async function run(
  base: string,
  token: string,
  meetingIds: string[],
  seconds: number,
): Promise<{ created: number; perSecond: number }> {
  let created = 0;
  const start = performance.now();
  const deadline = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      const meetingId = meetingIds[client % meetingIds.length];
      while (performance.now() < deadline) {
        await send(base, token, `/api/meetings/${meetingId}/paragraphs`, {
          title: `Ärende ${client}-${created}: ansökan om statsbidrag`,
          caseNumber: `RS/${1000 + created}/2024`,
          description:
            'Regionen ansöker om statsbidrag för effektivisering av hälso- och sjukvården.',
          basisDocuments: ['Tjänsteskrivelse daterad 2024-09-20'],
        });
        created++;
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  return { created, perSecond: created / elapsed };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { seconds: { type: 'string', default: '10' } } });
  const seconds = Math.min(120, Math.max(1, Number(values.seconds) || 10));
  await globalSetup();
  let t: TestApp | null = null;
  try {
    t = await createTestApp();
    await t.app.listen(0, '127.0.0.1');
    const base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    const adminToken = await t.tokenFor('admin');
    const org = await send<{ id: string }>(base, adminToken, '/api/organisations', {
      name: 'Region Jämtland Härjedalen',
      kind: 'region',
      organisationNumber: '232100-0214',
    });
    const token = await t.tokenFor('registrar', { organisationId: org.id });
    const meetingIds: string[] = [];
    for (let i = 0; i < CLIENTS; i++) {
      const body = await send<{ id: string }>(base, token, `/api/organisations/${org.id}/bodies`, {
        name: `Nämnd ${i + 1}`,
        shortName: `N${i + 1}`,
        kind: 'board',
      });
      const meeting = await send<{ id: string }>(base, token, `/api/bodies/${body.id}/meetings`, {
        meetingDate: '2024-10-08',
      });
      meetingIds.push(meeting.id);
    }
    await run(base, token, meetingIds, 1); // warm-up (JIT, connection pool), not reported

    const own = await run(base, token, meetingIds, seconds);
    console.log(`paragraph creations/s (20 clients): ${own.perSecond.toFixed(1)}`);
    console.log(
      `  (${own.created} paragraphs in ${seconds} s, each client in a meeting of its own body)`,
    );
    const shared = await run(base, token, meetingIds.slice(0, 1), seconds);
    console.log(
      `paragraph creations/s (20 clients, one meeting): ${shared.perSecond.toFixed(1)} (${shared.created} paragraphs)`,
    );
  } finally {
    await t?.close();
    await globalTeardown();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
