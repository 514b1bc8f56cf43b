import { Module } from '@nestjs/common';
import { MinutesModule } from '../minutes/minutes.module';
import { PeopleModule } from '../people/people.module';
import { TranscribedController } from './transcribed.controller';
import { TranscribedService } from './transcribed.service';

/** Minutes as printed: votes as totals, party reservations, paper adjustment, instämmer, yttranden. */
@Module({
  imports: [MinutesModule, PeopleModule],
  controllers: [TranscribedController],
  providers: [TranscribedService],
})
export class TranscribedModule {}
