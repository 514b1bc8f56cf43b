import { Module } from '@nestjs/common';
import { SigningController } from './signing.controller';
import { SigningService } from './signing.service';

/**
 * Ed25519 signatures of certified extracts and citation certificates. The keys live outside the
 * database (SIGNING_KEYS_DIR or SIGNING_PRIVATE_KEY); see keyring.ts and statements.ts.
 */
@Module({
  controllers: [SigningController],
  providers: [SigningService],
  exports: [SigningService],
})
export class SigningModule {}
