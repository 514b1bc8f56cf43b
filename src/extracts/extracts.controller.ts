import {
  Body as RequestBody,
  Controller,
  Get,
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
import { PageQuery } from '../common/pagination';
import { DispatchService } from './dispatch.service';
import { DistributionService } from './distribution.service';
import {
  CreateRecipientDto,
  DispatchDto,
  HashParam,
  IssueExtractDto,
  ListExtractsQuery,
  ListRecipientsQuery,
  SetDistributionDto,
  UpdateRecipientDto,
} from './dto/extracts.dto';
import { ExtractsService } from './extracts.service';
import { RecipientsService } from './recipients.service';

@ApiTags('extracts')
@ApiBearerAuth()
@Controller('api')
export class RecipientsController {
  constructor(private readonly recipients: RecipientsService) {}

  @Post('organisations/:organisationId/recipients')
  @Roles('admin', 'registrar')
  create(
    @CurrentActor() actor: Actor,
    @Param('organisationId', IdPipe) organisationId: string,
    @RequestBody() dto: CreateRecipientDto,
  ) {
    return this.recipients.createRecipient(actor, organisationId, dto);
  }

  @Get('organisations/:organisationId/recipients')
  list(
    @CurrentActor() actor: Actor,
    @Param('organisationId', IdPipe) organisationId: string,
    @Query() query: ListRecipientsQuery,
  ) {
    return this.recipients.listRecipients(actor, organisationId, query);
  }

  @Get('recipients/:id')
  get(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string) {
    return this.recipients.getRecipient(actor, id);
  }

  @Patch('recipients/:id')
  @Roles('admin', 'registrar')
  update(
    @CurrentActor() actor: Actor,
    @Param('id', IdPipe) id: string,
    @RequestBody() dto: UpdateRecipientDto,
  ) {
    return this.recipients.updateRecipient(actor, id, dto);
  }
}

@ApiTags('extracts')
@ApiBearerAuth()
@Controller('api')
export class DistributionController {
  constructor(private readonly distribution: DistributionService) {}

  /** Sets the list ("Utdrag till" / "Expedieras till") or "Expedieras inte" before adjustment. */
  @Put('paragraphs/:id/distribution')
  @Roles('admin', 'registrar')
  set(
    @CurrentActor() actor: Actor,
    @Param('id', IdPipe) id: string,
    @RequestBody() dto: SetDistributionDto,
  ) {
    return this.distribution.setDistribution(actor, id, dto);
  }

  @Get('paragraphs/:id/distribution')
  get(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string) {
    return this.distribution.getDistribution(actor, id);
  }

  /** Unadjusted paragraphs of the meeting with neither a list nor "Expedieras inte". */
  @Get('meetings/:meetingId/distribution/incomplete')
  incompleteOfMeeting(@CurrentActor() actor: Actor, @Param('meetingId', IdPipe) meetingId: string) {
    return this.distribution.listIncomplete(actor, { meetingId });
  }

  @Get('organisations/:organisationId/distribution/incomplete')
  incompleteOfOrganisation(
    @CurrentActor() actor: Actor,
    @Param('organisationId', IdPipe) organisationId: string,
  ) {
    return this.distribution.listIncomplete(actor, { organisationId });
  }
}

@ApiTags('extracts')
@ApiBearerAuth()
@Controller('api')
export class ExtractsController {
  constructor(
    private readonly extracts: ExtractsService,
    private readonly dispatch: DispatchService,
  ) {}

  /** Issues a certified extract (protokollsutdrag) of adjusted paragraphs of one meeting. */
  @Post('extracts')
  @Roles('admin', 'registrar')
  issue(@CurrentActor() actor: Actor, @RequestBody() dto: IssueExtractDto) {
    return this.extracts.issueExtract(actor, dto);
  }

  @Get('extracts')
  list(@CurrentActor() actor: Actor, @Query() query: ListExtractsQuery) {
    return this.extracts.listExtracts(actor, query);
  }

  /** Which extract a document with this SHA-256 is (a recipient verifying a copy). */
  @Get('extracts/by-hash/:sha256')
  byHash(@CurrentActor() actor: Actor, @Param() params: HashParam) {
    return this.extracts.findByHash(actor, params.sha256);
  }

  @Get('extracts/:id')
  get(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string) {
    return this.extracts.getExtract(actor, id);
  }

  /** The certified document; X-Content-SHA256 and ETag carry its hash. */
  @Get('extracts/:id/extract.html')
  @ApiProduces('text/html')
  async html(
    @CurrentActor() actor: Actor,
    @Param('id', IdPipe) id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const rendered = await this.extracts.renderExtract(actor, id);
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader('X-Content-SHA256', rendered.contentHash);
    res.setHeader('ETag', `"sha256-${rendered.contentHash}"`);
    res.setHeader(
      'Repr-Digest',
      `sha-256=:${Buffer.from(rendered.contentHash, 'hex').toString('base64')}:`,
    );
    return rendered.html;
  }

  /** Records that the extract was sent to a recipient; a re-send is a new record. */
  @Post('extracts/:id/dispatches')
  @Roles('admin', 'registrar')
  recordDispatch(
    @CurrentActor() actor: Actor,
    @Param('id', IdPipe) id: string,
    @RequestBody() dto: DispatchDto,
  ) {
    return this.dispatch.recordDispatch(actor, id, dto);
  }

  @Get('extracts/:id/dispatches')
  dispatches(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string) {
    return this.dispatch.listDispatches(actor, id);
  }

  /** The registrar's work queue: listed recipients of adjusted paragraphs not yet sent to. */
  @Get('organisations/:organisationId/dispatch-queue')
  queue(
    @CurrentActor() actor: Actor,
    @Param('organisationId', IdPipe) organisationId: string,
    @Query() page: PageQuery,
  ) {
    return this.dispatch.workQueue(actor, organisationId, page);
  }
}
