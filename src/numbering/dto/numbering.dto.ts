import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min, registerDecorator, ValidationOptions } from 'class-validator';
import { referencePatternProblem } from '../reference-pattern';

/** A body's reference pattern: only the known tokens, {n} exactly once (400 naming the field). */
export function IsReferencePattern(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isReferencePattern',
      target: object.constructor,
      propertyName,
      options: {
        message: (a) =>
          `${propertyName} ${typeof a.value === 'string' ? referencePatternProblem(a.value) : 'must be a string'}`,
        ...options,
      },
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && referencePatternProblem(value) === null,
      },
    });
}

/** The highest paragraph number a body may print or be given. */
export const MAX_PARAGRAPH_NUMBER = 99_999;

export class SetNextNumberDto {
  @ApiProperty({ example: 62, description: 'The number the next paragraph of the period gets' })
  @IsInt()
  @Min(1)
  @Max(MAX_PARAGRAPH_NUMBER)
  nextNumber: number;

  @ApiPropertyOptional({
    example: 2007,
    description:
      'The numbering period: the year (per-year numbering); omit for continuous numbering',
  })
  @IsOptional()
  @IsInt()
  @Min(1900)
  @Max(2200)
  period?: number;
}
