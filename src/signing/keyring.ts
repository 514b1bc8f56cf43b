import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  KeyObject,
  sign,
  verify,
} from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';

export const SIGNING_ALGORITHM = 'Ed25519' as const;

/** What GET /api/signing-keys serves for each key. */
export interface SigningKeyInfo {
  keyId: string;
  algorithm: typeof SIGNING_ALGORITHM;
  /** SPKI, PEM. */
  publicKey: string;
  /** When the key was made (from its public key file); null for an environment key never saved. */
  createdAt: string | null;
  /** The key that signs now; every listed key verifies. */
  active: boolean;
  source: 'folder' | 'environment';
}

export interface SigningKey {
  keyId: string;
  privateKey: KeyObject;
}

export type VerifyResult = 'valid' | 'invalid' | 'unknown-key';

interface PublicEntry {
  keyId: string;
  publicKey: KeyObject;
  createdAt: string | null;
  source: 'folder' | 'environment';
}

interface PrivateEntry extends SigningKey {
  createdAt: string | null;
  /** The file it was read from; null for the environment key. */
  file: string | null;
}

export class KeyringError extends Error {}

/** Key id: the first 16 hex digits of the SHA-256 of the public key (DER, SubjectPublicKeyInfo). */
export function keyIdOf(publicKey: KeyObject): string {
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex').slice(0, 16);
}

const PUBLIC_SUFFIX = '.public.pem';
const PRIVATE_SUFFIX = '.private.pem';
const RETIRED_SUFFIX = '.retired.pem';

/**
 * Ed25519 keys kept OUTSIDE the database, in a folder (mode 0700):
 *
 *   <keyId>.public.pem    "Key-Id:", "Algorithm:", "Created:" lines, then the SPKI PEM (0600)
 *   <keyId>.private.pem   PKCS#8 PEM (0600): a key that may sign
 *   <keyId>.retired.pem   a private key retired by rotation: never signs again
 *
 * The newest key with a private key file signs, unless SIGNING_PRIVATE_KEY (PEM) is given: then
 * that key signs (its public key is saved to the folder so it keeps verifying after the
 * environment changes). Every public key of the folder and the environment key verify, so
 * rotation keeps old signatures verifiable. The folder is read again when the active private
 * key file disappears (rotated by the CLI while the server runs) or an unknown key id is asked.
 */
export class Keyring {
  private publicKeys = new Map<string, PublicEntry>();
  private active: PrivateEntry | null = null;
  private readonly envKey: PrivateEntry | null;

  constructor(
    readonly dir: string,
    envPrivateKeyPem?: string,
  ) {
    this.envKey = envPrivateKeyPem ? parseEnvironmentKey(envPrivateKeyPem) : null;
  }

  /** Reads the folder; makes it and a first key when there is no key that may sign. */
  load(): { generated: SigningKeyInfo | null } {
    this.ensureFolder();
    this.read();
    let generated: SigningKeyInfo | null = null;
    if (this.envKey) this.saveEnvironmentPublicKey();
    if (!this.active) {
      generated = this.generate();
      this.read();
    }
    return { generated };
  }

  /** The key that signs now. */
  activeKey(): SigningKey {
    if (!this.active) this.load();
    else if (this.active.file && !existsSync(this.active.file)) this.load();
    return { keyId: this.active!.keyId, privateKey: this.active!.privateKey };
  }

  sign(data: string, key: SigningKey = this.activeKey()): { keyId: string; signature: string } {
    const signature = sign(null, Buffer.from(data, 'utf8'), key.privateKey).toString('base64');
    return { keyId: key.keyId, signature };
  }

  verify(keyId: string, data: string, signatureBase64: string): VerifyResult {
    let entry = this.publicKeys.get(keyId);
    if (!entry) {
      this.read();
      entry = this.publicKeys.get(keyId);
    }
    if (!entry) return 'unknown-key';
    const signature = Buffer.from(signatureBase64, 'base64');
    if (signature.length !== 64) return 'invalid';
    return verify(null, Buffer.from(data, 'utf8'), entry.publicKey, signature)
      ? 'valid'
      : 'invalid';
  }

  list(): SigningKeyInfo[] {
    this.read();
    const activeId = this.active?.keyId;
    return [...this.publicKeys.values()]
      .sort(
        (a, b) =>
          (a.createdAt ?? '').localeCompare(b.createdAt ?? '') || a.keyId.localeCompare(b.keyId),
      )
      .map((k) => ({
        keyId: k.keyId,
        algorithm: SIGNING_ALGORITHM,
        publicKey: k.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
        createdAt: k.createdAt,
        active: k.keyId === activeId,
        source: k.keyId === this.envKey?.keyId ? 'environment' : 'folder',
      }));
  }

  /**
   * Makes a new key that signs from now on and retires every other private key of the folder
   * (renamed to <keyId>.retired.pem; its public key stays and keeps verifying).
   */
  rotate(): { active: SigningKeyInfo; retired: string[] } {
    if (this.envKey) {
      throw new KeyringError(
        'The signing key comes from SIGNING_PRIVATE_KEY: rotate it by setting a new key there (the old public key stays in the key folder)',
      );
    }
    this.ensureFolder();
    const created = this.generate();
    const retired: string[] = [];
    for (const file of readdirSync(this.dir)) {
      if (!file.endsWith(PRIVATE_SUFFIX)) continue;
      const keyId = file.slice(0, -PRIVATE_SUFFIX.length);
      if (keyId === created.keyId) continue;
      renameSync(join(this.dir, file), join(this.dir, `${keyId}${RETIRED_SUFFIX}`));
      retired.push(keyId);
    }
    this.read();
    return { active: { ...created, active: true }, retired };
  }

  private ensureFolder(): void {
    if (!existsSync(this.dir)) {
      // Parents with the usual mode (the embedded PostgreSQL's user passes through .data).
      mkdirSync(dirname(this.dir), { recursive: true });
      mkdirSync(this.dir, { mode: 0o700 });
    }
    chmodSync(this.dir, 0o700);
  }

  /** Writes a new key pair: the public key first, so a private key never lacks its public key. */
  private generate(): SigningKeyInfo {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const keyId = keyIdOf(publicKey);
    const createdAt = new Date().toISOString();
    this.writePublicKey(keyId, publicKey, createdAt);
    writeFileSync(
      join(this.dir, `${keyId}${PRIVATE_SUFFIX}`),
      privateKey.export({ type: 'pkcs8', format: 'pem' }),
      { mode: 0o600, flag: 'wx' },
    );
    return {
      keyId,
      algorithm: SIGNING_ALGORITHM,
      publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      createdAt,
      active: true,
      source: 'folder',
    };
  }

  private writePublicKey(keyId: string, publicKey: KeyObject, createdAt: string): void {
    const text =
      `Key-Id: ${keyId}\nAlgorithm: ${SIGNING_ALGORITHM}\nCreated: ${createdAt}\n` +
      publicKey.export({ type: 'spki', format: 'pem' }).toString();
    writeFileSync(join(this.dir, `${keyId}${PUBLIC_SUFFIX}`), text, { mode: 0o600, flag: 'wx' });
  }

  /** Keeps the environment key verifiable after it is replaced; a read-only folder is tolerated. */
  private saveEnvironmentPublicKey(): void {
    const env = this.envKey!;
    if (this.publicKeys.get(env.keyId)?.source === 'folder') return;
    try {
      this.writePublicKey(env.keyId, createPublicKey(env.privateKey), new Date().toISOString());
      this.read();
    } catch {
      // The environment key still verifies from memory while this process runs.
    }
  }

  private read(): void {
    const publicKeys = new Map<string, PublicEntry>();
    const signers: PrivateEntry[] = [];
    const files = existsSync(this.dir) ? readdirSync(this.dir).sort() : [];
    for (const file of files) {
      if (!file.endsWith(PUBLIC_SUFFIX)) continue;
      const text = readFileSync(join(this.dir, file), 'utf8');
      const publicKey = createPublicKey(text);
      if (publicKey.asymmetricKeyType !== 'ed25519') continue;
      const keyId = keyIdOf(publicKey);
      const created = /^Created: (\S+)$/m.exec(text);
      publicKeys.set(keyId, {
        keyId,
        publicKey,
        createdAt: created?.[1] ?? null,
        source: 'folder',
      });
    }
    for (const file of files) {
      if (!file.endsWith(PRIVATE_SUFFIX)) continue;
      const path = join(this.dir, file);
      const privateKey = createPrivateKey(readFileSync(path, 'utf8'));
      if (privateKey.asymmetricKeyType !== 'ed25519') continue;
      const publicKey = createPublicKey(privateKey);
      const keyId = keyIdOf(publicKey);
      if (!publicKeys.has(keyId)) {
        publicKeys.set(keyId, { keyId, publicKey, createdAt: null, source: 'folder' });
      }
      signers.push({ keyId, privateKey, createdAt: publicKeys.get(keyId)!.createdAt, file: path });
    }
    if (this.envKey && !publicKeys.has(this.envKey.keyId)) {
      publicKeys.set(this.envKey.keyId, {
        keyId: this.envKey.keyId,
        publicKey: createPublicKey(this.envKey.privateKey),
        createdAt: null,
        source: 'environment',
      });
    }
    signers.sort(
      (a, b) =>
        (b.createdAt ?? '').localeCompare(a.createdAt ?? '') || b.keyId.localeCompare(a.keyId),
    );
    this.publicKeys = publicKeys;
    this.active = this.envKey ?? signers[0] ?? null;
  }
}

function parseEnvironmentKey(pem: string): PrivateEntry {
  let privateKey: KeyObject;
  try {
    // A PEM in one line with \n escapes (as some deployment tools store it) is accepted too.
    privateKey = createPrivateKey(pem.includes('\n') ? pem : pem.replace(/\\n/g, '\n'));
  } catch {
    throw new KeyringError('SIGNING_PRIVATE_KEY is not a PEM private key');
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new KeyringError('SIGNING_PRIVATE_KEY must be an Ed25519 private key');
  }
  return { keyId: keyIdOf(createPublicKey(privateKey)), privateKey, createdAt: null, file: null };
}
