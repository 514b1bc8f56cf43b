import { Controller, Get, Param, ParseIntPipe, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Actor } from '../common/auth/actor';
import { CurrentActor } from '../common/auth/auth.decorators';
import { ValidationFailedError } from '../common/errors';
import { IdPipe } from '../common/id.pipe';
import { DelegationsService } from '../delegations/delegations.service';
import { DecisionsService } from './decisions.service';
import {
  AsOfQuery,
  DelegationDecisionsRegisterQuery,
  ListDecisionsQuery,
} from './dto/decisions.dto';

/** A clause position that is not a number is a 400 naming the parameter. */
function positionPipe(): ParseIntPipe {
  return new ParseIntPipe({
    exceptionFactory: () =>
      new ValidationFailedError([{ field: 'position', messages: ['position must be an integer'] }]),
  });
}

@ApiTags('decisions')
@Controller('api/decisions')
export class DecisionsController {
  constructor(
    private readonly decisions: DecisionsService,
    private readonly delegations: DelegationsService,
  ) {}

  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: ListDecisionsQuery) {
    return this.decisions.listDecisions(actor, query);
  }

  /** Decisions taken on delegation outside meetings (e.g. by the chair), newest first. */
  @Get('delegation-decisions')
  delegationDecisions(@Query() query: DelegationDecisionsRegisterQuery) {
    return this.delegations.listDecisions(query.organisationId, query.bodyId);
  }

  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string, @Query() query: AsOfQuery) {
    return this.decisions.getDecision(actor, id, query.on);
  }

  @Get(':id/clauses/:position')
  clause(
    @CurrentActor() actor: Actor,
    @Param('id', IdPipe) id: string,
    @Param('position', positionPipe()) position: number,
    @Query() query: AsOfQuery,
  ) {
    return this.decisions.getDecisionClause(actor, id, position, query.on);
  }
}
