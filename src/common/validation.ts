import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { getMetadataStorage, ValidationTypes } from 'class-validator';
import { FieldError, ValidationFailedError } from './errors';

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent
      ? /^\d+$/.test(error.property)
        ? `${parent}[${error.property}]`
        : `${parent}.${error.property}`
      : error.property;
    const own: FieldError[] = error.constraints
      ? [{ field, messages: Object.values(error.constraints) }]
      : [];
    return own.concat(flatten(error.children ?? [], field));
  });
}

/** PostgreSQL's int4, the type of counts, positions, numbers and years. */
export const INT4_MIN = -2_147_483_648;
export const INT4_MAX = 2_147_483_647;

interface PropertyRules {
  /** `null` is skipped by a @ValidateIf: the field may be sent as null to clear it. */
  nullable: boolean;
  /** @IsInt without its own @Max/@Min: held to int4. */
  int4Max: boolean;
  int4Min: boolean;
}

type DtoClass = new (...args: never[]) => unknown;

const rulesCache = new Map<DtoClass, Map<string, PropertyRules>>();

/**
 * What class-validator's metadata says about each property of a DTO class. A property may be
 * null only when it carries a @ValidateIf whose condition skips null (the pattern used for
 * nullable columns, e.g. `@ValidateIf((_, v) => v !== null)`); @IsOptional alone means
 * "may be left out", never "may be null".
 */
function rulesOf(target: DtoClass): Map<string, PropertyRules> {
  const cached = rulesCache.get(target);
  if (cached) return cached;
  const rules = new Map<string, PropertyRules>();
  const metadata = getMetadataStorage().getTargetValidationMetadatas(target, '', true, false);
  const get = (property: string): PropertyRules => {
    let r = rules.get(property);
    if (!r) {
      r = { nullable: false, int4Max: false, int4Min: false };
      rules.set(property, r);
    }
    return r;
  };
  const names = new Map<string, Set<string>>();
  for (const m of metadata) {
    const r = get(m.propertyName);
    const set = names.get(m.propertyName) ?? new Set<string>();
    names.set(m.propertyName, set);
    if (m.name) set.add(m.name);
    if (m.type === ValidationTypes.CONDITIONAL_VALIDATION && m.name !== 'isOptional') {
      const condition = m.constraints?.[0] as
        ((object: unknown, value: unknown) => boolean) | undefined;
      try {
        if (condition && condition({ [m.propertyName]: null }, null) === false) r.nullable = true;
      } catch {
        // a condition that cannot look at null does not declare the field nullable
      }
    }
  }
  for (const [property, set] of names) {
    const r = get(property);
    if (set.has('isInt')) {
      r.int4Max = !set.has('max');
      r.int4Min = !set.has('min');
    }
  }
  rulesCache.set(target, rules);
  return rules;
}

/** Nulls where the DTO does not allow them, and integers beyond int4 where no bound is set. */
export function checkDtoInstance(instance: unknown, parent = '', depth = 0): FieldError[] {
  if (depth > 40 || instance === null || typeof instance !== 'object') return [];
  if (Array.isArray(instance)) {
    return instance.flatMap((item, i) => checkDtoInstance(item, `${parent}[${i}]`, depth + 1));
  }
  const ctor = (instance as object).constructor;
  if (!ctor || ctor === Object) return [];
  const rules = rulesOf(ctor as DtoClass);
  const errors: FieldError[] = [];
  for (const [key, value] of Object.entries(instance as Record<string, unknown>)) {
    const field = parent ? `${parent}.${key}` : key;
    const r = rules.get(key);
    if (value === null && !r?.nullable) {
      errors.push({ field, messages: [`${field} must not be null; leave it out instead`] });
    } else if (typeof value === 'number' && r) {
      if ((r.int4Max && value > INT4_MAX) || (r.int4Min && value < INT4_MIN)) {
        errors.push({ field, messages: [`${field} is out of range`] });
      }
    } else if (value && typeof value === 'object') {
      errors.push(...checkDtoInstance(value, field, depth + 1));
    }
  }
  return errors;
}

class RegisterValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const result = await super.transform(value, metadata);
    if (metadata.type === 'body' || metadata.type === 'query') {
      const errors = checkDtoInstance(result);
      if (errors.length > 0) throw new ValidationFailedError(errors);
    }
    return result;
  }
}

/**
 * Validates every body and query; unknown fields are rejected and the failing fields named.
 * On top of class-validator: null only for fields declared nullable, int4 bounds for integers
 * without their own bounds.
 */
export function createValidationPipe(): ValidationPipe {
  return new RegisterValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new ValidationFailedError(flatten(errors)),
  });
}
