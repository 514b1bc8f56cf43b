import { Body as RequestBody, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor } from '../common/auth/actor';
import { CurrentActor, Roles } from '../common/auth/auth.decorators';
import { IdPipe } from '../common/id.pipe';
import { SetNextNumberDto } from './dto/numbering.dto';
import { NumberingService } from './numbering.service';

@ApiTags('registry')
@ApiBearerAuth()
@Controller('api/bodies/:id/numbering')
export class NumberingController {
  constructor(private readonly numbering: NumberingService) {}

  @Get()
  get(@Param('id', IdPipe) id: string) {
    return this.numbering.getNumbering(id);
  }

  @Put('next-number')
  @Roles('admin', 'registrar')
  setNext(
    @CurrentActor() actor: Actor,
    @Param('id', IdPipe) id: string,
    @RequestBody() dto: SetNextNumberDto,
  ) {
    return this.numbering.setNextNumber(actor, id, dto);
  }
}
