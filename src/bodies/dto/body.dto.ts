import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length, ValidateIf } from 'class-validator';
import { PageQuery } from '../../common/pagination';
import { IsReferencePattern } from '../../numbering/dto/numbering.dto';
import { BODY_KINDS, BodyKind, PARAGRAPH_NUMBERINGS, ParagraphNumbering } from '../body.entity';

export class CreateBodyDto {
  @ApiProperty({ example: 'Regionstyrelsen' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ example: 'RS' })
  @IsString()
  @Length(1, 20)
  shortName: string;

  @ApiProperty({ enum: BODY_KINDS })
  @IsIn(BODY_KINDS)
  kind: BodyKind;

  @ApiPropertyOptional({ description: 'The body this one prepares matters for', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID()
  preparesForBodyId?: string | null;

  @ApiPropertyOptional({ enum: PARAGRAPH_NUMBERINGS, default: 'per_year' })
  @IsOptional()
  @IsIn(PARAGRAPH_NUMBERINGS)
  paragraphNumbering?: ParagraphNumbering;

  @ApiPropertyOptional({
    nullable: true,
    example: '{short} {n}/{yyyy}',
    description:
      'How the body prints paragraph references: tokens {short}, {n} (once), {yyyy}, {yy}, {date}. ' +
      'Examples "§ {n}", "{n} §", "{short} {n}", "{short} {n}/{yyyy}", "§ {n}/{yy}". ' +
      'null: the default "{short} {date} § {n}". Adjusted paragraphs keep their reference.',
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @IsReferencePattern()
  referencePattern?: string | null;
}

export class UpdateBodyDto extends PartialType(CreateBodyDto) {}

export class ListBodiesQuery extends PageQuery {
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @IsOptional()
  @IsIn(BODY_KINDS)
  kind?: BodyKind;
}
