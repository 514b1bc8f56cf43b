import { Body as RequestBody, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor } from '../common/auth/actor';
import { CurrentActor, Roles } from '../common/auth/auth.decorators';
import { IdPipe } from '../common/id.pipe';
import {
  CreateMembershipDto,
  CreatePersonDto,
  ListMembershipsQuery,
  ListPeopleQuery,
  UpdateMembershipDto,
  UpdatePersonDto,
} from './dto/person.dto';
import { PeopleService } from './people.service';

@ApiTags('registry')
@ApiBearerAuth()
@Controller('api')
export class PeopleController {
  constructor(private readonly people: PeopleService) {}

  @Post('people')
  @Roles('admin', 'registrar')
  create(@CurrentActor() actor: Actor, @RequestBody() dto: CreatePersonDto) {
    return this.people.createPerson(actor, dto);
  }

  @Get('people')
  list(@CurrentActor() actor: Actor, @Query() query: ListPeopleQuery) {
    return this.people.listPeople(actor, query);
  }

  @Get('people/:id')
  get(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string) {
    return this.people.getPerson(actor, id);
  }

  @Patch('people/:id')
  @Roles('admin', 'registrar')
  update(
    @CurrentActor() actor: Actor,
    @Param('id', IdPipe) id: string,
    @RequestBody() dto: UpdatePersonDto,
  ) {
    return this.people.updatePerson(actor, id, dto);
  }

  @Post('bodies/:bodyId/memberships')
  @Roles('admin', 'registrar')
  addMembership(
    @CurrentActor() actor: Actor,
    @Param('bodyId', IdPipe) bodyId: string,
    @RequestBody() dto: CreateMembershipDto,
  ) {
    return this.people.addMembership(actor, bodyId, dto);
  }

  @Get('bodies/:bodyId/memberships')
  listMemberships(@Param('bodyId', IdPipe) bodyId: string, @Query() query: ListMembershipsQuery) {
    return this.people.listMemberships(bodyId, query.on);
  }

  @Patch('memberships/:id')
  @Roles('admin', 'registrar')
  updateMembership(
    @CurrentActor() actor: Actor,
    @Param('id', IdPipe) id: string,
    @RequestBody() dto: UpdateMembershipDto,
  ) {
    return this.people.updateMembership(actor, id, dto);
  }
}
