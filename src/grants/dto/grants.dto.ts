import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
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
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate } from '../../common/dates';
import { PageQuery } from '../../common/pagination';
import { APPLICATION_STATUSES, ApplicationStatus } from '../grant-application.entity';
import { REPORT_KINDS, ReportKind } from '../grant-decision.entity';

/**
 * 100 000 000 000 kr per amount. Sums over up to 100 measures (or 50 disbursements) must stay
 * exact integers in JavaScript and in the bigint totals read back from PostgreSQL, which a
 * per-amount limit of MAX_SAFE_INTEGER did not ensure.
 */
export const MAX_ORE = 10_000_000_000_000;
/** A total over at most 100 measures. */
const MAX_TOTAL_ORE = 100 * MAX_ORE;

export class ApplicantDto {
  @ApiProperty()
  @IsUUID()
  organisationId: string;

  @ApiPropertyOptional({ description: 'The lead applicant of a joint application' })
  @IsOptional()
  @IsBoolean()
  isLead?: boolean;

  @ApiPropertyOptional({ example: 'Sara Lewerentz', description: 'Behörig företrädare' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  signatoryName?: string;

  @ApiPropertyOptional({ example: 'Regiondirektör' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  signatoryTitle?: string;

  @ApiPropertyOptional({ description: 'The decision clause (att-sats) authorising this applicant' })
  @IsOptional()
  @IsUUID()
  authorisingClauseId?: string;
}

export class MeasureDto {
  @ApiProperty({ example: 'Implementering av digitalt verktyg för patientdelaktighet' })
  @IsString()
  @Length(1, 500)
  title: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 20_000)
  description?: string;

  @ApiPropertyOptional({ description: 'Förväntad effekt' })
  @IsOptional()
  @IsString()
  @Length(1, 20_000)
  expectedEffect?: string;

  @ApiProperty({ description: 'Estimated cost in öre', example: 280000000 })
  @IsInt()
  @Min(0)
  @Max(MAX_ORE)
  estimatedCostOre: number;

  @ApiProperty({ description: 'Requested amount in öre', example: 280000000 })
  @IsInt()
  @Min(0)
  @Max(MAX_ORE)
  requestedAmountOre: number;
}

export class CreateApplicationDto {
  @ApiProperty({ example: 'Delegationen för en effektiv hälso- och sjukvård, Kammarkollegiet' })
  @IsString()
  @Length(1, 500)
  grantor: string;

  @ApiProperty({
    example:
      'Förordning (2024:1102) om tillfälligt statsbidrag för en effektiv hälso- och sjukvård',
  })
  @IsString()
  @Length(1, 500)
  legalBasis: string;

  @ApiProperty()
  @IsString()
  @Length(1, 500)
  title: string;

  @ApiPropertyOptional({ example: 'RS/1234/2024' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  caseNumber?: string;

  @ApiPropertyOptional({ description: 'Last day to submit' })
  @IsOptional()
  @IsCalendarDate()
  deadline?: string;

  @ApiProperty({ type: [ApplicantDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ApplicantDto)
  applicants: ApplicantDto[];

  @ApiPropertyOptional({ type: [MeasureDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => MeasureDto)
  measures?: MeasureDto[];
}

export class UpdateApplicationDto {
  @IsOptional()
  @IsString()
  @Length(1, 500)
  grantor?: string;

  @IsOptional()
  @IsString()
  @Length(1, 500)
  legalBasis?: string;

  @IsOptional()
  @IsString()
  @Length(1, 500)
  title?: string;

  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @Length(1, 100)
  caseNumber?: string | null;

  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsCalendarDate()
  deadline?: string | null;
}

export class ReplaceMeasuresDto {
  @ApiProperty({ type: [MeasureDto] })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => MeasureDto)
  measures: MeasureDto[];
}

export class UpdateApplicantDto {
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @Length(1, 200)
  signatoryName?: string | null;

  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @Length(1, 200)
  signatoryTitle?: string | null;
}

export class LinkAuthorisationDto {
  @ApiProperty({ description: 'Id of the decision clause (from GET /api/decisions/:id)' })
  @IsUUID()
  clauseId: string;
}

export class SubmitApplicationDto {
  @ApiProperty({ example: '2025-06-13' })
  @IsCalendarDate()
  submittedOn: string;
}

export class ListApplicationsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Applications in which this organisation is an applicant' })
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @IsOptional()
  @IsIn(APPLICATION_STATUSES)
  status?: ApplicationStatus;
}

export class DecisionMeasureDto {
  @ApiProperty()
  @IsUUID()
  measureId: string;

  @ApiProperty({ description: 'Granted amount in öre' })
  @IsInt()
  @Min(0)
  @Max(MAX_ORE)
  grantedOre: number;

  @ApiProperty({ description: 'Rejected amount in öre' })
  @IsInt()
  @Min(0)
  @Max(MAX_ORE)
  rejectedOre: number;

  @ApiPropertyOptional({ description: 'Why (part of) it was rejected' })
  @IsOptional()
  @IsString()
  @Length(1, 20_000)
  reason?: string;
}

export class StatedTotalsDto {
  @IsInt()
  @Min(0)
  @Max(MAX_TOTAL_ORE)
  requestedOre: number;

  @IsInt()
  @Min(0)
  @Max(MAX_TOTAL_ORE)
  grantedOre: number;

  @IsInt()
  @Min(0)
  @Max(MAX_TOTAL_ORE)
  rejectedOre: number;
}

export class ConditionDto {
  @ApiProperty({
    example: 'Högst 5 000 000 kr av beviljat belopp får användas för förstudier och utredningar.',
  })
  @IsString()
  @Length(1, 20_000)
  text: string;

  @ApiPropertyOptional({ description: 'The measure the condition limits' })
  @IsOptional()
  @IsUUID()
  measureId?: string;

  @ApiPropertyOptional({ description: 'At most this much (öre) of the measure for the purpose' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_ORE)
  maxAmountOre?: number;
}

export class DisbursementDto {
  @ApiProperty({ example: 2025 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;

  @ApiProperty({ description: 'Amount in öre' })
  @IsInt()
  @Min(1)
  @Max(MAX_ORE)
  amountOre: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsCalendarDate()
  paidOn?: string;
}

export class ReportObligationDto {
  @ApiProperty({ enum: REPORT_KINDS })
  @IsIn(REPORT_KINDS)
  kind: ReportKind;

  @ApiProperty({ example: '2026-11-30' })
  @IsCalendarDate()
  dueOn: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsCalendarDate()
  submittedOn?: string;
}

export class RecordGrantDecisionDto {
  @ApiProperty({ example: '2025-11-11' })
  @IsCalendarDate()
  decidedOn: string;

  @ApiProperty({
    example: 'Delegationen för en effektiv hälso- och sjukvård (Effektivitetsdelegationen)',
  })
  @IsString()
  @Length(1, 500)
  decidedBy: string;

  @ApiPropertyOptional({ description: "The grantor's case number" })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  caseNumber?: string;

  @ApiProperty({ type: [DecisionMeasureDto], description: 'Every measure of the application' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => DecisionMeasureDto)
  measures: DecisionMeasureDto[];

  @ApiPropertyOptional({
    type: StatedTotalsDto,
    description: 'Totals as written in the decision document; checked against the computed ones',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => StatedTotalsDto)
  statedTotals?: StatedTotalsDto;

  @ApiPropertyOptional({ type: [ConditionDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ConditionDto)
  conditions?: ConditionDto[];

  @ApiPropertyOptional({ type: [DisbursementDto], description: 'Must add up to the granted total' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => DisbursementDto)
  disbursements?: DisbursementDto[];

  @ApiPropertyOptional({ type: [ReportObligationDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ReportObligationDto)
  reports?: ReportObligationDto[];

  @ApiPropertyOptional({ example: '2027-12-31', description: 'Measures done by this day' })
  @IsOptional()
  @IsCalendarDate()
  implementationDeadline?: string;

  @ApiProperty({ description: 'Whether the grant decision can be appealed' })
  @IsBoolean()
  appealable: boolean;

  @ApiPropertyOptional({ example: 'Beslutet får inte överklagas enligt 21 § förordningen.' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  appealNote?: string;
}

export class PayDisbursementDto {
  @ApiProperty()
  @IsCalendarDate()
  paidOn: string;
}

export class SubmitReportDto {
  @ApiProperty()
  @IsCalendarDate()
  submittedOn: string;
}

export class ReportDeadlinesQuery {
  @ApiPropertyOptional({ description: 'Only reports due on or before this day' })
  @IsOptional()
  @IsCalendarDate()
  until?: string;

  @ApiPropertyOptional({ description: 'Day counted from (default today)' })
  @IsOptional()
  @IsCalendarDate()
  on?: string;
}
