import { createHash, createPublicKey, verify } from 'node:crypto';
import { Client } from 'pg';
import { createOrganisation } from '../factories';
import { createTestApp, TestApp } from '../test-app';
import {
  createBodyWithMembers,
  minuteParagraph,
  MinutedParagraph,
} from '../decisions/decision-helpers';
import { createApplication } from '../grants/grant-helpers';

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

describe('signing: citation certificates are signed as rendered and can be checked by a grant body', () => {
  let t: TestApp;
  let registrar: string;
  let organisationId: string;
  let decision: MinutedParagraph;
  let applicationId: string;

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await t.tokenFor('admin');
    organisationId = (await createOrganisation(t, admin, { name: 'Region Halland' })).id;
    registrar = await t.tokenFor('registrar', { organisationId });
    const rs = await createBodyWithMembers(t, registrar, organisationId, {
      name: 'Regionstyrelsen',
      shortName: 'RS',
      kind: 'board',
    });
    decision = await minuteParagraph(t, registrar, rs, {
      meetingDate: '2024-11-12',
      title: 'Regiongemensam ansökan om statsbidrag',
      caseNumber: 'RS/1234/2024',
      clauses: ['Region Halland deltar i den regiongemensamma ansökan.'],
      adjust: 'minutes',
      adjustedAt: '2024-11-14T10:00:00Z',
      notDispatched: true,
    });
    applicationId = (
      await createApplication(t, registrar, {
        title: 'Effektiv hälso- och sjukvård',
        applicants: [
          {
            organisationId,
            signatoryName: 'Sara Lewerentz',
            authorisingClauseId: decision.clauses[0].id,
          },
        ],
      })
    ).id;
  });
  afterAll(() => t.close());

  const citation = () =>
    t.http
      .get(`/api/grant-applications/${applicationId}/citation.html`)
      .set('Authorization', `Bearer ${registrar}`)
      .expect(200);
  const check = (query: Record<string, string>) => t.http.get('/api/citations/verify').query(query);

  it('serves the signature of the bytes served; the verify endpoint and the public key agree', async () => {
    const res = await citation();
    const hash = sha256(res.text);
    const keyId = res.headers['x-signing-key-id'];
    const signature = res.headers['x-signature'];
    expect(res.headers['x-content-sha256']).toBe(hash);
    expect(keyId).toMatch(/^[0-9a-f]{16}$/);
    expect(signature).toMatch(/^[A-Za-z0-9+/]{86}==$/);
    expect(res.text).toContain(`Elektroniskt signerat med nyckel ${keyId} (Ed25519).`);

    // A grant body (anonymous) checks what it received.
    const ok = await check({ sha256: hash, keyId, signature }).expect(200);
    expect(ok.body).toMatchObject({ authentic: true, keyId, algorithm: 'Ed25519' });
    expect(ok.body.statement).toBe(
      `decision-register citation-certificate v1\ncontent-sha256: ${hash}\n`,
    );
    // Offline, with the served public key.
    const keys = (await t.http.get('/api/signing-keys').expect(200)).body.items as {
      keyId: string;
      publicKey: string;
    }[];
    const key = keys.find((k) => k.keyId === keyId)!;
    expect(
      verify(
        null,
        Buffer.from(ok.body.statement, 'utf8'),
        createPublicKey(key.publicKey),
        Buffer.from(signature, 'base64'),
      ),
    ).toBe(true);

    // One changed byte of the certificate: not authentic.
    const altered = res.text.replace('Region Halland deltar', 'Region Halland deltar inte');
    expect(altered).not.toBe(res.text);
    const bad = await check({ sha256: sha256(altered), keyId, signature }).expect(200);
    expect(bad.body.authentic).toBe(false);
    expect(bad.body.reason).toContain('signature does not match');

    const unknown = await check({ sha256: hash, keyId: '0123456789abcdef', signature }).expect(200);
    expect(unknown.body).toMatchObject({ authentic: false });
    expect(unknown.body.reason).toContain('not a signing key');

    // base64url (or an unencoded "+" that arrived as a space) is read as the same signature.
    const urlSafe = signature.replace(/\+/g, '-').replace(/\//g, '_');
    await check({ sha256: hash, keyId, signature: urlSafe })
      .expect(200)
      .expect((r) => expect(r.body.authentic).toBe(true));

    await check({ sha256: hash, keyId, signature: 'abc' }).expect(400);
    await check({ sha256: 'xyz', keyId, signature }).expect(400);
  });

  it('never cites a certified extract whose signature does not verify', async () => {
    const auth = { Authorization: `Bearer ${registrar}` };
    const issued = await t.http
      .post('/api/extracts')
      .set(auth)
      .send({ paragraphIds: [decision.paragraphId], certifierName: 'Anna Registrator' })
      .expect(201);
    const cited = (await citation()).text;
    expect(cited).toContain(`<span class="hash">${issued.body.contentHash}</span>`);

    const owner = new Client({ connectionString: t.ownerDatabaseUrl });
    await owner.connect();
    try {
      await owner.query('BEGIN');
      await owner.query('ALTER TABLE certified_extract DISABLE TRIGGER USER');
      await owner.query(
        `UPDATE certified_extract SET issued_at = issued_at - interval '1 day' WHERE id = $1`,
        [issued.body.id],
      );
      await owner.query('ALTER TABLE certified_extract ENABLE TRIGGER USER');
      await owner.query('COMMIT');
    } finally {
      await owner.end();
    }
    const after = (await citation()).text;
    expect(after).not.toContain(issued.body.contentHash);
    expect(after).toContain('Inget bestyrkt protokollsutdrag är registrerat.');
  });
});
