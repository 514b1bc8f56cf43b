import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { VerifyCitationQuery } from './dto/signing.dto';
import { SigningService } from './signing.service';

@ApiTags('signing')
@Controller('api')
export class SigningController {
  constructor(private readonly signing: SigningService) {}

  /** Every public key that verifies the register's signatures; `active` is the one that signs. */
  @Get('signing-keys')
  keys() {
    return {
      items: this.signing.keys().map((k) => ({
        keyId: k.keyId,
        algorithm: k.algorithm,
        publicKey: k.publicKey,
        createdAt: k.createdAt,
        active: k.active,
      })),
    };
  }

  /**
   * Checks a citation certificate (intyg) a grant body received: the SHA-256 of its bytes and
   * the X-Signature / X-Signing-Key-Id it came with.
   */
  @Get('citations/verify')
  verifyCitation(@Query() query: VerifyCitationQuery) {
    const result = this.signing.verifyCitation(query.sha256, query.keyId, query.signature);
    return {
      authentic: result.authentic,
      keyId: result.keyId,
      algorithm: result.algorithm,
      contentSha256: query.sha256,
      statement: result.statement,
      reason: result.reason,
    };
  }
}
