import { Module } from '@nestjs/common';
import { PeopleModule } from '../people/people.module';
import { MeetingsService } from './meetings.service';
import {
  MeetingsController,
  ParagraphsController,
  ProposalsController,
} from './minutes.controller';
import { MinutesService } from './minutes.service';
import { ParagraphsService } from './paragraphs.service';
import { ProposalsService } from './proposals.service';
import { SignaturesService } from './signatures.service';

/**
 * Meetings, paragraphs, proposals, adjustment and the notice board. Exports MinutesService:
 * `getParagraphView(paragraphId, manager?)` gives other features the full view of a paragraph.
 */
@Module({
  imports: [PeopleModule],
  controllers: [MeetingsController, ParagraphsController, ProposalsController],
  providers: [
    MinutesService,
    MeetingsService,
    ParagraphsService,
    ProposalsService,
    SignaturesService,
  ],
  exports: [MinutesService],
})
export class MinutesModule {}
