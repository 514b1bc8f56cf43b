import { Module } from '@nestjs/common';
import { PeopleModule } from '../people/people.module';
import { MotionReportsService } from './motion-reports.service';
import { MotionsController } from './motions.controller';
import { MotionsService } from './motions.service';
import { ProposalSettingsService } from './proposal-settings.service';

@Module({
  imports: [PeopleModule],
  controllers: [MotionsController],
  providers: [MotionsService, MotionReportsService, ProposalSettingsService],
  exports: [MotionsService, ProposalSettingsService],
})
export class MotionsModule {}
