import { createHash, createPublicKey, verify } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { ExtractDocument, renderExtractHtml } from '../../src/extracts/extract-document';
import { SigningService } from '../../src/signing/signing.service';
import { createTestApp, TestApp } from '../test-app';
import {
  adjustMinutes,
  createExtractsWorld,
  decidedParagraph,
  ExtractsWorld,
  heldMeeting,
  ok,
} from '../extracts/extracts-helpers';

interface Authenticity {
  authentic: boolean;
  status: string;
  keyId: string | null;
  algorithm: string | null;
  signature: string | null;
  statement: string | null;
  reason: string;
}

interface Extract {
  id: string;
  contentHash: string;
  issuedAt: string;
  htmlUrl: string;
  authenticity: Authenticity;
}

interface SigningKey {
  keyId: string;
  algorithm: string;
  publicKey: string;
  createdAt: string;
  active: boolean;
}

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/** The statement of src/signing/statements.ts, rebuilt here as a recipient would. */
const statementOf = (e: { id: string; contentHash: string; issuedAt: string }) =>
  `decision-register certified-extract v1\nid: ${e.id}\ncontent-sha256: ${e.contentHash}\nissued-at: ${e.issuedAt}\n`;

describe('signing: certified extracts are signed with a key outside the database', () => {
  let t: TestApp;
  let w: ExtractsWorld;
  let keysDir: string;
  let paragraphId: string;

  beforeAll(async () => {
    t = await createTestApp();
    keysDir = process.env.SIGNING_KEYS_DIR!;
    w = await createExtractsWorld(t);
    const meeting = await heldMeeting(t, w, w.rs, '2025-03-04');
    const para = await decidedParagraph(t, w, meeting.id, { title: 'Budget 2026' }, [
      'Budgeten fastställs.',
    ]);
    paragraphId = para.id;
    await ok(
      t.http
        .put(`/api/paragraphs/${para.id}/distribution`)
        .set(w.auth)
        .send({ notDispatched: true }),
      200,
    );
    await adjustMinutes(t, w, meeting.id, '2025-03-06T10:00:00Z');
  });
  afterAll(() => t.close());

  const issue = () =>
    ok<Extract>(
      t.http
        .post('/api/extracts')
        .set(w.auth)
        .send({ paragraphIds: [paragraphId], certifierName: 'Anna Registrator' }),
    );
  const keys = async () =>
    (await t.http.get('/api/signing-keys').expect(200)).body.items as SigningKey[];

  /** As the owner role: switch the append-only triggers off, run `sql`, switch them on. */
  async function asOwnerWithoutTriggers(sql: string, params: unknown[]): Promise<void> {
    const owner = new Client({ connectionString: t.ownerDatabaseUrl });
    await owner.connect();
    try {
      await owner.query('BEGIN');
      await owner.query('ALTER TABLE certified_extract DISABLE TRIGGER USER');
      await owner.query(sql, params);
      await owner.query('ALTER TABLE certified_extract ENABLE TRIGGER USER');
      await owner.query('COMMIT');
    } finally {
      await owner.end();
    }
  }

  it('makes a first key at start-up in the key folder (0700, files 0600) and serves its public key', async () => {
    const served = await keys();
    expect(served).toHaveLength(1);
    const [key] = served;
    expect(key).toMatchObject({ algorithm: 'Ed25519', active: true });
    expect(key.publicKey).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    const der = createPublicKey(key.publicKey).export({ type: 'spki', format: 'der' });
    expect(key.keyId).toBe(createHash('sha256').update(der).digest('hex').slice(0, 16));
    expect(Number.isNaN(Date.parse(key.createdAt))).toBe(false);

    expect(statSync(keysDir).mode & 0o777).toBe(0o700);
    const files = readdirSync(keysDir).sort();
    expect(files).toEqual([`${key.keyId}.private.pem`, `${key.keyId}.public.pem`]);
    for (const f of files) expect(statSync(join(keysDir, f)).mode & 0o777).toBe(0o600);
    // Nothing of the key is in the database.
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM certified_extract WHERE content::text LIKE '%BEGIN%'`,
    );
    expect(n).toBe(0);
  });

  it('signs an extract at issue; the API, headers, page and an offline check agree it is authentic', async () => {
    const [key] = await keys();
    const extract = await issue();
    expect(extract.authenticity).toMatchObject({
      authentic: true,
      status: 'authentic',
      keyId: key.keyId,
      algorithm: 'Ed25519',
    });
    expect(extract.authenticity.statement).toBe(statementOf(extract));
    // Anyone can check it with the served public key alone.
    expect(
      verify(
        null,
        Buffer.from(statementOf(extract), 'utf8'),
        createPublicKey(key.publicKey),
        Buffer.from(extract.authenticity.signature!, 'base64'),
      ),
    ).toBe(true);
    const [stored] = await t.dataSource.query(
      `SELECT signature, signing_key_id FROM certified_extract WHERE id = $1`,
      [extract.id],
    );
    expect(stored).toEqual({
      signature: extract.authenticity.signature,
      signing_key_id: key.keyId,
    });

    const got = await t.http.get(`/api/extracts/${extract.id}`).expect(200);
    expect(got.body.authenticity.authentic).toBe(true);
    expect(got.headers['x-signature']).toBe(extract.authenticity.signature);
    expect(got.headers['x-signing-key-id']).toBe(key.keyId);
    expect(got.headers['x-signature-status']).toBe('authentic');

    const page = await t.http.get(extract.htmlUrl).expect(200);
    expect(sha256(page.text)).toBe(extract.contentHash);
    expect(page.headers['x-content-sha256']).toBe(extract.contentHash);
    expect(page.headers['x-signature']).toBe(extract.authenticity.signature);
    expect(page.text).toContain(
      `Elektroniskt signerat med nyckel ${key.keyId} (Ed25519). Signaturen kan kontrolleras mot registrets publika nycklar.`,
    );
    expect(page.text).not.toContain('INTE äkta');

    const byHash = await t.http.get(`/api/extracts/by-hash/${extract.contentHash}`).expect(200);
    expect(byHash.body.items).toHaveLength(1);
    expect(byHash.body.items[0].authenticity).toMatchObject({ authentic: true, keyId: key.keyId });
    expect(byHash.headers['x-signing-key-id']).toBe(key.keyId);
  });

  it('a forged content with a matching forged hash, written as the owner, is reported as NOT authentic', async () => {
    const extract = await issue();
    const [row]: { content: ExtractDocument }[] = await t.dataSource.query(
      `SELECT content FROM certified_extract WHERE id = $1`,
      [extract.id],
    );
    const forged = structuredClone(row.content);
    forged.paragraphs[0].clauses[0].text = 'Budgeten fastställs inte; i stället köps en båt.';
    const forgedHash = sha256(renderExtractHtml(forged));
    await asOwnerWithoutTriggers(
      `UPDATE certified_extract SET content = $2, content_hash = $3 WHERE id = $1`,
      [extract.id, JSON.stringify(forged), forgedHash],
    );
    // The forgery is consistent: the stored hash is that of the forged rendering.
    const [after] = await t.dataSource.query(
      `SELECT content_hash FROM certified_extract WHERE id = $1`,
      [extract.id],
    );
    expect(after.content_hash).toBe(forgedHash);

    const got = await t.http.get(`/api/extracts/${extract.id}`).expect(200);
    expect(got.body.authenticity).toMatchObject({ authentic: false, status: 'invalid' });
    expect(got.body.authenticity.reason).toContain('signature does not match');
    expect(got.headers['x-signature-status']).toBe('invalid');

    const byHash = await t.http.get(`/api/extracts/by-hash/${forgedHash}`).expect(200);
    expect(byHash.body.items).toHaveLength(1);
    expect(byHash.body.items[0].authenticity.authentic).toBe(false);
    expect(byHash.headers['x-signature-status']).toBe('invalid');

    const page = await t.http.get(extract.htmlUrl).expect(200);
    expect(page.text).toContain('OBS! Denna kopia är INTE äkta.');
    expect(page.text.indexOf('INTE äkta')).toBeLessThan(page.text.indexOf('Protokollsutdrag</h1>'));
    // The warned page is no extract's document: its hash finds nothing.
    expect(sha256(page.text)).not.toBe(forgedHash);
    expect(page.headers['x-content-sha256']).toBe(sha256(page.text));
    const lookup = await t.http.get(`/api/extracts/by-hash/${sha256(page.text)}`).expect(200);
    expect(lookup.body.items).toEqual([]);
  });

  it('removing the signature as well is reported as unsigned, never as authentic', async () => {
    const extract = await issue();
    await asOwnerWithoutTriggers(
      `UPDATE certified_extract SET signature = NULL, signing_key_id = NULL WHERE id = $1`,
      [extract.id],
    );
    const got = await t.http.get(`/api/extracts/${extract.id}`).expect(200);
    expect(got.body.authenticity).toMatchObject({
      authentic: false,
      status: 'unsigned',
      keyId: null,
    });
    expect(got.headers['x-signature']).toBeUndefined();
    const page = await t.http.get(extract.htmlUrl).expect(200);
    expect(page.text).toContain('Dess äkthet kan INTE styrkas elektroniskt');
  });

  it('a signature by a key that is not in the key folder is not authentic', async () => {
    const extract = await issue();
    await asOwnerWithoutTriggers(
      `UPDATE certified_extract SET signing_key_id = '0123456789abcdef' WHERE id = $1`,
      [extract.id],
    );
    const got = await t.http.get(`/api/extracts/${extract.id}`).expect(200);
    expect(got.body.authenticity).toMatchObject({ authentic: false, status: 'unknown-key' });
    const page = await t.http.get(extract.htmlUrl).expect(200);
    expect(page.text).toContain('Denna kopia kan INTE styrkas som äkta');
  });

  it('after rotation old extracts still verify and new ones are signed with the new key', async () => {
    const before = await issue();
    const [oldKey] = await keys();
    const rotated = t.app.get(SigningService).rotate();
    expect(rotated.retired).toEqual([oldKey.keyId]);
    expect(rotated.active.keyId).not.toBe(oldKey.keyId);

    // The old private key no longer signs; its public key stays.
    expect(existsSync(join(keysDir, `${oldKey.keyId}.private.pem`))).toBe(false);
    expect(existsSync(join(keysDir, `${oldKey.keyId}.retired.pem`))).toBe(true);
    expect(existsSync(join(keysDir, `${oldKey.keyId}.public.pem`))).toBe(true);
    const served = await keys();
    expect(served.map((k) => [k.keyId, k.active])).toEqual([
      [oldKey.keyId, false],
      [rotated.active.keyId, true],
    ]);

    const old = await t.http.get(`/api/extracts/${before.id}`).expect(200);
    expect(old.body.authenticity).toMatchObject({ authentic: true, keyId: oldKey.keyId });
    const oldPage = await t.http.get(before.htmlUrl).expect(200);
    expect(sha256(oldPage.text)).toBe(before.contentHash);

    const after = await issue();
    expect(after.authenticity).toMatchObject({ authentic: true, keyId: rotated.active.keyId });
    const page = await t.http.get(after.htmlUrl).expect(200);
    expect(page.headers['x-signing-key-id']).toBe(rotated.active.keyId);
    expect(page.text).toContain(`Elektroniskt signerat med nyckel ${rotated.active.keyId}`);
  });
});
