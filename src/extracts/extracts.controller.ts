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
import { ExtractsService, ExtractView } from './extracts.service';
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

  /**
   * Which extract a document with this SHA-256 is (a recipient verifying a copy), and whether
   * its signature is authentic. With exactly one match, the X-Signature headers carry it too.
   */
  @Get('extracts/by-hash/:sha256')
  async byHash(
    @CurrentActor() actor: Actor,
    @Param() params: HashParam,
    @Res({ passthrough: true }) res: Response,
  ) {
    const found = await this.extracts.findByHash(actor, params.sha256);
    if (found.items.length === 1) setSignatureHeaders(res, found.items[0]);
    return found;
  }

  @Get('extracts/:id')
  async get(
    @CurrentActor() actor: Actor,
    @Param('id', IdPipe) id: string,
    @Res({ passthrough: true }) res: Response,
  ) {
    const extract = await this.extracts.getExtract(actor, id);
    setSignatureHeaders(res, extract);
    return extract;
  }

  /**
   * The certified document; X-Content-SHA256 and ETag carry the hash of the bytes served, the
   * X-Signature headers the signature. A copy that is not authentic is served with a warning at
   * the top (so its hash is no extract's).
   */
  @Get('extracts/:id/extract.html')
  @ApiProduces('text/html')
  async html(
    @CurrentActor() actor: Actor,
    @Param('id', IdPipe) id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const rendered = await this.extracts.renderExtract(actor, id);
    setSignatureHeaders(res, rendered.extract);
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

/**
 * X-Signature (base64 Ed25519), X-Signing-Key-Id, and X-Signature-Status: authentic, invalid,
 * unknown-key, unsigned or content-mismatch (the result of checking it against the key folder).
 */
function setSignatureHeaders(res: Response, extract: ExtractView): void {
  const a = extract.authenticity;
  res.setHeader('X-Signature-Status', a.status);
  if (a.signature) res.setHeader('X-Signature', a.signature);
  if (a.keyId) res.setHeader('X-Signing-Key-Id', a.keyId);
}
