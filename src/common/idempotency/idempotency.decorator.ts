import { SetMetadata } from '@nestjs/common';

export const SKIP_IDEMPOTENCY = 'skipIdempotency';

/**
 * The POST's response is never stored for Idempotency-Key replay (e.g. it carries a secret
 * that must not be kept in the database).
 */
export const SkipIdempotency = () => SetMetadata(SKIP_IDEMPOTENCY, true);
