import {
  Body as RequestBody,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Actor } from '../common/auth/actor';
import { CurrentActor, Roles } from '../common/auth/auth.decorators';
import { IdPipe } from '../common/id.pipe';
import { CitationService } from './citation.service';
import {
  ApplicantDto,
  CreateApplicationDto,
  LinkAuthorisationDto,
  ListApplicationsQuery,
  PayDisbursementDto,
  RecordGrantDecisionDto,
  ReplaceMeasuresDto,
  ReportDeadlinesQuery,
  SubmitApplicationDto,
  SubmitReportDto,
  UpdateApplicantDto,
  UpdateApplicationDto,
} from './dto/grants.dto';
import { GrantApplicationsService } from './grant-applications.service';
import { GrantDecisionsService } from './grant-decisions.service';

@ApiTags('grants')
@ApiBearerAuth()
@Controller('api')
export class GrantsController {
  constructor(
    private readonly applications: GrantApplicationsService,
    private readonly grantDecisions: GrantDecisionsService,
    private readonly citations: CitationService,
  ) {}

  @Post('grant-applications')
  @Roles('admin', 'registrar')
  create(@CurrentActor() actor: Actor, @RequestBody() dto: CreateApplicationDto) {
    return this.applications.createApplication(actor, dto);
  }

  @Get('grant-applications')
  list(@CurrentActor() actor: Actor, @Query() query: ListApplicationsQuery) {
    return this.applications.listApplications(actor, query);
  }

  @Get('grant-applications/:id')
  get(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string) {
    return this.applications.getApplication(actor, id);
  }

  @Patch('grant-applications/:id')
  @Roles('admin', 'registrar')
  update(
    @CurrentActor() actor: Actor,
    @Param('id', IdPipe) id: string,
    @RequestBody() dto: UpdateApplicationDto,
  ) {
    return this.applications.updateApplication(actor, id, dto);
  }

  @Put('grant-applications/:id/measures')
  @Roles('admin', 'registrar')
  replaceMeasures(
    @CurrentActor() actor: Actor,
    @Param('id', IdPipe) id: string,
    @RequestBody() dto: ReplaceMeasuresDto,
  ) {
    return this.applications.replaceMeasures(actor, id, dto);
  }

  @Post('grant-applications/:id/applicants')
  @Roles('admin', 'registrar')
  addApplicant(
    @CurrentActor() actor: Actor,
    @Param('id', IdPipe) id: string,
    @RequestBody() dto: ApplicantDto,
  ) {
    return this.applications.addApplicant(actor, id, dto);
  }

  @Patch('grant-applicants/:id')
  @Roles('admin', 'registrar')
  updateApplicant(
    @CurrentActor() actor: Actor,
    @Param('id', IdPipe) id: string,
    @RequestBody() dto: UpdateApplicantDto,
  ) {
    return this.applications.updateApplicant(actor, id, dto);
  }

  /** Links the decision clause (att-sats) authorising this applicant's participation. */
  @Put('grant-applicants/:id/authorisation')
  @Roles('admin', 'registrar')
  link(
    @CurrentActor() actor: Actor,
    @Param('id', IdPipe) id: string,
    @RequestBody() dto: LinkAuthorisationDto,
  ) {
    return this.applications.linkAuthorisation(actor, id, dto);
  }

  @Delete('grant-applicants/:id/authorisation')
  @Roles('admin', 'registrar')
  unlink(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string) {
    return this.applications.unlinkAuthorisation(actor, id);
  }

  @Post('grant-applications/:id/submit')
  @HttpCode(200)
  @Roles('admin', 'registrar')
  submit(
    @CurrentActor() actor: Actor,
    @Param('id', IdPipe) id: string,
    @RequestBody() dto: SubmitApplicationDto,
  ) {
    return this.applications.submit(actor, id, dto);
  }

  @Post('grant-applications/:id/close')
  @HttpCode(200)
  @Roles('admin', 'registrar')
  close(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string) {
    return this.applications.close(actor, id);
  }

  /** Certificate (Swedish, printable HTML) citing each applicant's authorising decision. */
  @Get('grant-applications/:id/citation.html')
  @ApiProduces('text/html')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async citation(
    @CurrentActor() actor: Actor,
    @Param('id', IdPipe) id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    // Signed as rendered: X-Signature (base64 Ed25519) over the statement naming X-Content-SHA256.
    const signed = await this.citations.renderCitation(actor, id);
    res.setHeader('X-Content-SHA256', signed.contentHash);
    res.setHeader('X-Signature', signed.signature);
    res.setHeader('X-Signing-Key-Id', signed.keyId);
    return signed.html;
  }

  @Post('grant-applications/:id/decision')
  @Roles('admin', 'registrar')
  recordDecision(
    @CurrentActor() actor: Actor,
    @Param('id', IdPipe) id: string,
    @RequestBody() dto: RecordGrantDecisionDto,
  ) {
    return this.grantDecisions.recordDecision(actor, id, dto);
  }

  @Get('grant-applications/:id/decision')
  getDecision(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string) {
    return this.grantDecisions.getGrantDecision(actor, id);
  }

  @Post('grant-disbursements/:id/payment')
  @HttpCode(200)
  @Roles('admin', 'registrar')
  pay(
    @CurrentActor() actor: Actor,
    @Param('id', IdPipe) id: string,
    @RequestBody() dto: PayDisbursementDto,
  ) {
    return this.grantDecisions.payDisbursement(actor, id, dto);
  }

  @Post('grant-reports/:id/submission')
  @HttpCode(200)
  @Roles('admin', 'registrar')
  submitReport(
    @CurrentActor() actor: Actor,
    @Param('id', IdPipe) id: string,
    @RequestBody() dto: SubmitReportDto,
  ) {
    return this.grantDecisions.submitReport(actor, id, dto);
  }

  /** Upcoming (and overdue) grant reports across every application of the organisation. */
  @Get('organisations/:id/grant-report-deadlines')
  deadlines(@Param('id', IdPipe) id: string, @Query() query: ReportDeadlinesQuery) {
    return this.grantDecisions.reportDeadlines(id, query);
  }
}
