import { Body as RequestBody, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor } from '../common/auth/actor';
import { CurrentActor, Roles } from '../common/auth/auth.decorators';
import { IdPipe } from '../common/id.pipe';
import { BodiesService } from './bodies.service';
import { CreateBodyDto, ListBodiesQuery, UpdateBodyDto } from './dto/body.dto';

@ApiTags('registry')
@ApiBearerAuth()
@Controller('api')
export class BodiesController {
  constructor(private readonly bodies: BodiesService) {}

  @Post('organisations/:organisationId/bodies')
  @Roles('admin', 'registrar')
  create(
    @CurrentActor() actor: Actor,
    @Param('organisationId', IdPipe) organisationId: string,
    @RequestBody() dto: CreateBodyDto,
  ) {
    return this.bodies.createBody(actor, organisationId, dto);
  }

  @Get('bodies')
  list(@Query() query: ListBodiesQuery) {
    return this.bodies.listBodies(query);
  }

  @Get('bodies/:id')
  get(@Param('id', IdPipe) id: string) {
    return this.bodies.getBody(id);
  }

  @Patch('bodies/:id')
  @Roles('admin', 'registrar')
  update(
    @CurrentActor() actor: Actor,
    @Param('id', IdPipe) id: string,
    @RequestBody() dto: UpdateBodyDto,
  ) {
    return this.bodies.updateBody(actor, id, dto);
  }
}
