import { ApiProperty, PartialType } from '@nestjs/swagger';
import {
  IsIn,
  IsOptional,
  IsString,
  Length,
  Validate,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { PageQuery } from '../../common/pagination';
import { normaliseOrganisationNumber } from '../organisation-number';
import { ORGANISATION_KINDS, OrganisationKind } from '../organisation.entity';

@ValidatorConstraint({ name: 'organisationNumber' })
class IsOrganisationNumber implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && normaliseOrganisationNumber(value) !== null;
  }
  defaultMessage(): string {
    return 'organisationNumber must be a valid Swedish organisationsnummer (NNNNNN-NNNN with a correct check digit)';
  }
}

export class CreateOrganisationDto {
  @ApiProperty({ example: 'Region Jämtland Härjedalen' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ enum: ORGANISATION_KINDS })
  @IsIn(ORGANISATION_KINDS)
  kind: OrganisationKind;

  /** Left out when the source does not print it: stored as NULL and shown as unknown. */
  @ApiProperty({
    example: '232100-0214',
    required: false,
    description: 'Organisationsnummer; leave out when not known (never invented).',
  })
  @IsOptional()
  @Validate(IsOrganisationNumber)
  organisationNumber?: string;
}

export class UpdateOrganisationDto extends PartialType(CreateOrganisationDto) {}

export class ListOrganisationsQuery extends PageQuery {
  @IsOptional()
  @IsIn(ORGANISATION_KINDS)
  kind?: OrganisationKind;

  @IsOptional()
  @IsString()
  q?: string;
}
