import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { IsCalendarDate } from '../../common/dates';
import { PageQuery } from '../../common/pagination';
import { DECISION_STATUSES, DecisionStatus } from '../decision-status';

export class AsOfQuery {
  @ApiPropertyOptional({ description: 'Day the legal status is computed for (default today)' })
  @IsOptional()
  @IsCalendarDate()
  on?: string;
}

export class ListDecisionsQuery extends PageQuery {
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @IsOptional()
  @IsUUID()
  bodyId?: string;

  @ApiPropertyOptional({ description: 'Meetings on or after this day' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ description: 'Meetings on or before this day' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;

  @ApiPropertyOptional({ description: 'Part of the case number (dnr)', example: 'RS/1234/2024' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  caseNumber?: string;

  @ApiPropertyOptional({ description: 'Text in the title, description, reference or a clause' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  q?: string;

  @ApiPropertyOptional({ enum: DECISION_STATUSES })
  @IsOptional()
  @IsIn(DECISION_STATUSES)
  status?: DecisionStatus;

  @ApiPropertyOptional({ description: 'Day the legal status is computed for (default today)' })
  @IsOptional()
  @IsCalendarDate()
  on?: string;
}

export class DelegationDecisionsRegisterQuery {
  @IsUUID()
  organisationId: string;

  @IsOptional()
  @IsUUID()
  bodyId?: string;
}
