import { Transform } from 'class-transformer';
import { IsString, Matches } from 'class-validator';

/** A citation certificate received by a grant body: its SHA-256 and the signature headers. */
export class VerifyCitationQuery {
  @IsString()
  @Matches(/^[0-9a-f]{64}$/, { message: 'sha256 must be 64 lowercase hex digits' })
  sha256: string;

  @IsString()
  @Matches(/^[0-9a-f]{16}$/, { message: 'keyId must be 16 lowercase hex digits' })
  keyId: string;

  /** Base64 (a "+" sent unencoded in a query arrives as a space; base64url is accepted too). */
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string'
      ? value.replace(/ /g, '+').replace(/-/g, '+').replace(/_/g, '/')
      : value,
  )
  @IsString()
  @Matches(/^[A-Za-z0-9+/]{86}(==)?$/, {
    message: 'signature must be a base64 Ed25519 signature (64 bytes)',
  })
  signature: string;
}
