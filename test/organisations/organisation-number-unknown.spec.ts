import { spawnSync } from 'node:child_process';
import { createTestApp, TestApp } from '../test-app';
import { nextOrganisationNumber } from '../factories';
import {
  adjustMinutes,
  createExtractsWorld,
  decidedParagraph,
  heldMeeting,
  ok,
} from '../extracts/extracts-helpers';

/**
 * Many documents print no organisationsnummer; the register never invents one. Unknown is
 * stored as NULL, returned as null and printed as unknown.
 */
describe('organisationsnummer not known', () => {
  let t: TestApp;
  let admin: string;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.tokenFor('admin');
  });
  afterAll(() => t.close());

  it('creates an organisation without a number: 201, null in JSON and NULL in the database', async () => {
    const res = await t.http
      .post('/api/organisations')
      .set(auth(admin))
      .send({ name: 'Räddningstjänsten Östra Götaland', kind: 'municipal_association' })
      .expect(201);
    expect(res.body.organisationNumber).toBeNull();
    const fetched = await t.http.get(`/api/organisations/${res.body.id}`).expect(200);
    expect(fetched.body).toMatchObject({
      name: 'Räddningstjänsten Östra Götaland',
      organisationNumber: null,
    });
    const [row]: { organisation_number: string | null }[] = await t.dataSource.query(
      'SELECT organisation_number FROM organisation WHERE id = $1',
      [res.body.id],
    );
    expect(row.organisation_number).toBeNull();
  });

  it('allows two organisations without a number, but a known number stays unique', async () => {
    const a = await t.http
      .post('/api/organisations')
      .set(auth(admin))
      .send({ name: 'Förbund A', kind: 'municipal_association' })
      .expect(201);
    const b = await t.http
      .post('/api/organisations')
      .set(auth(admin))
      .send({ name: 'Förbund B', kind: 'municipal_association' })
      .expect(201);
    expect(a.body.id).not.toBe(b.body.id);
    expect([a.body.organisationNumber, b.body.organisationNumber]).toEqual([null, null]);

    const number = nextOrganisationNumber();
    await t.http
      .post('/api/organisations')
      .set(auth(admin))
      .send({ name: 'Med nummer', kind: 'region', organisationNumber: number })
      .expect(201);
    const dup = await t.http
      .post('/api/organisations')
      .set(auth(admin))
      .send({ name: 'Samma nummer', kind: 'region', organisationNumber: number })
      .expect(409);
    expect(JSON.stringify(dup.body)).toContain('organisationNumber');
  });

  it('still refuses a bad number with 400 naming the field', async () => {
    for (const organisationNumber of ['232100-0215', '', 'okänt', 2321000214]) {
      const res = await t.http
        .post('/api/organisations')
        .set(auth(admin))
        .send({ name: 'Fel', kind: 'region', organisationNumber })
        .expect(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'organisationNumber' })]);
    }
  });

  it('a number learned later can be added (Luhn-checked), and is then unique', async () => {
    const created = await t.http
      .post('/api/organisations')
      .set(auth(admin))
      .send({ name: 'Senare känt', kind: 'municipality' })
      .expect(201);
    const number = nextOrganisationNumber();
    const added = await t.http
      .patch(`/api/organisations/${created.body.id}`)
      .set(auth(admin))
      .send({ organisationNumber: number })
      .expect(200);
    expect(added.body.organisationNumber).toBe(number);
    await t.http
      .patch(`/api/organisations/${created.body.id}`)
      .set(auth(admin))
      .send({ organisationNumber: '232100-0215' })
      .expect(400);
  });

  it('prints "Organisationsnummer okänt" on a certified extract, never a made-up number', async () => {
    const w = await createExtractsWorld(t, {
      name: 'Kommunalförbundet utan nummer',
      kind: 'municipal_association',
      organisationNumber: null,
    });
    const meeting = await heldMeeting(t, w, w.rs, '2025-04-08');
    const para = await decidedParagraph(t, w, meeting.id, { title: 'Budget 2026' }, [
      'att fastställa budgeten',
    ]);
    await adjustMinutes(t, w, meeting.id, '2025-04-10T09:30:00Z');
    const extract = await ok<{ htmlUrl: string }>(
      t.http
        .post('/api/extracts')
        .set(w.auth)
        .send({ paragraphIds: [para.id], certifierName: 'Åsa Öberg', issuedOn: '2025-04-11' }),
    );
    const html = (await t.http.get(extract.htmlUrl).expect(200)).text;
    expect(html).toContain('Kommunalförbundet utan nummer · Organisationsnummer okänt</p>');
    expect(html).not.toMatch(/\d{6}-\d{4}/);
  });

  it('the CLI organisation:create without --number stores the number as unknown', async () => {
    const cli = (...args: string[]) =>
      spawnSync(
        process.execPath,
        [require.resolve('ts-node/dist/bin.js'), '--transpile-only', 'src/cli.ts', ...args],
        {
          cwd: `${__dirname}/../..`,
          env: { ...process.env, DATABASE_URL: t.databaseUrl, RUN_MIGRATIONS: 'false' },
          encoding: 'utf8',
          timeout: 60_000,
        },
      );
    const created = cli(
      'organisation:create',
      '--name',
      'Regionförbundet utan nummer',
      '--kind',
      'regional_association',
    );
    expect(created.status).toBe(0);
    const id = /Organisation created: ([0-9a-f-]{36})/.exec(created.stdout)?.[1];
    const [row]: { organisation_number: string | null }[] = await t.dataSource.query(
      'SELECT organisation_number FROM organisation WHERE id = $1',
      [id],
    );
    expect(row).toEqual({ organisation_number: null });
    const bad = cli('organisation:create', '--name', 'Fel', '--kind', 'region', '--number', '1');
    expect(bad.status).toBe(2);
  }, 120_000);
});
