import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor } from '../common/auth/actor';
import { CurrentActor } from '../common/auth/auth.decorators';

@ApiTags('access')
@ApiBearerAuth()
@Controller('api/me')
export class MeController {
  /** Who the token belongs to (anonymous without one). */
  @Get()
  me(@CurrentActor() actor: Actor): Actor {
    return actor;
  }
}
