import {
  Body as RequestBody,
  Controller,
  Get,
  Header,
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
import { PageQuery } from '../common/pagination';
import { AppConfig } from '../config/app-config';
import {
  AddMotionDocumentDto,
  CloseSignaturePeriodDto,
  CreateMotionDto,
  CreateProposalSettingDto,
  EndProposalSettingDto,
  ProposalSettingsQuery,
  SignatureCountDto,
  DueMotionsQuery,
  ListMotionsQuery,
  MotionBodySettingDto,
  MotionReportQuery,
  MotionStatisticsQuery,
  MotionStepDto,
  UpdateMotionDto,
} from './dto/motion.dto';
import { MotionReportsService } from './motion-reports.service';
import { MotionsService } from './motions.service';
import { ProposalSettingsService } from './proposal-settings.service';

@ApiTags('motions')
@ApiBearerAuth()
@Controller('api')
export class MotionsController {
  constructor(
    private readonly motions: MotionsService,
    private readonly reports: MotionReportsService,
    private readonly settings: ProposalSettingsService,
    /** Feed links use PUBLIC_BASE_URL, never the request's Host header. */
    private readonly config: AppConfig,
  ) {}

  @Post('motions')
  @Roles('admin', 'registrar')
  raise(@CurrentActor() actor: Actor, @RequestBody() dto: CreateMotionDto) {
    return this.motions.raiseMotion(actor, dto);
  }

  @Get('motions')
  list(@CurrentActor() actor: Actor, @Query() query: ListMotionsQuery) {
    return this.motions.listMotions(actor, query);
  }

  // Static routes before motions/:id.
  @Get('motions/due')
  due(@CurrentActor() actor: Actor, @Query() query: DueMotionsQuery) {
    return this.reports.dueMotions(actor, query);
  }

  @Get('motions/report')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @ApiProduces('text/html')
  report(@CurrentActor() actor: Actor, @Query() query: MotionReportQuery) {
    return this.reports.undecidedReport(actor, query);
  }

  @Get('motions/statistics')
  statistics(@CurrentActor() actor: Actor, @Query() query: MotionStatisticsQuery) {
    return this.reports.statistics(actor, query);
  }

  @Get('motions/:id')
  get(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string) {
    return this.motions.getMotion(actor, id);
  }

  @Patch('motions/:id')
  @Roles('admin', 'registrar')
  update(
    @CurrentActor() actor: Actor,
    @Param('id', IdPipe) id: string,
    @RequestBody() dto: UpdateMotionDto,
  ) {
    return this.motions.updateMotion(actor, id, dto);
  }

  @Post('motions/:id/documents')
  @Roles('admin', 'registrar')
  addDocument(
    @CurrentActor() actor: Actor,
    @Param('id', IdPipe) id: string,
    @RequestBody() dto: AddMotionDocumentDto,
  ) {
    return this.motions.addDocument(actor, id, dto);
  }

  /** One step of the life cycle (refer, answer, send_back, table, decide, withdraw). */
  @Post('motions/:id/events')
  @Roles('admin', 'registrar')
  takeStep(
    @CurrentActor() actor: Actor,
    @Param('id', IdPipe) id: string,
    @RequestBody() dto: MotionStepDto,
  ) {
    return this.motions.takeStep(actor, id, dto);
  }

  /** E-proposals: a signature count. */
  @Post('motions/:id/signatures')
  @Roles('admin', 'registrar')
  recordSignatures(
    @CurrentActor() actor: Actor,
    @Param('id', IdPipe) id: string,
    @RequestBody() dto: SignatureCountDto,
  ) {
    return this.motions.recordSignatures(actor, id, dto);
  }

  /** E-proposals: the signature period closes (threshold reached, or closed for lack of signatures). */
  @Post('motions/:id/signature-period/close')
  @Roles('admin', 'registrar')
  closeSignaturePeriod(
    @CurrentActor() actor: Actor,
    @Param('id', IdPipe) id: string,
    @RequestBody() dto: CloseSignaturePeriodDto,
  ) {
    return this.motions.closeSignaturePeriod(actor, id, dto);
  }

  /** A council's dated settings: accepts medborgarförslag / e-förslag from–to. */
  @Get('bodies/:id/proposal-settings')
  proposalSettings(@Param('id', IdPipe) id: string, @Query() query: ProposalSettingsQuery) {
    return this.settings.list(id, query.on);
  }

  @Post('bodies/:id/proposal-settings')
  @Roles('admin', 'registrar')
  addProposalSetting(
    @CurrentActor() actor: Actor,
    @Param('id', IdPipe) id: string,
    @RequestBody() dto: CreateProposalSettingDto,
  ) {
    return this.settings.create(actor, id, dto);
  }

  /** Ends a period (the council abolishes or replaces the kind on a date). */
  @Patch('proposal-settings/:id')
  @Roles('admin', 'registrar')
  endProposalSetting(
    @CurrentActor() actor: Actor,
    @Param('id', IdPipe) id: string,
    @RequestBody() dto: EndProposalSettingDto,
  ) {
    return this.settings.end(actor, id, dto);
  }

  @Get('people/:id/motions')
  personMotions(
    @CurrentActor() actor: Actor,
    @Param('id', IdPipe) id: string,
    @Query() page: PageQuery,
  ) {
    return this.motions.listPersonMotions(actor, id, page);
  }

  @Get('people/:id/motions/feed')
  @Header('Content-Type', 'application/atom+xml; charset=utf-8')
  @ApiProduces('application/atom+xml')
  personFeed(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string) {
    return this.reports.personFeed(actor, id, this.config.PUBLIC_BASE_URL!);
  }

  @Get('bodies/:id/motions/feed')
  @Header('Content-Type', 'application/atom+xml; charset=utf-8')
  @ApiProduces('application/atom+xml')
  bodyFeed(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string) {
    return this.reports.bodyFeed(actor, id, this.config.PUBLIC_BASE_URL!);
  }

  @Get('bodies/:id/motion-settings')
  getSetting(@Param('id', IdPipe) id: string) {
    return this.motions.getBodySetting(id);
  }

  @Put('bodies/:id/motion-settings')
  @Roles('admin', 'registrar')
  setSetting(
    @CurrentActor() actor: Actor,
    @Param('id', IdPipe) id: string,
    @RequestBody() dto: MotionBodySettingDto,
  ) {
    return this.motions.setBodySetting(actor, id, dto);
  }

  /** The signed-in politician's own motions. */
  @Get('me/motions')
  @Roles('politician')
  myMotions(@CurrentActor() actor: Actor, @Query() page: PageQuery) {
    return this.motions.listMyMotions(actor, page);
  }
}
