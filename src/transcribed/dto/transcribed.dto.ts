import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsPartialDate } from '../../common/partial-date';

export class PrintedTotalsDto {
  @IsInt()
  @Min(0)
  @Max(10_000)
  yes: number;

  @IsInt()
  @Min(0)
  @Max(10_000)
  no: number;

  @ApiPropertyOptional({ description: 'Leave out when the paper prints no abstentions ("5-2")' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000)
  abstain?: number;
}

/** A vote as a transcribed protocol prints it: totals only, or only the result. */
export class PrintedVoteDto {
  @ApiProperty({ example: 'Bifall till liggande förslag mot avslag' })
  @IsString()
  @Length(1, 2000)
  question: string;

  @IsOptional()
  @IsString()
  @Length(1, 1000)
  yesMeans?: string;

  @IsOptional()
  @IsString()
  @Length(1, 1000)
  noMeans?: string;

  @ApiPropertyOptional({
    type: PrintedTotalsDto,
    description: 'The printed totals (e.g. 31 ja, 18 nej, 2 avstår); leave out when not printed',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => PrintedTotalsDto)
  totals?: PrintedTotalsDto;

  @ApiProperty({ enum: ['yes', 'no', 'tie'], description: 'The printed result' })
  @IsIn(['yes', 'no', 'tie'])
  result: 'yes' | 'no' | 'tie';

  @ApiPropertyOptional({ example: 'Omröstningslista, bilaga 2' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  rollCallNote?: string;
}

export class PartyReservationDto {
  @ApiProperty({ example: 'S, MP', description: 'The party group(s) as printed' })
  @IsString()
  @Length(1, 200)
  partyGroups: string;

  @IsOptional()
  @IsString()
  @Length(1, 10_000)
  reason?: string;
}

export class SpecialStatementDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  personId?: string;

  @ApiPropertyOptional({ example: 'V' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  partyGroups?: string;

  @ApiProperty()
  @IsString()
  @Length(1, 20_000)
  text: string;
}

export class MotionSupporterDto {
  @ApiProperty({ description: 'The member who joins the motion ("instämmer i yrkandet")' })
  @IsUUID()
  personId: string;
}

export class PaperAdjustmentDto {
  @ApiPropertyOptional({
    example: '2014-03',
    description:
      'The printed day of adjustment: YYYY-MM-DD, YYYY-MM, YYYY; leave out when not printed',
  })
  @IsOptional()
  @IsPartialDate()
  adjustedOn?: string;
}
