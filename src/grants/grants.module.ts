import { Module } from '@nestjs/common';
import { DecisionsModule } from '../decisions/decisions.module';
import { ExtractsModule } from '../extracts/extracts.module';
import { SigningModule } from '../signing/signing.module';
import { CitationService } from './citation.service';
import { GrantApplicationsService } from './grant-applications.service';
import { GrantDecisionsService } from './grant-decisions.service';
import { GrantViewsService } from './grant-views.service';
import { GrantsController } from './grants.controller';

/** Grant applications, their authorising decisions, grant decisions and reporting. */
@Module({
  imports: [DecisionsModule, ExtractsModule, SigningModule],
  controllers: [GrantsController],
  providers: [GrantApplicationsService, GrantDecisionsService, GrantViewsService, CitationService],
  exports: [GrantViewsService],
})
export class GrantsModule {}
