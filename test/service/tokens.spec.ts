import { parseExpires } from '../../src/users/token-expiry';
import { UsersService } from '../../src/users/users.service';
import { createRegistry, Registry } from '../factories';
import { createTestApp, TestApp } from '../test-app';

describe('token expiry, revocation and rotation', () => {
  let t: TestApp;
  let reg: Registry;
  let users: UsersService;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await createTestApp({ env: { TOKEN_LIFETIME_DAYS: '30' } });
    reg = await createRegistry(t);
    users = t.app.get(UsersService);
  });
  afterAll(() => t.close());

  it('gives a new token TOKEN_LIFETIME_DAYS and refuses it once expired, at once', async () => {
    const { user, token } = await users.createUser({ name: 'Kortlivad', role: 'admin' });
    const days = (user.expiresAt.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);
    await t.http.get('/api/me').set(auth(token)).expect(200);
    await t.dataSource.query(
      `UPDATE app_user SET expires_at = now() - interval '1 second', created_at = now() - interval '2 days' WHERE id = $1`,
      [user.id],
    );
    const res = await t.http.get('/api/me').set(auth(token)).expect(401);
    expect(res.body.detail).toMatch(/expired/);
    const list = await t.http.get('/api/users').set(auth(reg.adminToken)).expect(200);
    expect(list.body.items.find((u: { id: string }) => u.id === user.id).state).toBe('expired');
  });

  it('lists users to admins only, without token hashes', async () => {
    const res = await t.http.get('/api/users?limit=200').set(auth(reg.adminToken)).expect(200);
    expect(res.body.items.length).toBeGreaterThanOrEqual(2);
    for (const u of res.body.items) {
      expect(Object.keys(u).sort()).toEqual(
        [
          'createdAt',
          'expiresAt',
          'id',
          'name',
          'organisationId',
          'personId',
          'revokedAt',
          'role',
          'state',
        ].sort(),
      );
    }
    expect(JSON.stringify(res.body)).not.toMatch(/[0-9a-f]{64}/);
    await t.http.get('/api/users').set(auth(reg.registrarToken)).expect(403);
    await t.http.get('/api/users').expect(401);
  });

  it('revokes a token: 401 from the next request on', async () => {
    const token = await t.tokenFor('registrar', { organisationId: reg.organisationId });
    const me = await t.http.get('/api/me').set(auth(token)).expect(200);
    await t.http
      .post(`/api/users/${me.body.userId}/revoke`)
      .set(auth(reg.registrarToken))
      .expect(403);
    const revoked = await t.http
      .post(`/api/users/${me.body.userId}/revoke`)
      .set(auth(reg.adminToken))
      .expect(200);
    expect(revoked.body).toMatchObject({ id: me.body.userId, state: 'revoked' });
    await t.http.get('/api/me').set(auth(token)).expect(401);
    await t.http
      .post('/api/people')
      .set(auth(token))
      .send({ organisationId: reg.organisationId, name: 'Efter spärr' })
      .expect(401);
    await t.http.post(`/api/users/${me.body.userId}/revoke`).set(auth(reg.adminToken)).expect(409);
    await t.http.post(`/api/users/${me.body.userId}/token`).set(auth(reg.adminToken)).expect(409);
    await t.http
      .post('/api/users/00000000-0000-4000-8000-000000000000/revoke')
      .set(auth(reg.adminToken))
      .expect(404);
  });

  it('rotates a token: the new one works, the old one is refused at once', async () => {
    const old = await t.tokenFor('registrar', { organisationId: reg.organisationId });
    const me = await t.http.get('/api/me').set(auth(old)).expect(200);
    const res = await t.http
      .post(`/api/users/${me.body.userId}/token`)
      .set(auth(reg.adminToken))
      .set('Idempotency-Key', 'rotate-1')
      .expect(200);
    expect(res.body.token).toMatch(/^dr_/);
    expect(res.body.user).toMatchObject({ id: me.body.userId, state: 'active' });
    await t.http.get('/api/me').set(auth(old)).expect(401);
    const again = await t.http.get('/api/me').set(auth(res.body.token)).expect(200);
    expect(again.body.userId).toBe(me.body.userId);
    // The token is never kept for Idempotency-Key replay.
    const stored = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM idempotency_key WHERE response_body LIKE '%dr\\_%'`,
    );
    expect(stored[0].n).toBe(0);
    // The audit trail records the rotation without the hash.
    const audit: { after: Record<string, unknown> }[] = await t.dataSource.query(
      `SELECT after FROM audit_event WHERE entity = 'app_user' AND entity_id = $1 AND action = 'update'`,
      [me.body.userId],
    );
    expect(audit.length).toBe(1);
    expect(audit[0].after).not.toHaveProperty('token_hash');
  });

  it('parses --expires as days or a future date', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    expect(parseExpires('30d', now)?.toISOString()).toBe('2026-01-31T00:00:00.000Z');
    expect(parseExpires('2026-06-30', now)?.toISOString()).toBe('2026-06-30T00:00:00.000Z');
    expect(parseExpires(undefined, now)).toBeUndefined();
    expect(() => parseExpires('2025-01-01', now)).toThrow(/future/);
    expect(() => parseExpires('soon', now)).toThrow(/--expires/);
  });
});
