import { createPerson, createRegistry, Registry } from '../factories';
import { createTestApp, TestApp } from '../test-app';
import { countRows, createExtractsWorld, ExtractsWorld, ok } from './extracts-helpers';

interface Recipient {
  id: string;
  kind: string;
  name: string;
  personId: string | null;
  bodyId: string | null;
  email: string | null;
  active: boolean;
}

describe('extracts: the recipient directory', () => {
  let t: TestApp;
  let w: ExtractsWorld;
  let other: Registry;
  beforeAll(async () => {
    t = await createTestApp();
    w = await createExtractsWorld(t);
    other = await createRegistry(t);
  });
  afterAll(() => t.close());

  const post = (body: object, token?: string, organisationId?: string) =>
    t.http
      .post(`/api/organisations/${organisationId ?? w.organisationId}/recipients`)
      .set('Authorization', `Bearer ${token ?? w.registrarToken}`)
      .send(body);

  it('holds people, officer roles, bodies and external organisations, with optional e-mail', async () => {
    const sara = await createPerson(t, w.registrarToken, w.organisationId, {
      name: 'Sara Lewerentz',
      title: 'Regiondirektör',
    });
    const person = await ok<Recipient>(
      post({ kind: 'person', personId: sara.id, email: 'sara.lewerentz@regionjh.se' }),
    );
    expect(person).toMatchObject({
      kind: 'person',
      name: 'Sara Lewerentz, Regiondirektör',
      personId: sara.id,
      bodyId: null,
      email: 'sara.lewerentz@regionjh.se',
      active: true,
    });
    const role = await ok<Recipient>(post({ kind: 'officer_role', name: 'Ekonomidirektör' }));
    expect(role).toMatchObject({ kind: 'officer_role', name: 'Ekonomidirektör', email: null });
    const body = await ok<Recipient>(post({ kind: 'body', bodyId: w.rs.id }));
    expect(body).toMatchObject({ kind: 'body', name: 'Regionstyrelsen', bodyId: w.rs.id });
    const external = await ok<Recipient>(
      post({
        kind: 'external_organisation',
        name: 'Kammarkollegiet, Delegationen för en effektiv hälso- och sjukvård',
        email: 'registrator@kammarkollegiet.se',
      }),
    );
    expect(external.kind).toBe('external_organisation');

    const list = await ok<{ items: Recipient[]; nextCursor: string | null }>(
      t.http.get(`/api/organisations/${w.organisationId}/recipients`).set(w.auth),
      200,
    );
    expect(list.items.map((r) => r.name)).toEqual([
      'Ekonomidirektör',
      'Kammarkollegiet, Delegationen för en effektiv hälso- och sjukvård',
      'Regionstyrelsen',
      'Sara Lewerentz, Regiondirektör',
    ]);
    const roles = await ok<{ items: Recipient[] }>(
      t.http.get(`/api/organisations/${w.organisationId}/recipients?kind=officer_role`).set(w.auth),
      200,
    );
    expect(roles.items.map((r) => r.id)).toEqual([role.id]);
  });

  it('refuses inconsistent kinds, duplicates and people or bodies of another organisation', async () => {
    const before = await countRows(t, 'recipient');
    const noName = await post({ kind: 'officer_role' }).expect(422);
    expect(noName.body.field).toBe('name');
    await post({ kind: 'person' }).expect(422);
    await post({
      kind: 'officer_role',
      name: 'Regiondirektör',
      personId: w.rs.members[0].id,
    }).expect(422);
    const stranger = await createPerson(t, other.registrarToken, other.organisationId, {
      name: 'Främling',
    });
    const foreign = await post({ kind: 'person', personId: stranger.id }).expect(422);
    expect(foreign.body.field).toBe('personId');
    await post({ kind: 'officer_role', name: 'Hälso- och sjukvårdsdirektör' }).expect(201);
    const duplicate = await post({ kind: 'officer_role', name: 'hälso- och sjukvårdsdirektör' });
    expect(duplicate.status).toBe(409);
    const badEmail = await post({
      kind: 'officer_role',
      name: 'Kanslichef',
      email: 'inte-en-adress',
    });
    expect(badEmail.status).toBe(400);
    expect(JSON.stringify(badEmail.body)).toContain('email');
    expect(await countRows(t, 'recipient')).toBe(before + 1);
  });

  it('renames and retires; retired recipients leave the default list; the audit trail records it', async () => {
    const r = await ok<Recipient>(post({ kind: 'officer_role', name: 'Personaldirektör' }));
    const renamed = await ok<Recipient>(
      t.http
        .patch(`/api/recipients/${r.id}`)
        .set(w.auth)
        .send({ name: 'HR-direktör', email: 'hr@regionjh.se', active: false }),
      200,
    );
    expect(renamed).toMatchObject({ name: 'HR-direktör', email: 'hr@regionjh.se', active: false });
    const active = await ok<{ items: Recipient[] }>(
      t.http.get(`/api/organisations/${w.organisationId}/recipients?limit=200`).set(w.auth),
      200,
    );
    expect(active.items.some((x) => x.id === r.id)).toBe(false);
    const all = await ok<{ items: Recipient[] }>(
      t.http
        .get(`/api/organisations/${w.organisationId}/recipients?includeInactive=true&q=HR`)
        .set(w.auth),
      200,
    );
    expect(all.items.map((x) => x.id)).toEqual([r.id]);
    const audit: { action: string }[] = await t.dataSource.query(
      `SELECT action FROM audit_event WHERE entity = 'recipient' AND entity_id = $1 ORDER BY id`,
      [r.id],
    );
    expect(audit.map((a) => a.action)).toEqual(['insert', 'update']);
  });

  it('is internal to the organisation: anonymous 401, a registrar of another organisation 403', async () => {
    const before = await countRows(t, 'recipient');
    await t.http.get(`/api/organisations/${w.organisationId}/recipients`).expect(401);
    await t.http
      .get(`/api/organisations/${w.organisationId}/recipients`)
      .set('Authorization', `Bearer ${other.registrarToken}`)
      .expect(403);
    await post({ kind: 'officer_role', name: 'Ekonomichef' }, other.registrarToken).expect(403);
    const r = await ok<Recipient>(post({ kind: 'officer_role', name: 'Kommunikationsdirektör' }));
    await t.http
      .patch(`/api/recipients/${r.id}`)
      .set('Authorization', `Bearer ${other.registrarToken}`)
      .send({ name: 'Kapad' })
      .expect(403);
    await t.http
      .get(`/api/recipients/${r.id}`)
      .set('Authorization', `Bearer ${other.registrarToken}`)
      .expect(403);
    const still = await ok<Recipient>(t.http.get(`/api/recipients/${r.id}`).set(w.auth), 200);
    expect(still.name).toBe('Kommunikationsdirektör');
    expect(await countRows(t, 'recipient')).toBe(before + 1);
    await t.http
      .get('/api/recipients/00000000-0000-4000-8000-000000000000')
      .set(w.auth)
      .expect(404);
  });
});
