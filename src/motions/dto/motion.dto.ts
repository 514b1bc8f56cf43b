import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
} from 'class-validator';
import { IsCalendarDate } from '../../common/dates';
import { IsPartialDate } from '../../common/partial-date';
import { PageQuery } from '../../common/pagination';
import {
  MOTION_KINDS,
  MOTION_OUTCOMES,
  MOTION_STATUSES,
  MOTION_STEPS,
  MotionKind,
  MotionOutcome,
  MotionStatus,
  MotionStep,
} from '../motion-rules';
import { PROPOSAL_SETTING_KINDS, ProposalSettingKind } from '../motion.entity';

const toBoolean = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

export class CreateMotionDto {
  @ApiProperty({ description: 'The body where it is raised' })
  @IsUUID()
  bodyId: string;

  @ApiProperty({ enum: MOTION_KINDS })
  @IsIn(MOTION_KINDS)
  kind: MotionKind;

  @ApiProperty({ example: 'Initiativärende om att nyttja effektivitetsdelegationen' })
  @IsString()
  @Length(1, 500)
  title: string;

  @ApiPropertyOptional({ example: 'RS/1234/2024' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  caseNumber?: string;

  @ApiPropertyOptional({
    example: '2024-03-26',
    description:
      'The day raised; a transcribed motion may give only the year (YYYY) or year and month (YYYY-MM), or leave it out with raisedOnUnknown',
  })
  @IsOptional()
  @IsPartialDate()
  raisedOn?: string;

  @ApiPropertyOptional({ description: 'The document gives no raised date (transcribed only)' })
  @IsOptional()
  @IsBoolean()
  raisedOnUnknown?: boolean;

  @ApiPropertyOptional({
    description: 'Entered from a printed document: partial or unknown dates are accepted',
  })
  @IsOptional()
  @IsBoolean()
  transcribed?: boolean;

  @ApiPropertyOptional({
    description: "A citizen proposal or e-proposal published without the proposer's name",
  })
  @IsOptional()
  @IsBoolean()
  citizenNameUnpublished?: boolean;

  @ApiPropertyOptional({
    description: 'E-proposal: signatures needed (default: the council setting in force)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10000000)
  signatureThreshold?: number;

  @ApiPropertyOptional({ description: 'The number printed on it', example: 'Nr 2001:25' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  printedNumber?: string;

  @ApiPropertyOptional({
    description:
      'Transcribed only: the party group behind a motion whose signatories are not named, e.g. "MP" or "S, MP"',
  })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  proposerParty?: string;

  @ApiPropertyOptional({ description: 'The paragraph where it was raised or announced' })
  @IsOptional()
  @IsUUID()
  raisedParagraphId?: string;

  @ApiPropertyOptional({
    description: 'People who signed it, in order (not for citizen proposals)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  signatoryIds?: string[];

  @ApiPropertyOptional({ description: 'The citizen behind a medborgarförslag' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  citizenName?: string;

  @ApiPropertyOptional({ description: 'Requested decision clauses ("att …"), in order' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 4000, { each: true })
  clauses?: string[];
}

export class UpdateMotionDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 500)
  title?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 100)
  caseNumber?: string;
}

export class AddMotionDocumentDto {
  @ApiProperty({ example: 'Svar på initiativärende från Robert Hamberg (M)' })
  @IsString()
  @Length(1, 500)
  title: string;

  @ApiProperty({ example: '2024-10-01' })
  @IsCalendarDate()
  documentDate: string;

  @ApiPropertyOptional({ description: 'File reference, document number or URL' })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  reference?: string;
}

export class MotionStepDto {
  @ApiProperty({ enum: MOTION_STEPS })
  @IsIn(MOTION_STEPS)
  step: MotionStep;

  @ApiPropertyOptional({
    description: 'Day of the event; defaults to the meeting date of paragraphId',
    example: '2024-04-02',
  })
  @IsOptional()
  @IsCalendarDate()
  date?: string;

  @ApiPropertyOptional({ description: 'The paragraph behind the event' })
  @IsOptional()
  @IsUUID()
  paragraphId?: string;

  @ApiPropertyOptional({ description: 'A document of this motion behind the event' })
  @IsOptional()
  @IsUUID()
  documentId?: string;

  @ApiPropertyOptional({ description: 'refer: to whom', example: 'Regiondirektören' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  referredTo?: string;

  @ApiPropertyOptional({ description: 'refer: answer due' })
  @IsOptional()
  @IsCalendarDate()
  answerDue?: string;

  @ApiPropertyOptional({ enum: MOTION_OUTCOMES, description: 'decide: the outcome' })
  @IsOptional()
  @IsIn(MOTION_OUTCOMES)
  outcome?: MotionOutcome;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 4000)
  note?: string;

  @ApiPropertyOptional({ description: 'open_signatures: first day of the signature period' })
  @IsOptional()
  @IsCalendarDate()
  signaturePeriodStart?: string;

  @ApiPropertyOptional({ description: 'open_signatures: last day of the signature period' })
  @IsOptional()
  @IsCalendarDate()
  signaturePeriodEnd?: string;

  @ApiPropertyOptional({ description: 'count_signatures / close_signatures: signatures so far' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100000000)
  signatureCount?: number;

  @ApiPropertyOptional({
    description:
      'close_signatures: whether the threshold was reached, when the count or threshold is not known',
  })
  @IsOptional()
  @IsBoolean()
  thresholdReached?: boolean;
}

/** POST /api/motions/:id/signatures: a signature count of an e-proposal. */
export class SignatureCountDto {
  @ApiProperty({ example: 312 })
  @IsInt()
  @Min(0)
  @Max(100000000)
  count: number;

  @ApiProperty({ example: '2023-05-01' })
  @IsCalendarDate()
  date: string;
}

/** POST /api/motions/:id/signature-period/close */
export class CloseSignaturePeriodDto {
  @ApiProperty({ example: '2023-06-30' })
  @IsCalendarDate()
  date: string;

  @ApiPropertyOptional({ description: 'The final count, when known' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100000000)
  count?: number;

  @ApiPropertyOptional({ description: 'When the count or the threshold is not known' })
  @IsOptional()
  @IsBoolean()
  thresholdReached?: boolean;
}

export class ListMotionsQuery extends PageQuery {
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @IsOptional()
  @IsUUID()
  bodyId?: string;

  @ApiPropertyOptional({ enum: MOTION_KINDS })
  @IsOptional()
  @IsIn(MOTION_KINDS)
  kind?: MotionKind;

  @ApiPropertyOptional({ enum: MOTION_STATUSES })
  @IsOptional()
  @IsIn(MOTION_STATUSES)
  status?: MotionStatus;

  @ApiPropertyOptional({ description: 'Motions this person signed' })
  @IsOptional()
  @IsUUID()
  signatoryId?: string;

  @ApiPropertyOptional({ description: 'Motions signed by someone of this party', example: 'M' })
  @IsOptional()
  @IsString()
  @Length(1, 20)
  party?: string;

  @ApiPropertyOptional({
    description: 'Only open motions past (true) or not past (false) their due day',
  })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({ description: 'The day "overdue" is judged on; default today' })
  @IsOptional()
  @IsCalendarDate()
  on?: string;

  @ApiPropertyOptional({ description: 'Raised on or after' })
  @IsOptional()
  @IsCalendarDate()
  raisedFrom?: string;

  @ApiPropertyOptional({ description: 'Raised on or before' })
  @IsOptional()
  @IsCalendarDate()
  raisedTo?: string;
}

export class DueMotionsQuery {
  @IsUUID()
  organisationId: string;

  @IsOptional()
  @IsUUID()
  bodyId?: string;

  @IsOptional()
  @IsIn(MOTION_KINDS)
  kind?: MotionKind;

  @ApiPropertyOptional({ description: 'The day judged on; default today' })
  @IsOptional()
  @IsCalendarDate()
  on?: string;

  @ApiPropertyOptional({ description: 'Soon due: due within this many days', default: 60 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(366)
  withinDays?: number;
}

export class MotionReportQuery {
  @IsUUID()
  organisationId: string;

  @ApiPropertyOptional({ description: 'Only motions raised in this body (e.g. the council)' })
  @IsOptional()
  @IsUUID()
  bodyId?: string;

  @ApiPropertyOptional({ description: 'State of the register on this day; default today' })
  @IsOptional()
  @IsCalendarDate()
  cutoff?: string;
}

export class MotionStatisticsQuery {
  @IsUUID()
  organisationId: string;

  @IsOptional()
  @IsUUID()
  bodyId?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1900)
  @Max(2200)
  year?: number;

  @ApiPropertyOptional({ description: 'Day the share within a year is judged on; default today' })
  @IsOptional()
  @IsCalendarDate()
  on?: string;
}

export class MotionBodySettingDto {
  @ApiProperty({
    description:
      'Whether the council takes medborgarförslag, with no dates (see proposal-settings for dated periods)',
  })
  @IsBoolean()
  allowsCitizenProposals: boolean;
}

export class CreateProposalSettingDto {
  @ApiProperty({ enum: PROPOSAL_SETTING_KINDS })
  @IsIn(PROPOSAL_SETTING_KINDS)
  kind: ProposalSettingKind;

  @ApiPropertyOptional({ description: 'First day in force; leave out when not known' })
  @IsOptional()
  @IsCalendarDate()
  validFrom?: string;

  @ApiPropertyOptional({ description: 'Last day in force; leave out while in force' })
  @IsOptional()
  @IsCalendarDate()
  validTo?: string;

  @ApiPropertyOptional({ description: 'E-proposals: signatures needed' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10000000)
  signatureThreshold?: number;

  @ApiPropertyOptional({ description: 'E-proposals: the body that handles them' })
  @IsOptional()
  @IsUUID()
  handledByBodyId?: string;

  @ApiPropertyOptional({ description: 'The paragraph where the council decided it' })
  @IsOptional()
  @IsUUID()
  decidedParagraphId?: string;
}

export class EndProposalSettingDto {
  @ApiProperty({ description: 'Last day in force', example: '2019-12-31' })
  @IsCalendarDate()
  validTo: string;
}

export class ProposalSettingsQuery {
  @ApiPropertyOptional({ description: 'The day "in force" is judged on; default today' })
  @IsOptional()
  @IsCalendarDate()
  on?: string;
}
