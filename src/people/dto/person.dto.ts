import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, IsUUID, Length, ValidateIf } from 'class-validator';
import { IsCalendarDate } from '../../common/dates';
import { PageQuery } from '../../common/pagination';
import { MEMBERSHIP_ROLES, MembershipRole } from '../membership.entity';

export class CreatePersonDto {
  @ApiProperty()
  @IsUUID()
  organisationId: string;

  @ApiProperty({ example: 'Robert Hamberg' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiPropertyOptional({ example: 'M', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @Length(1, 20)
  party?: string | null;

  @ApiPropertyOptional({ example: 'Regiondirektör', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @Length(1, 200)
  title?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsEmail()
  email?: string | null;
}

export class UpdatePersonDto extends PartialType(
  OmitType(CreatePersonDto, ['organisationId'] as const),
) {}

export class ListPeopleQuery extends PageQuery {
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @IsOptional()
  @IsString()
  party?: string;

  @ApiPropertyOptional({ description: 'Part of the name' })
  @IsOptional()
  @IsString()
  q?: string;
}

export class CreateMembershipDto {
  @ApiProperty()
  @IsUUID()
  personId: string;

  @ApiProperty({ enum: MEMBERSHIP_ROLES })
  @IsIn(MEMBERSHIP_ROLES)
  role: MembershipRole;

  @ApiProperty({ example: '2023-01-01' })
  @IsCalendarDate()
  validFrom: string;

  @ApiPropertyOptional({ example: '2026-12-31', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsCalendarDate()
  validTo?: string | null;
}

export class UpdateMembershipDto extends PartialType(
  OmitType(CreateMembershipDto, ['personId'] as const),
) {}

export class ListMembershipsQuery {
  @ApiPropertyOptional({ description: 'Only seats held on this day' })
  @IsOptional()
  @IsCalendarDate()
  on?: string;
}
