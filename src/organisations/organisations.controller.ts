import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor } from '../common/auth/actor';
import { CurrentActor, Roles } from '../common/auth/auth.decorators';
import { IdPipe } from '../common/id.pipe';
import {
  CreateOrganisationDto,
  ListOrganisationsQuery,
  UpdateOrganisationDto,
} from './dto/organisation.dto';
import { OrganisationsService } from './organisations.service';

@ApiTags('registry')
@ApiBearerAuth()
@Controller('api/organisations')
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Post()
  @Roles('admin')
  create(@CurrentActor() actor: Actor, @Body() dto: CreateOrganisationDto) {
    return this.organisations.createOrganisation(actor, dto);
  }

  @Get()
  list(@Query() query: ListOrganisationsQuery) {
    return this.organisations.listOrganisations(query);
  }

  @Get(':id')
  get(@Param('id', IdPipe) id: string) {
    return this.organisations.getOrganisation(id);
  }

  @Patch(':id')
  update(
    @CurrentActor() actor: Actor,
    @Param('id', IdPipe) id: string,
    @Body() dto: UpdateOrganisationDto,
  ) {
    return this.organisations.updateOrganisation(actor, id, dto);
  }
}
