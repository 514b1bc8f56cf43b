import {
  Body as RequestBody,
  Controller,
  Get,
  Header,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Actor } from '../common/auth/actor';
import { CurrentActor, Roles } from '../common/auth/auth.decorators';
import { IdPipe } from '../common/id.pipe';
import {
  AnnounceDto,
  AppealDto,
  CorrectionDto,
  CreateMeetingDto,
  CreateParagraphDto,
  CreateProposalDto,
  DecisionDto,
  HoldMeetingDto,
  ImmediateAdjustmentDto,
  LinkProposalDto,
  ListMeetingsQuery,
  ListParagraphsQuery,
  ListProposalsQuery,
  MotionDto,
  NoticeBoardQuery,
  ProtocolNoteDto,
  RecusalDto,
  ReservationDto,
  SetAttendanceDto,
  SetMeetingAttendanceDto,
  SignDto,
  UpdateMeetingDto,
  UpdateParagraphDto,
  VoteDto,
} from './dto/minutes.dto';
import { MeetingsService } from './meetings.service';
import { MinutesService } from './minutes.service';
import { ParagraphsService } from './paragraphs.service';
import { ProposalsService } from './proposals.service';

@ApiTags('minutes')
@ApiBearerAuth()
@Controller('api')
export class MeetingsController {
  constructor(
    private readonly meetings: MeetingsService,
    private readonly minutes: MinutesService,
  ) {}

  @Post('bodies/:bodyId/meetings')
  @Roles('admin', 'registrar')
  create(
    @CurrentActor() actor: Actor,
    @Param('bodyId', IdPipe) bodyId: string,
    @RequestBody() dto: CreateMeetingDto,
  ) {
    return this.meetings.createMeeting(actor, bodyId, dto);
  }

  @Get('meetings')
  list(@Query() query: ListMeetingsQuery) {
    return this.meetings.listMeetings(query);
  }

  @Get('meetings/:id')
  get(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string) {
    return this.meetings.getMeeting(actor, id);
  }

  @Patch('meetings/:id')
  @Roles('admin', 'registrar')
  update(
    @CurrentActor() actor: Actor,
    @Param('id', IdPipe) id: string,
    @RequestBody() dto: UpdateMeetingDto,
  ) {
    return this.meetings.updateMeeting(actor, id, dto);
  }

  @Put('meetings/:id/attendance')
  @Roles('admin', 'registrar')
  setAttendance(
    @CurrentActor() actor: Actor,
    @Param('id', IdPipe) id: string,
    @RequestBody() dto: SetMeetingAttendanceDto,
  ) {
    return this.meetings.setAttendance(actor, id, dto);
  }

  @Post('meetings/:id/hold')
  @HttpCode(200)
  @Roles('admin', 'registrar')
  hold(
    @CurrentActor() actor: Actor,
    @Param('id', IdPipe) id: string,
    @RequestBody() dto: HoldMeetingDto,
  ) {
    return this.meetings.hold(actor, id, dto);
  }

  /**
   * The chair or an adjuster signs the minutes as they render now (a politician for themself,
   * electronically; a registrar records a paper signature); the last valid signature adjusts
   * the minutes.
   */
  @Post('meetings/:id/signatures')
  sign(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string, @RequestBody() dto: SignDto) {
    return this.meetings.sign(actor, id, dto);
  }

  /** Every signature given, valid or void (a change of the minutes voids earlier ones). */
  @Get('meetings/:id/signatures')
  signatures(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string) {
    return this.meetings.listSignatures(actor, id);
  }

  @Post('meetings/:id/announcement')
  @Roles('admin', 'registrar')
  announce(
    @CurrentActor() actor: Actor,
    @Param('id', IdPipe) id: string,
    @RequestBody() dto: AnnounceDto,
  ) {
    return this.meetings.announce(actor, id, dto);
  }

  /** The protocol as printable HTML (Swedish). */
  @Get('meetings/:id/minutes.html')
  @ApiProduces('text/html')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async render(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string): Promise<string> {
    return (await this.minutes.renderMinutes(actor, id)).html;
  }

  @Get('notice-board')
  noticeBoard(@Query() query: NoticeBoardQuery) {
    return this.minutes.noticeBoard(query);
  }
}

@ApiTags('minutes')
@ApiBearerAuth()
@Controller('api')
export class ParagraphsController {
  constructor(
    private readonly paragraphs: ParagraphsService,
    private readonly minutes: MinutesService,
  ) {}

  @Post('meetings/:meetingId/paragraphs')
  @Roles('admin', 'registrar')
  create(
    @CurrentActor() actor: Actor,
    @Param('meetingId', IdPipe) meetingId: string,
    @RequestBody() dto: CreateParagraphDto,
  ) {
    return this.paragraphs.createParagraph(actor, meetingId, dto);
  }

  @Get('paragraphs')
  list(@CurrentActor() actor: Actor, @Query() query: ListParagraphsQuery) {
    return this.minutes.listParagraphs(actor, query);
  }

  @Get('paragraphs/:id')
  get(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string) {
    return this.paragraphs.getParagraph(actor, id);
  }

  @Patch('paragraphs/:id')
  @Roles('admin', 'registrar')
  update(
    @CurrentActor() actor: Actor,
    @Param('id', IdPipe) id: string,
    @RequestBody() dto: UpdateParagraphDto,
  ) {
    return this.paragraphs.updateParagraph(actor, id, dto);
  }

  @Put('paragraphs/:id/attendance')
  @Roles('admin', 'registrar')
  setAttendance(
    @CurrentActor() actor: Actor,
    @Param('id', IdPipe) id: string,
    @RequestBody() dto: SetAttendanceDto,
  ) {
    return this.paragraphs.setAttendance(actor, id, dto);
  }

  @Post('paragraphs/:id/recusals')
  @Roles('admin', 'registrar')
  recusal(
    @CurrentActor() actor: Actor,
    @Param('id', IdPipe) id: string,
    @RequestBody() dto: RecusalDto,
  ) {
    return this.paragraphs.addRecusal(actor, id, dto);
  }

  @Post('paragraphs/:id/motions')
  @Roles('admin', 'registrar')
  motion(
    @CurrentActor() actor: Actor,
    @Param('id', IdPipe) id: string,
    @RequestBody() dto: MotionDto,
  ) {
    return this.paragraphs.addMotion(actor, id, dto);
  }

  @Post('paragraphs/:id/proposals')
  @Roles('admin', 'registrar')
  linkProposal(
    @CurrentActor() actor: Actor,
    @Param('id', IdPipe) id: string,
    @RequestBody() dto: LinkProposalDto,
  ) {
    return this.paragraphs.linkProposal(actor, id, dto);
  }

  @Post('paragraphs/:id/votes')
  @Roles('admin', 'registrar')
  vote(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string, @RequestBody() dto: VoteDto) {
    return this.paragraphs.addVote(actor, id, dto);
  }

  @Post('paragraphs/:id/decision')
  @Roles('admin', 'registrar')
  decide(
    @CurrentActor() actor: Actor,
    @Param('id', IdPipe) id: string,
    @RequestBody() dto: DecisionDto,
  ) {
    return this.paragraphs.recordDecision(actor, id, dto);
  }

  @Post('paragraphs/:id/reservations')
  @Roles('admin', 'registrar')
  reservation(
    @CurrentActor() actor: Actor,
    @Param('id', IdPipe) id: string,
    @RequestBody() dto: ReservationDto,
  ) {
    return this.paragraphs.addReservation(actor, id, dto);
  }

  @Post('paragraphs/:id/protocol-notes')
  @Roles('admin', 'registrar')
  note(
    @CurrentActor() actor: Actor,
    @Param('id', IdPipe) id: string,
    @RequestBody() dto: ProtocolNoteDto,
  ) {
    return this.paragraphs.addProtocolNote(actor, id, dto);
  }

  @Post('paragraphs/:id/immediate-adjustment')
  @Roles('admin', 'registrar')
  adjust(
    @CurrentActor() actor: Actor,
    @Param('id', IdPipe) id: string,
    @RequestBody() dto: ImmediateAdjustmentDto,
  ) {
    return this.paragraphs.adjustImmediately(actor, id, dto);
  }

  @Post('paragraphs/:id/announcement')
  @Roles('admin', 'registrar')
  announce(
    @CurrentActor() actor: Actor,
    @Param('id', IdPipe) id: string,
    @RequestBody() dto: AnnounceDto,
  ) {
    return this.paragraphs.announce(actor, id, dto);
  }

  @Post('paragraphs/:id/appeals')
  @Roles('admin', 'registrar')
  appeal(
    @CurrentActor() actor: Actor,
    @Param('id', IdPipe) id: string,
    @RequestBody() dto: AppealDto,
  ) {
    return this.paragraphs.registerAppeal(actor, id, dto);
  }

  @Post('paragraphs/:id/corrections')
  @Roles('admin', 'registrar')
  correction(
    @CurrentActor() actor: Actor,
    @Param('id', IdPipe) id: string,
    @RequestBody() dto: CorrectionDto,
  ) {
    return this.paragraphs.addCorrection(actor, id, dto);
  }
}

@ApiTags('minutes')
@ApiBearerAuth()
@Controller('api/proposals')
export class ProposalsController {
  constructor(private readonly proposals: ProposalsService) {}

  @Post()
  @Roles('admin', 'registrar')
  create(@CurrentActor() actor: Actor, @RequestBody() dto: CreateProposalDto) {
    return this.proposals.createOfficerProposal(actor, dto);
  }

  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: ListProposalsQuery) {
    return this.proposals.listProposals(actor, query);
  }

  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string) {
    return this.proposals.getProposal(actor, id);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @Roles('admin', 'registrar')
  withdraw(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string) {
    return this.proposals.withdraw(actor, id);
  }
}
