import { resolve } from 'node:path';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { Keyring, SIGNING_ALGORITHM, SigningKey, SigningKeyInfo } from './keyring';
import { citationStatement } from './statements';

export type AuthenticityStatus =
  'authentic' | 'invalid' | 'unknown-key' | 'unsigned' | 'content-mismatch';

/** The outcome of checking a signed document against the keyring (never against the database). */
export interface Authenticity {
  authentic: boolean;
  status: AuthenticityStatus;
  keyId: string | null;
  algorithm: typeof SIGNING_ALGORITHM | null;
  /** Base64 Ed25519 signature, as stored or received. */
  signature: string | null;
  /** The text that was (or should have been) signed; see statements.ts. */
  statement: string | null;
  reason: string;
}

/** Ed25519 signing of certified extracts and citation certificates with the keyring. */
@Injectable()
export class SigningService implements OnModuleInit {
  private readonly logger = new Logger('Signing');
  readonly keyring: Keyring;

  constructor(config: AppConfig) {
    this.keyring = new Keyring(resolve(config.SIGNING_KEYS_DIR), config.SIGNING_PRIVATE_KEY);
  }

  onModuleInit(): void {
    const { generated } = this.keyring.load();
    if (generated) {
      this.logger.log(
        `Made a new Ed25519 signing key ${generated.keyId} in ${this.keyring.dir} (no key that may sign was found)`,
      );
    }
  }

  keys(): SigningKeyInfo[] {
    return this.keyring.list();
  }

  activeKey(): SigningKey {
    return this.keyring.activeKey();
  }

  sign(statement: string, key?: SigningKey): { keyId: string; signature: string } {
    return this.keyring.sign(statement, key);
  }

  /** A new active key; the old private key is retired and its public key keeps verifying. */
  rotate(): { active: SigningKeyInfo; retired: string[] } {
    const result = this.keyring.rotate();
    this.logger.log(`Rotated signing key: ${result.active.keyId} signs from now on`);
    return result;
  }

  /**
   * Checks a signature over `statement`. `subject` names what is checked in the reason
   * ("extract", "certificate").
   */
  verify(
    subject: string,
    statement: string,
    keyId: string | null,
    signature: string | null,
  ): Authenticity {
    if (!keyId || !signature) {
      return {
        authentic: false,
        status: 'unsigned',
        keyId: null,
        algorithm: null,
        signature: null,
        statement: null,
        reason: `unsigned: the ${subject} carries no electronic signature (issued before signing was introduced), so its authenticity cannot be shown`,
      };
    }
    const base = { keyId, algorithm: SIGNING_ALGORITHM, signature, statement };
    switch (this.keyring.verify(keyId, statement, signature)) {
      case 'valid':
        return {
          ...base,
          authentic: true,
          status: 'authentic',
          reason: `the Ed25519 signature of key ${keyId} matches the ${subject}`,
        };
      case 'unknown-key':
        return {
          ...base,
          authentic: false,
          status: 'unknown-key',
          reason: `not authentic: key ${keyId} is not a signing key of this register`,
        };
      default:
        return {
          ...base,
          authentic: false,
          status: 'invalid',
          reason: `not authentic: the signature does not match the ${subject} (its content, hash, id or issue time differs from what was signed)`,
        };
    }
  }

  /** Signs a citation certificate as rendered: the SHA-256 of its bytes. */
  signCitation(contentHash: string, key?: SigningKey): { keyId: string; signature: string } {
    return this.sign(citationStatement(contentHash), key);
  }

  verifyCitation(contentHash: string, keyId: string, signature: string): Authenticity {
    return this.verify('certificate', citationStatement(contentHash), keyId, signature);
  }
}
