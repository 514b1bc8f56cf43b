import { ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate } from '../../common/dates';
import { DELEGATION_MATTER_KINDS, DelegationMatterKind } from '../delegation-rules';

export class CreateDelegationDto {
  @IsUUID()
  fromBodyId: string;

  @ApiPropertyOptional({ description: 'The delegate body (or give toRole / toHolderName)' })
  @IsOptional()
  @IsUUID()
  toBodyId?: string;

  @ApiPropertyOptional({ example: 'kommunstyrelsens ordförande' })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  toRole?: string;

  @ApiPropertyOptional({ example: 'Gunnar Andersson' })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  toHolderName?: string;

  @ApiPropertyOptional({ type: [String], description: 'Kinds of matter, as printed' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @Length(1, 1000, { each: true })
  matters?: string[];

  @ApiPropertyOptional({ enum: DELEGATION_MATTER_KINDS, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(DELEGATION_MATTER_KINDS, { each: true })
  matterKinds?: DelegationMatterKind[];

  @ApiPropertyOptional({ description: 'Omit when not printed (stored as unknown)' })
  @IsOptional()
  @IsCalendarDate()
  validFrom?: string;

  @IsOptional()
  @IsCalendarDate()
  validTo?: string;

  @ApiPropertyOptional({ description: 'Decisions under it are open to laglighetsprövning' })
  @IsBoolean()
  appealable: boolean;

  @IsOptional()
  @IsUUID()
  decidedInParagraphId?: string;

  @ApiPropertyOptional({ example: 'KF 2019-02-25 § 12' })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  decidedInReference?: string;
}

export class UpdateDelegationDto extends PartialType(CreateDelegationDto) {}

export class CreateDelegationDecisionDto {
  @ApiPropertyOptional({ description: 'The delegating body (default: that of the delegation)' })
  @IsOptional()
  @IsUUID()
  bodyId?: string;

  @IsOptional()
  @IsUUID()
  delegationId?: string;

  @IsCalendarDate()
  decidedOn: string;

  @ApiPropertyOptional({ example: 'Gunnar Andersson' })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  decidedByName?: string;

  @ApiPropertyOptional({ example: 'kommunstyrelsens ordförande' })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  decidedByRole?: string;

  @IsString()
  @Length(1, 500)
  title: string;

  @IsOptional()
  @IsString()
  @Length(1, 100_000)
  text?: string;

  @IsOptional()
  @IsString()
  @Length(1, 100)
  caseNumber?: string;
}

export class UpdateDelegationDecisionDto extends PartialType(CreateDelegationDecisionDto) {}

export class ReportedItemDto {
  @IsOptional()
  @IsUUID()
  paragraphId?: string;

  @IsOptional()
  @IsUUID()
  delegationDecisionId?: string;

  @ApiPropertyOptional({ description: 'A decision printed in the list but not in the register' })
  @IsOptional()
  @ValidateIf((_, v) => v !== undefined)
  @IsString()
  @Length(1, 2000)
  printedText?: string;
}

export class ReportedDelegationDecisionsDto {
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => ReportedItemDto)
  items: ReportedItemDto[];
}
