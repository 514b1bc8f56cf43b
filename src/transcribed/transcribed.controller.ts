import { Body as RequestBody, Controller, Param, ParseIntPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor } from '../common/auth/actor';
import { CurrentActor, Roles } from '../common/auth/auth.decorators';
import { IdPipe } from '../common/id.pipe';
import {
  MotionSupporterDto,
  PaperAdjustmentDto,
  PartyReservationDto,
  PrintedVoteDto,
  SpecialStatementDto,
} from './dto/transcribed.dto';
import { TranscribedService } from './transcribed.service';

@ApiTags('minutes')
@ApiBearerAuth()
@Controller('api')
export class TranscribedController {
  constructor(private readonly transcribed: TranscribedService) {}

  /** Transcribed: a vote printed as totals only, or as its result only. */
  @Post('paragraphs/:id/printed-votes')
  @Roles('admin', 'registrar')
  printedVote(
    @CurrentActor() actor: Actor,
    @Param('id', IdPipe) id: string,
    @RequestBody() dto: PrintedVoteDto,
  ) {
    return this.transcribed.addPrintedVote(actor, id, dto);
  }

  /** Transcribed: a reservation by party groups ("V", "S, MP"). */
  @Post('paragraphs/:id/party-reservations')
  @Roles('admin', 'registrar')
  partyReservation(
    @CurrentActor() actor: Actor,
    @Param('id', IdPipe) id: string,
    @RequestBody() dto: PartyReservationDto,
  ) {
    return this.transcribed.addPartyReservation(actor, id, dto);
  }

  /** Särskilt yttrande. */
  @Post('paragraphs/:id/special-statements')
  @Roles('admin', 'registrar')
  specialStatement(
    @CurrentActor() actor: Actor,
    @Param('id', IdPipe) id: string,
    @RequestBody() dto: SpecialStatementDto,
  ) {
    return this.transcribed.addSpecialStatement(actor, id, dto);
  }

  /** "Instämmer i yrkandet": a member joins the floor motion at `position`. */
  @Post('paragraphs/:id/motions/:position/supporters')
  @Roles('admin', 'registrar')
  motionSupporter(
    @CurrentActor() actor: Actor,
    @Param('id', IdPipe) id: string,
    @Param('position', ParseIntPipe) position: number,
    @RequestBody() dto: MotionSupporterDto,
  ) {
    return this.transcribed.addMotionSupporter(actor, id, position, dto);
  }

  /** Transcribed: adjusted on paper on the printed (possibly partial or missing) day. */
  @Post('meetings/:id/paper-adjustment')
  @Roles('admin', 'registrar')
  paperAdjustment(
    @CurrentActor() actor: Actor,
    @Param('id', IdPipe) id: string,
    @RequestBody() dto: PaperAdjustmentDto,
  ) {
    return this.transcribed.paperAdjustment(actor, id, dto);
  }
}
