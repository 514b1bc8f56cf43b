import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsCalendarDate } from '../../common/dates';

/**
 * The dates printed on a notice (anslag/bevis) transcribed from paper, as printed. Any subset:
 * a date the notice does not print is left out and stays unknown.
 */
export class PrintedNoticeDatesDto {
  @ApiPropertyOptional({
    description: 'Adjustment day as printed ("Justeringens plats och tid", "Justeringsdatum")',
  })
  @IsOptional()
  @IsCalendarDate()
  adjustedOn?: string;

  @ApiPropertyOptional({
    description: 'Posting day as printed ("Datum då anslaget sätts upp", "Anslaget sätts upp")',
  })
  @IsOptional()
  @IsCalendarDate()
  postedOn?: string;

  @ApiPropertyOptional({ description: 'Last appeal day as printed ("Sista dag att överklaga")' })
  @IsOptional()
  @IsCalendarDate()
  appealLastDay?: string;

  @ApiPropertyOptional({
    description: 'Takedown day as printed ("Datum då anslaget tas ned", "Anslaget tas ned")',
  })
  @IsOptional()
  @IsCalendarDate()
  removedOn?: string;
}
