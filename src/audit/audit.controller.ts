import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/auth/auth.decorators';
import { AuditService, ListAuditQuery } from './audit.service';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Roles('admin')
  list(@Query() query: ListAuditQuery) {
    return this.audit.listAuditEvents(query);
  }

  /** Recomputes every hash of the audit chain and reports the first broken link. */
  @Get('verify')
  @Roles('admin')
  verify() {
    return this.audit.verifyChain();
  }

  /** The head of the hash chain (public): position, hash and when it last moved. */
  @Get('head')
  head() {
    return this.audit.head();
  }
}
