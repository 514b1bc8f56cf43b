import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

const TIME = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;

export class AdjournmentDto {
  @ApiProperty({ example: '10:15' })
  @Matches(TIME, { message: 'fromTime must be a time written HH:MM' })
  fromTime: string;

  @ApiProperty({ example: '10:30' })
  @Matches(TIME, { message: 'toTime must be a time written HH:MM' })
  toTime: string;

  @ApiPropertyOptional({ example: 'Ajournering för fika.' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  note?: string;

  @ApiPropertyOptional({ description: 'The paragraph at which the meeting was adjourned' })
  @IsOptional()
  @IsUUID()
  paragraphId?: string;
}

export class SetAdjournmentsDto {
  @ApiProperty({ type: [AdjournmentDto] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => AdjournmentDto)
  adjournments: AdjournmentDto[];
}

export class ChairRangeDto {
  @ApiProperty()
  @IsUUID()
  personId: string;

  @ApiProperty({ type: [Number], example: [39, 40, 41, 42, 43, 47, 50] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(1000000, { each: true })
  paragraphNumbers: number[];
}

export class SetChairsDto {
  @ApiProperty({ type: [ChairRangeDto] })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ChairRangeDto)
  chairs: ChairRangeDto[];
}
