import { Module } from '@nestjs/common';
import { MinutesModule } from '../minutes/minutes.module';
import { SigningModule } from '../signing/signing.module';
import { DispatchService } from './dispatch.service';
import { DistributionService } from './distribution.service';
import {
  DistributionController,
  ExtractsController,
  RecipientsController,
} from './extracts.controller';
import { ExtractsService } from './extracts.service';
import { RecipientsService } from './recipients.service';

/**
 * Recipients, distribution lists ("Utdrag till" / "Expedieras till" / "Expedieras inte"),
 * certified extracts (protokollsutdrag) with their content hash, and dispatch records.
 */
@Module({
  imports: [MinutesModule, SigningModule],
  controllers: [RecipientsController, DistributionController, ExtractsController],
  providers: [RecipientsService, DistributionService, ExtractsService, DispatchService],
  exports: [ExtractsService, DistributionService],
})
export class ExtractsModule {}
