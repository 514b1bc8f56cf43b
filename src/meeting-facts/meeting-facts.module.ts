import { Module } from '@nestjs/common';
import { MinutesModule } from '../minutes/minutes.module';
import { PeopleModule } from '../people/people.module';
import { MeetingFactsController } from './meeting-facts.controller';
import { MeetingFactsService } from './meeting-facts.service';

/**
 * Meeting-level facts as printed: adjournments and the chair per paragraph range (the case
 * number, public session and remote participation are fields of the meeting itself).
 */
@Module({
  imports: [MinutesModule, PeopleModule],
  controllers: [MeetingFactsController],
  providers: [MeetingFactsService],
})
export class MeetingFactsModule {}
