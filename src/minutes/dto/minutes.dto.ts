import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDateString,
  IsIn,
  IsInt,
  IsOptional,
  Max,
  Min,
  IsString,
  IsUUID,
  Length,
  Matches,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate } from '../../common/dates';
import { PrintedNoticeDatesDto } from '../../notices/dto/printed-notice.dto';
import { IsPartialDate } from '../../common/partial-date';
import { RECORDED_AS, RecordedAs } from '../meeting.entity';
import { PageQuery } from '../../common/pagination';
import { MAX_PARAGRAPH_NUMBER } from '../../numbering/dto/numbering.dto';
import { RELATION_KINDS, RelationKind } from '../../numbering/relations';
import { OUTCOME_KINDS, OutcomeKind } from '../paragraph.entity';

const TIME = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;
const TIME_MESSAGE = (field: string) => ({ message: `${field} must be a time written HH:MM` });

export class CreateMeetingDto {
  @ApiPropertyOptional({
    example: '2024-11-12',
    description:
      'Full date; a transcribed meeting may give YYYY-MM or YYYY, or leave it out when the paper lacks it',
  })
  @ValidateIf(
    (o: CreateMeetingDto) => o.recordedAs !== 'transcribed' || o.meetingDate !== undefined,
  )
  @IsPartialDate()
  meetingDate?: string;

  @ApiPropertyOptional({ enum: RECORDED_AS, default: 'live' })
  @IsOptional()
  @IsIn(RECORDED_AS)
  recordedAs?: RecordedAs;

  @ApiPropertyOptional({ description: 'Transcribed: adjusters shown only as signature boxes' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10)
  unnamedAdjusterCount?: number;

  @ApiPropertyOptional({ example: '09:00' })
  @IsOptional()
  @Matches(TIME, TIME_MESSAGE('startTime'))
  startTime?: string;

  @ApiPropertyOptional({ example: '12:00' })
  @IsOptional()
  @Matches(TIME, TIME_MESSAGE('endTime'))
  endTime?: string;

  @ApiPropertyOptional({ example: 'Regionens hus, Halmstad' })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  place?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  chairPersonId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  secretaryPersonId?: string;

  @ApiPropertyOptional({ type: [String], description: 'The adjusters (justerare), in order' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  adjusterPersonIds?: string[];

  @ApiPropertyOptional({ description: 'Planned place of adjustment' })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  adjustmentPlace?: string;

  @ApiPropertyOptional({
    description: 'Day of adjustment; a transcribed meeting may give YYYY-MM or YYYY',
  })
  @IsOptional()
  @IsPartialDate()
  adjustmentDate?: string;

  @ApiPropertyOptional({ description: 'Where the minutes are kept (default from configuration)' })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  minutesKeptAt?: string;

  // --- meeting-level facts as printed (issue 10) ---
  @ApiPropertyOptional({ example: 'KS 2019/12', description: "The meeting's own case number" })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  caseNumber?: string | null;

  @ApiPropertyOptional({
    description: 'Open to the public (öppet för allmänheten); null: not printed',
  })
  @IsOptional()
  @IsBoolean()
  openToPublic?: boolean | null;

  @ApiPropertyOptional({
    example: 7,
    description: 'Open to the public from this paragraph number on',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000000)
  openToPublicFromParagraph?: number | null;

  @ApiPropertyOptional({
    example: 'Närvarande via Skype',
    description: 'Participation at a distance',
  })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  remoteParticipation?: string | null;
}

export class UpdateMeetingDto {
  @ApiPropertyOptional({
    enum: RECORDED_AS,
    description: 'Live or transcribed; cannot change once the meeting has paragraphs',
  })
  @IsOptional()
  @IsIn(RECORDED_AS)
  recordedAs?: RecordedAs;

  @IsOptional()
  @IsPartialDate()
  meetingDate?: string;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10)
  unnamedAdjusterCount?: number;

  @IsOptional()
  @Matches(TIME, TIME_MESSAGE('startTime'))
  startTime?: string;

  @IsOptional()
  @Matches(TIME, TIME_MESSAGE('endTime'))
  endTime?: string;

  @IsOptional()
  @IsString()
  @Length(1, 300)
  place?: string;

  @IsOptional()
  @IsUUID()
  chairPersonId?: string;

  @IsOptional()
  @IsUUID()
  secretaryPersonId?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  adjusterPersonIds?: string[];

  @IsOptional()
  @IsString()
  @Length(1, 300)
  adjustmentPlace?: string;

  @IsOptional()
  @IsPartialDate()
  adjustmentDate?: string;

  @IsOptional()
  @IsString()
  @Length(1, 300)
  minutesKeptAt?: string;

  // --- meeting-level facts as printed (issue 10) ---
  @ApiPropertyOptional({ example: 'KS 2019/12', description: "The meeting's own case number" })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @Length(1, 100)
  caseNumber?: string | null;

  @ApiPropertyOptional({
    description: 'Open to the public (öppet för allmänheten); null: not printed',
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsBoolean()
  openToPublic?: boolean | null;

  @ApiPropertyOptional({
    example: 7,
    description: 'Open to the public from this paragraph number on',
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @Min(1)
  @Max(1000000)
  openToPublicFromParagraph?: number | null;

  @ApiPropertyOptional({
    example: 'Närvarande via Skype',
    description: 'Participation at a distance',
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @Length(1, 300)
  remoteParticipation?: string | null;
}

export class HoldMeetingDto {
  @IsOptional()
  @Matches(TIME, TIME_MESSAGE('endTime'))
  endTime?: string;
}

export class ListMeetingsQuery extends PageQuery {
  @IsOptional()
  @IsUUID()
  bodyId?: string;

  @IsOptional()
  @IsUUID()
  organisationId?: string;
}

export const ATTENDANCE_ROLES = ['member', 'substitute', 'other'] as const;
export type AttendanceRole = (typeof ATTENDANCE_ROLES)[number];

export class AttendanceEntryDto {
  @ApiProperty()
  @IsUUID()
  personId: string;

  @ApiProperty({ enum: ATTENDANCE_ROLES })
  @IsIn(ATTENDANCE_ROLES)
  role: AttendanceRole;

  @ApiPropertyOptional({ description: 'The seat holder a substitute serves for' })
  @IsOptional()
  @IsUUID()
  servingForPersonId?: string;

  @ApiPropertyOptional({
    example: 'M',
    description: 'A substitute serving for a vacant seat of this party',
  })
  @IsOptional()
  @IsString()
  @Length(1, 50)
  servingForVacantParty?: string;

  @ApiPropertyOptional({ example: 'sekreterare' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  note?: string;
}

export class SetAttendanceDto {
  @ApiProperty({ type: [AttendanceEntryDto] })
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => AttendanceEntryDto)
  entries: AttendanceEntryDto[];
}

export const PARAGRAPH_SCOPES = ['all', 'only', 'except', 'from', 'until'] as const;
export type ParagraphScope = (typeof PARAGRAPH_SCOPES)[number];

/** The paragraphs a meeting attendance entry applies to, as the minutes print them. */
export class AttendanceParagraphsDto {
  @ApiProperty({
    enum: PARAGRAPH_SCOPES,
    description:
      'only: "§§ 33–37"; except: "ej § 29, 32"; from: "fr o m § 63"; until: "t o m § 4"; all',
  })
  @IsIn(PARAGRAPH_SCOPES)
  scope: ParagraphScope;

  @ApiProperty({ type: [Number], example: [29, 32] })
  @IsArray()
  @ArrayMaxSize(1000)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(1000000, { each: true })
  numbers: number[];
}

export class MeetingAttendanceEntryDto extends AttendanceEntryDto {
  @ApiPropertyOptional({ type: AttendanceParagraphsDto, description: 'Omitted: the whole meeting' })
  @IsOptional()
  @ValidateNested()
  @Type(() => AttendanceParagraphsDto)
  paragraphs?: AttendanceParagraphsDto;
}

export class SetMeetingAttendanceDto {
  @ApiProperty({ type: [MeetingAttendanceEntryDto] })
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => MeetingAttendanceEntryDto)
  entries: MeetingAttendanceEntryDto[];
}

export class SignDto {
  @ApiPropertyOptional({
    description:
      'The chair or adjuster who signs. A politician signs for themself (leave it out or give ' +
      'their own person); a registrar recording a paper signature names the signer.',
  })
  @IsOptional()
  @IsUUID()
  personId?: string;

  @ApiPropertyOptional({
    enum: ['electronic', 'paper'],
    description:
      "'electronic': the signer signs themself, timed by the server clock (default for a " +
      "politician). 'paper': a registrar records a signature made on paper (default for a " +
      'registrar or admin).',
  })
  @IsOptional()
  @IsIn(['electronic', 'paper'])
  method?: 'electronic' | 'paper';

  @ApiPropertyOptional({
    description:
      'Paper signatures only (required there): when it was signed on paper; not in the future ' +
      'and not before the meeting. Electronic signatures are timed by the server.',
  })
  @IsOptional()
  @IsDateString({ strict: true })
  signedAt?: string;
}

export class AnnounceDto {
  @ApiPropertyOptional({
    description:
      'Day the notice was posted on the notice board. Required for a notice recorded live; for ' +
      'a notice transcribed from paper it is printed.postedOn (give either, or both equal).',
  })
  @IsOptional()
  @IsCalendarDate()
  postedOn?: string;

  @ApiPropertyOptional({
    type: PrintedNoticeDatesDto,
    description:
      'A notice transcribed from paper: the dates as printed on it (any subset; what is not ' +
      'printed stays unknown). The register computes the legal dates and warns where they differ.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => PrintedNoticeDatesDto)
  printed?: PrintedNoticeDatesDto;

  @ApiPropertyOptional({ description: 'Where the minutes are kept' })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  minutesKeptAt?: string;
}

const AGENDA_ITEM = /^\p{L}{0,4} ?\d{1,4}\p{L}?\.?$/u;
const FILING_CODE = /^[\p{L}\d][\p{L}\d .:/-]{0,39}$/u;

export class RelatedParagraphDto {
  @ApiPropertyOptional({ description: 'The registered paragraph referred to' })
  @IsOptional()
  @IsUUID()
  paragraphId?: string;

  @ApiPropertyOptional({
    example: '§ 12/2011',
    description: 'The reference as printed, when the paragraph is not in the register',
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  printedReference?: string;

  @ApiProperty({ enum: RELATION_KINDS })
  @IsIn(RELATION_KINDS)
  relation: RelationKind;
}

export class CreateParagraphDto {
  @ApiProperty({ example: 'Regiongemensam ansökan om statsbidrag från Effektivitetsdelegationen' })
  @IsString()
  @Length(1, 500)
  title: string;

  @ApiPropertyOptional({ example: 'RS/1234/2024' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  caseNumber?: string;

  @ApiPropertyOptional({ description: 'Ärendet' })
  @IsOptional()
  @IsString()
  @Length(1, 100_000)
  description?: string;

  @ApiPropertyOptional({ type: [String], description: 'Beslutsunderlag, in order' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @Length(1, 1000, { each: true })
  basisDocuments?: string[];

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  isPublic?: boolean;

  @ApiPropertyOptional({
    enum: OUTCOME_KINDS,
    description: "Default 'proposal' for a working committee, else 'decision'",
  })
  @IsOptional()
  @IsIn(OUTCOME_KINDS)
  outcomeKind?: OutcomeKind;

  @ApiPropertyOptional({
    description: 'For a proposal: the deciding body (default the body this one prepares for)',
  })
  @IsOptional()
  @IsUUID()
  proposesToBodyId?: string;

  @ApiPropertyOptional({
    type: [String],
    description:
      'Proposal chain: the bodies the proposal goes on to after proposesToBodyId, in order (AU → KS → KF: proposesToBodyId KS, onwardBodyIds [KF])',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  onwardBodyIds?: string[];

  @ApiPropertyOptional({
    example: 'Arbetsutskottet föreslår kommunstyrelsen att föreslå kommunfullmäktige att',
    description: 'The proposal heading exactly as printed (default: written from the chain)',
  })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  proposalHeading?: string;

  @ApiPropertyOptional({ description: 'Default: true for decisions; proposals never' })
  @IsOptional()
  @IsBoolean()
  appealable?: boolean;

  @ApiPropertyOptional({
    description: 'Decided under this delegation (to the body, in force on the meeting date)',
  })
  @IsOptional()
  @IsUUID()
  delegationId?: string;

  @ApiPropertyOptional({ type: [String], description: 'Proposals handled in this paragraph' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  proposalIds?: string[];

  @ApiPropertyOptional({
    type: [String],
    example: ['KS 2012/172', 'KS 2012/180'],
    description: 'All case numbers of the paragraph; caseNumber is the first of them',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  caseNumbers?: string[];

  @ApiPropertyOptional({ example: '14', description: 'Ärende number on the agenda ("ärende 14")' })
  @IsOptional()
  @Matches(AGENDA_ITEM, {
    message: 'agendaItem must be an agenda item number such as "14" or "E10"',
  })
  agendaItem?: string;

  @ApiPropertyOptional({ example: '3.3.7.2', description: 'Diariekod / arkivkod' })
  @IsOptional()
  @Matches(FILING_CODE, { message: 'filingCode must be a code such as "3.3.7.2" or "51"' })
  filingCode?: string;

  @ApiPropertyOptional({
    type: () => [RelatedParagraphDto],
    description: 'References to other paragraphs, printed in the minutes',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => RelatedParagraphDto)
  relatedParagraphs?: RelatedParagraphDto[];

  @ApiPropertyOptional({
    example: 62,
    description:
      'The number printed on the paragraph: only in a meeting transcribed from a printed protocol',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_PARAGRAPH_NUMBER)
  number?: number;
}

export class UpdateParagraphDto {
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
  @IsString()
  @Length(1, 100_000)
  description?: string | null;

  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @Length(1, 10_000)
  questionOrder?: string | null;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @Length(1, 1000, { each: true })
  basisDocuments?: string[];

  @IsOptional()
  @IsBoolean()
  isPublic?: boolean;

  @IsOptional()
  @IsBoolean()
  appealable?: boolean;

  @ApiPropertyOptional({ description: 'Decided under this delegation; null: not delegated' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID()
  delegationId?: string | null;

  @ApiPropertyOptional({
    description: 'The proposal heading exactly as printed; null: written from the chain',
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @Length(1, 1000)
  proposalHeading?: string | null;

  @ApiPropertyOptional({
    type: [String],
    example: ['KS 2012/172', 'KS 2012/180'],
    description: 'All case numbers of the paragraph; caseNumber is the first of them',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  caseNumbers?: string[];

  @ApiPropertyOptional({ example: '14', description: 'Ärende number on the agenda ("ärende 14")' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Matches(AGENDA_ITEM, {
    message: 'agendaItem must be an agenda item number such as "14" or "E10"',
  })
  agendaItem?: string | null;

  @ApiPropertyOptional({ example: '3.3.7.2', description: 'Diariekod / arkivkod' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Matches(FILING_CODE, { message: 'filingCode must be a code such as "3.3.7.2" or "51"' })
  filingCode?: string | null;

  @ApiPropertyOptional({
    type: () => [RelatedParagraphDto],
    description: 'References to other paragraphs, printed in the minutes',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => RelatedParagraphDto)
  relatedParagraphs?: RelatedParagraphDto[];
}

export class ListParagraphsQuery extends PageQuery {
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @IsOptional()
  @IsUUID()
  bodyId?: string;

  @IsOptional()
  @IsUUID()
  meetingId?: string;

  @IsOptional()
  @IsString()
  caseNumber?: string;
}

export class RecusalDto {
  @IsUUID()
  personId: string;

  @IsOptional()
  @IsString()
  @Length(1, 1000)
  reason?: string;
}

export class MotionDto {
  @ApiProperty({ description: 'Who moved it' })
  @IsUUID()
  proposerPersonId: string;

  @ApiProperty({ example: 'Bifall till arbetsutskottets förslag' })
  @IsString()
  @Length(1, 10_000)
  text: string;
}

export class LinkProposalDto {
  @IsUUID()
  proposalId: string;
}

export const VOTE_CHOICES = ['yes', 'no', 'abstain'] as const;
export type VoteChoice = (typeof VOTE_CHOICES)[number];

export class BallotDto {
  @IsUUID()
  personId: string;

  @ApiProperty({ enum: VOTE_CHOICES, description: 'ja / nej / avstår' })
  @IsIn(VOTE_CHOICES)
  choice: VoteChoice;
}

export class VoteDto {
  @ApiProperty({ example: 'Bifall till arbetsutskottets förslag mot avslag' })
  @IsString()
  @Length(1, 2000)
  question: string;

  @ApiPropertyOptional({ example: 'Ja för arbetsutskottets förslag' })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  yesMeans?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  noMeans?: string;

  @ApiProperty({ type: [BallotDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => BallotDto)
  ballots: BallotDto[];
}

export const NON_DECISION_OUTCOMES = ['sent_back', 'tabled', 'withdrawn'] as const;
export type NonDecisionOutcome = (typeof NON_DECISION_OUTCOMES)[number];

export class DecisionDto {
  @ApiProperty({ type: [String], description: 'The decision clauses ("att …"), in order' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @Length(1, 10_000, { each: true })
  clauses: string[];

  @ApiPropertyOptional({
    enum: NON_DECISION_OUTCOMES,
    description:
      'When the handled proposals were not decided: sent back (återremiss), tabled or withdrawn',
  })
  @IsOptional()
  @IsIn(NON_DECISION_OUTCOMES)
  proposalOutcome?: NonDecisionOutcome;
  @ApiPropertyOptional({
    type: [String],
    description:
      'A deciding paragraph that also proposes to another body ("… samt föreslår KF besluta att …"): the proposal clauses, apart from the decision clauses',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @Length(1, 10_000, { each: true })
  proposalClauses?: string[];
}

export class ReservationDto {
  @IsUUID()
  personId: string;

  @IsOptional()
  @IsString()
  @Length(1, 10_000)
  reason?: string;
}

export class ProtocolNoteDto {
  @IsOptional()
  @IsUUID()
  personId?: string;

  @ApiPropertyOptional({ example: 'S, MP', description: 'A party group writing the note' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  partyGroups?: string;

  @IsString()
  @Length(1, 10_000)
  text: string;
}

export class ImmediateAdjustmentDto {
  @ApiPropertyOptional({ description: 'When it was adjusted (default now)' })
  @IsOptional()
  @IsDateString({ strict: true })
  adjustedAt?: string;
}

export class AppealDto {
  @IsOptional()
  @IsDateString({ strict: true })
  registeredAt?: string;

  @IsOptional()
  @IsString()
  @Length(1, 5000)
  note?: string;
}

export class CorrectionDto {
  @ApiProperty({ example: 'Felskrivet diarienummer' })
  @IsString()
  @Length(1, 5000)
  reason: string;

  @ApiProperty({ example: 'Diarienumret ska vara RS/1234/2024.' })
  @IsString()
  @Length(1, 10_000)
  text: string;
}

/** Tjänsteskrivelse: the officer's report behind an officer proposal. Unknown facts are left out. */
export class OfficerReportDto {
  @ApiPropertyOptional({ example: '2024-09-20' })
  @IsOptional()
  @IsCalendarDate()
  date?: string;

  @ApiPropertyOptional({ example: 'Anna Andersson', description: 'Handläggare' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  caseOfficerName?: string;
}

export class CreateProposalDto {
  @ApiProperty({ description: 'The deciding body' })
  @IsUUID()
  toBodyId: string;

  @ApiProperty({ example: 'Sara Lewerentz' })
  @IsString()
  @Length(1, 200)
  officerName: string;

  @ApiPropertyOptional({ example: 'Regiondirektör' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  officerTitle?: string;

  @ApiPropertyOptional({ example: 'Regiondirektörens förslag' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  heading?: string;

  @ApiProperty()
  @IsString()
  @Length(1, 500)
  title: string;

  @IsOptional()
  @IsString()
  @Length(1, 100)
  caseNumber?: string;

  @IsOptional()
  @IsString()
  @Length(1, 100_000)
  description?: string;

  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @Length(1, 10_000, { each: true })
  clauses: string[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @Length(1, 1000, { each: true })
  basisDocuments?: string[];

  @ApiPropertyOptional({
    type: OfficerReportDto,
    description: 'The proposal is a tjänsteskrivelse (officer report): its date and handläggare',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => OfficerReportDto)
  report?: OfficerReportDto;
}

export const PROPOSAL_STATUSES = [
  'open',
  'decided_as_proposed',
  'decided_with_changes',
  'sent_back',
  'tabled',
  'withdrawn',
] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

export class ListProposalsQuery extends PageQuery {
  @IsOptional()
  @IsUUID()
  toBodyId?: string;

  @IsOptional()
  @IsIn(PROPOSAL_STATUSES)
  status?: ProposalStatus;
  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: 'The agenda: proposals ready for decision (open or tabled, preparation adjusted)',
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  ready?: 'true' | 'false';
}

export class NoticeBoardQuery {
  @IsUUID()
  organisationId: string;

  @ApiPropertyOptional({ description: 'Day to show the board for (default today)' })
  @IsOptional()
  @IsCalendarDate()
  on?: string;
}
