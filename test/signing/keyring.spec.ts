import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadConfig } from '../../src/config/app-config';
import { Keyring, KeyringError } from '../../src/signing/keyring';

const freshDir = () => join(mkdtempSync(join(tmpdir(), 'dr-keyring-')), 'keys');
const newPem = () =>
  generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

describe('signing: the keyring (files outside the database)', () => {
  it('makes one key at first start and keeps it across restarts', () => {
    const dir = freshDir();
    const first = new Keyring(dir);
    expect(first.load().generated).not.toBeNull();
    const keyId = first.activeKey().keyId;
    const restarted = new Keyring(dir);
    expect(restarted.load().generated).toBeNull();
    expect(restarted.activeKey().keyId).toBe(keyId);
    expect(readdirSync(dir).sort()).toEqual([`${keyId}.private.pem`, `${keyId}.public.pem`]);
    const signed = first.sign('hej');
    expect(restarted.verify(keyId, 'hej', signed.signature)).toBe('valid');
    expect(restarted.verify(keyId, 'hej!', signed.signature)).toBe('invalid');
    expect(restarted.verify('0000000000000000', 'hej', signed.signature)).toBe('unknown-key');
  });

  it('a running keyring follows a rotation made by another process (the CLI)', () => {
    const dir = freshDir();
    const server = new Keyring(dir);
    server.load();
    const oldId = server.activeKey().keyId;
    const old = server.sign('före');
    const { active, retired } = new Keyring(dir).rotate();
    expect(retired).toEqual([oldId]);
    expect(server.activeKey().keyId).toBe(active.keyId);
    expect(server.sign('efter').keyId).toBe(active.keyId);
    expect(server.verify(oldId, 'före', old.signature)).toBe('valid');
  });

  it('SIGNING_PRIVATE_KEY signs; its public key is kept, so it verifies after the key is replaced', () => {
    const dir = freshDir();
    const envKeyring = new Keyring(dir, newPem());
    expect(envKeyring.load().generated).toBeNull();
    const signed = envKeyring.sign('intyg');
    const listed = envKeyring.list();
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ keyId: signed.keyId, active: true, source: 'environment' });
    expect(existsSync(join(dir, `${signed.keyId}.public.pem`))).toBe(true);
    expect(readdirSync(dir).some((f) => f.includes('private'))).toBe(false);
    expect(() => envKeyring.rotate()).toThrow(KeyringError);

    // The environment now carries another key (escaped newlines, as some tools store it).
    const replaced = new Keyring(dir, newPem().replace(/\n/g, '\\n'));
    replaced.load();
    expect(replaced.activeKey().keyId).not.toBe(signed.keyId);
    expect(replaced.verify(signed.keyId, 'intyg', signed.signature)).toBe('valid');
    expect(replaced.list().map((k) => k.active)).toEqual(expect.arrayContaining([true, false]));

    expect(() => new Keyring(dir, 'not a key')).toThrow('SIGNING_PRIVATE_KEY');
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    expect(() => new Keyring(dir, rsa)).toThrow('Ed25519');
  });

  it('a bad SIGNING_PRIVATE_KEY stops start-up without printing the secret', () => {
    const secret = 'geheim-0123456789';
    expect(() => loadConfig({ SIGNING_PRIVATE_KEY: secret })).toThrow('SIGNING_PRIVATE_KEY');
    try {
      loadConfig({ SIGNING_PRIVATE_KEY: secret });
    } catch (e) {
      expect((e as Error).message).not.toContain(secret);
    }
  });

  it('npm run cli -- signing:rotate makes a new active key and retires the old one', () => {
    const dir = freshDir();
    const keyring = new Keyring(dir);
    keyring.load();
    const oldId = keyring.activeKey().keyId;
    const output = execFileSync(
      process.execPath,
      [require.resolve('ts-node/dist/bin.js'), '--transpile-only', 'src/cli.ts', 'signing:rotate'],
      {
        cwd: resolve(__dirname, '../..'),
        env: { ...process.env, SIGNING_KEYS_DIR: dir, SIGNING_PRIVATE_KEY: '' },
        encoding: 'utf8',
      },
    );
    expect(output).toContain(`retired: ${oldId}`);
    const newId = keyring.activeKey().keyId;
    expect(newId).not.toBe(oldId);
    expect(output).toContain(`${newId}  Ed25519`);
    expect(statSync(join(dir, `${oldId}.retired.pem`)).mode & 0o777).toBe(0o600);
    expect(existsSync(join(dir, `${oldId}.private.pem`))).toBe(false);
  });
});
