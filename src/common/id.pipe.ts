import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { ValidationFailedError } from './errors';

/** Rejects a path id that is not a UUID with a 400 naming the parameter (not a 500 from SQL). */
@Injectable()
export class IdPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (!isUUID(value)) {
      const field = metadata.data ?? 'id';
      throw new ValidationFailedError([{ field, messages: [`${field} must be a UUID`] }]);
    }
    return value;
  }
}
