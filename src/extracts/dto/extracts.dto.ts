import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDateString,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate } from '../../common/dates';
import { PageQuery } from '../../common/pagination';

export const RECIPIENT_KINDS = ['person', 'officer_role', 'body', 'external_organisation'] as const;
export type RecipientKind = (typeof RECIPIENT_KINDS)[number];

export const DISTRIBUTION_HEADINGS = ['utdrag_till', 'expedieras_till'] as const;
export type DistributionHeading = (typeof DISTRIBUTION_HEADINGS)[number];

export const DISPATCH_CHANNELS = ['email', 'internal_mail', 'post', 'archive'] as const;
export type DispatchChannel = (typeof DISPATCH_CHANNELS)[number];

export class CreateRecipientDto {
  @ApiProperty({
    enum: RECIPIENT_KINDS,
    description:
      'person (personId), officer_role ("Ekonomidirektör"), body (bodyId), external_organisation',
  })
  @IsIn(RECIPIENT_KINDS)
  kind: RecipientKind;

  @ApiPropertyOptional({
    example: 'Ekonomidirektör',
    description:
      "Required for officer roles and external organisations; default the person's or body's name",
  })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  name?: string;

  @ApiPropertyOptional({ description: 'For kind person' })
  @IsOptional()
  @IsUUID()
  personId?: string;

  @ApiPropertyOptional({ description: 'For kind body' })
  @IsOptional()
  @IsUUID()
  bodyId?: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsEmail()
  email?: string | null;
}

export class UpdateRecipientDto {
  @IsOptional()
  @IsString()
  @Length(1, 300)
  name?: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsEmail()
  email?: string | null;

  @ApiPropertyOptional({ description: 'false retires the recipient from new distribution lists' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class ListRecipientsQuery extends PageQuery {
  @IsOptional()
  @IsIn(RECIPIENT_KINDS)
  kind?: RecipientKind;

  @ApiPropertyOptional({ description: 'Part of the name' })
  @IsOptional()
  @IsString()
  q?: string;

  @ApiPropertyOptional({ description: 'Include retired recipients' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  includeInactive?: boolean;
}

export class DistributionEntryDto {
  @ApiProperty()
  @IsUUID()
  recipientId: string;

  @ApiPropertyOptional({ example: 'för kännedom' })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  note?: string;
}

export class SetDistributionDto {
  @ApiProperty({ description: 'true: "Expedieras inte" (then entries must be empty)' })
  @IsBoolean()
  notDispatched: boolean;

  @ApiPropertyOptional({
    enum: DISTRIBUTION_HEADINGS,
    default: 'expedieras_till',
    description: 'How the list is headed in the minutes: "Utdrag till" or "Expedieras till"',
  })
  @IsOptional()
  @IsIn(DISTRIBUTION_HEADINGS)
  heading?: DistributionHeading;

  @ApiPropertyOptional({ type: [DistributionEntryDto], description: 'Recipients, in order' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => DistributionEntryDto)
  entries?: DistributionEntryDto[];
}

export class IssueExtractDto {
  @ApiProperty({ type: [String], description: 'Paragraphs of one meeting, in the order wanted' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  paragraphIds: string[];

  @ApiPropertyOptional({ description: 'The person certifying "Rätt utdraget intygar"' })
  @IsOptional()
  @IsUUID()
  certifierPersonId?: string;

  @ApiPropertyOptional({
    example: 'Anna Registrator',
    description: 'Certifier by name (default: the issuing user, or its person)',
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  certifierName?: string;

  @ApiPropertyOptional({ example: 'Registrator' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  certifierTitle?: string;

  @ApiPropertyOptional({ description: 'Date written under the certification (default today)' })
  @IsOptional()
  @IsCalendarDate()
  issuedOn?: string;
}

export class ListExtractsQuery extends PageQuery {
  @ApiProperty()
  @IsUUID()
  organisationId: string;

  @IsOptional()
  @IsUUID()
  meetingId?: string;

  @IsOptional()
  @IsUUID()
  paragraphId?: string;
}

export class DispatchDto {
  @ApiProperty()
  @IsUUID()
  recipientId: string;

  @ApiProperty({ enum: DISPATCH_CHANNELS, description: 'archive = put in the file ("Akt")' })
  @IsIn(DISPATCH_CHANNELS)
  channel: DispatchChannel;

  @ApiPropertyOptional({
    description: "E-mail or postal address used (default the recipient's e-mail)",
  })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  address?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  note?: string;

  @ApiPropertyOptional({ description: 'When it was sent (default now)' })
  @IsOptional()
  @IsDateString({ strict: true })
  dispatchedAt?: string;
}

export class OrganisationQuery extends PageQuery {
  @ApiProperty()
  @IsUUID()
  organisationId: string;
}

export class HashParam {
  @Matches(/^[0-9a-f]{64}$/, { message: 'sha256 must be 64 lowercase hex digits' })
  sha256: string;
}
