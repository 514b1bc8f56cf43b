import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor } from '../common/auth/actor';
import { CurrentActor, Roles } from '../common/auth/auth.decorators';
import { IdPipe } from '../common/id.pipe';
import { SkipIdempotency } from '../common/idempotency/idempotency.decorator';
import { PageQuery } from '../common/pagination';
import { UsersAdminService } from './users-admin.service';

@ApiTags('access')
@ApiBearerAuth()
@Controller('api/users')
export class UsersController {
  constructor(private readonly admin: UsersAdminService) {}

  /** Every user by name, with its token's expiry and revocation (admin; never the token hash). */
  @Get()
  @Roles('admin')
  list(@CurrentActor() actor: Actor, @Query() query: PageQuery) {
    return this.admin.list(actor, query);
  }

  /** Revokes the user's token; it is refused from the next request on. */
  @Post(':id/revoke')
  @HttpCode(200)
  @Roles('admin')
  revoke(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string) {
    return this.admin.revoke(actor, id);
  }

  /**
   * Gives the user a new token, returned only in this response; the old one stops working.
   * Never replayed through Idempotency-Key (the token is not stored).
   */
  @Post(':id/token')
  @HttpCode(200)
  @Roles('admin')
  @SkipIdempotency()
  rotate(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string) {
    return this.admin.rotate(actor, id);
  }
}
