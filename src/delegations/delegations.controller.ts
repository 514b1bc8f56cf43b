import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { Actor } from '../common/auth/actor';
import { CurrentActor } from '../common/auth/auth.decorators';
import { IsCalendarDate } from '../common/dates';
import { IdPipe } from '../common/id.pipe';
import { DelegationsService } from './delegations.service';
import {
  CreateDelegationDecisionDto,
  CreateDelegationDto,
  ReportedDelegationDecisionsDto,
  UpdateDelegationDecisionDto,
  UpdateDelegationDto,
} from './dto/delegations.dto';

export class DelegationsOnQuery {
  @IsOptional()
  @IsCalendarDate()
  on?: string;
}

export class DelegationDecisionsQuery {
  @IsOptional()
  @IsUUID()
  bodyId?: string;
}

@ApiTags('delegations')
@ApiBearerAuth()
@Controller('api')
export class DelegationsController {
  constructor(private readonly delegations: DelegationsService) {}

  @Post('organisations/:id/delegations')
  create(
    @CurrentActor() actor: Actor,
    @Param('id', IdPipe) organisationId: string,
    @Body() dto: CreateDelegationDto,
  ) {
    return this.delegations.create(actor, organisationId, dto);
  }

  @Get('bodies/:id/delegations')
  listForBody(@Param('id', IdPipe) bodyId: string, @Query() query: DelegationsOnQuery) {
    return this.delegations.listForBody(bodyId, query.on);
  }

  @Get('delegations/:id')
  get(@Param('id', IdPipe) id: string) {
    return this.delegations.get(id);
  }

  @Patch('delegations/:id')
  update(
    @CurrentActor() actor: Actor,
    @Param('id', IdPipe) id: string,
    @Body() dto: UpdateDelegationDto,
  ) {
    return this.delegations.update(actor, id, dto);
  }

  @Delete('delegations/:id')
  @HttpCode(204)
  remove(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string) {
    return this.delegations.remove(actor, id);
  }

  @Post('organisations/:id/delegation-decisions')
  createDecision(
    @CurrentActor() actor: Actor,
    @Param('id', IdPipe) organisationId: string,
    @Body() dto: CreateDelegationDecisionDto,
  ) {
    return this.delegations.createDecision(actor, organisationId, dto);
  }

  @Get('organisations/:id/delegation-decisions')
  listDecisions(
    @Param('id', IdPipe) organisationId: string,
    @Query() query: DelegationDecisionsQuery,
  ) {
    return this.delegations.listDecisions(organisationId, query.bodyId);
  }

  @Get('delegation-decisions/:id')
  getDecision(@Param('id', IdPipe) id: string) {
    return this.delegations.getDecision(id);
  }

  @Patch('delegation-decisions/:id')
  updateDecision(
    @CurrentActor() actor: Actor,
    @Param('id', IdPipe) id: string,
    @Body() dto: UpdateDelegationDecisionDto,
  ) {
    return this.delegations.updateDecision(actor, id, dto);
  }

  @Delete('delegation-decisions/:id')
  @HttpCode(204)
  removeDecision(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string) {
    return this.delegations.removeDecision(actor, id);
  }

  @Post('meetings/:id/reported-delegation-decisions')
  @HttpCode(200)
  setReported(
    @CurrentActor() actor: Actor,
    @Param('id', IdPipe) meetingId: string,
    @Body() dto: ReportedDelegationDecisionsDto,
  ) {
    return this.delegations.setReported(actor, meetingId, dto);
  }

  @Get('meetings/:id/reported-delegation-decisions')
  getReported(@Param('id', IdPipe) meetingId: string) {
    return this.delegations.getReported(meetingId);
  }
}
