import { Module } from '@nestjs/common';
import { DelegationsModule } from '../delegations/delegations.module';
import { DecisionsController } from './decisions.controller';
import { DecisionsService } from './decisions.service';

/**
 * The decision register over the minutes tables. Exports DecisionsService (`findClause`) so
 * grant applications can check the clause that authorises each applicant.
 */
@Module({
  imports: [DelegationsModule],
  controllers: [DecisionsController],
  providers: [DecisionsService],
  exports: [DecisionsService],
})
export class DecisionsModule {}
