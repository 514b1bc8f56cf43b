import { Body as RequestBody, Controller, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor } from '../common/auth/actor';
import { CurrentActor, Roles } from '../common/auth/auth.decorators';
import { IdPipe } from '../common/id.pipe';
import { SetAdjournmentsDto, SetChairsDto } from './meeting-facts.dto';
import { MeetingFactsService } from './meeting-facts.service';

@ApiTags('minutes')
@ApiBearerAuth()
@Controller('api/meetings')
export class MeetingFactsController {
  constructor(private readonly facts: MeetingFactsService) {}

  /** The adjournments (ajournering) of the meeting, replaced as a whole. */
  @Put(':id/adjournments')
  @Roles('admin', 'registrar')
  setAdjournments(
    @CurrentActor() actor: Actor,
    @Param('id', IdPipe) id: string,
    @RequestBody() dto: SetAdjournmentsDto,
  ) {
    return this.facts.setAdjournments(actor, id, dto);
  }

  /** The chair per paragraph range when the chair changes within the meeting. */
  @Put(':id/chairs')
  @Roles('admin', 'registrar')
  setChairs(
    @CurrentActor() actor: Actor,
    @Param('id', IdPipe) id: string,
    @RequestBody() dto: SetChairsDto,
  ) {
    return this.facts.setChairs(actor, id, dto);
  }
}
