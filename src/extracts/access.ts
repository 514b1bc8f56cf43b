import { Actor } from '../common/auth/actor';
import { canSeeUnpublished } from '../common/auth/permissions';
import { ForbiddenError, UnauthorizedError } from '../common/errors';

/**
 * Internal registry work (the recipient directory, distribution drafts, the dispatch queue) is
 * for admins and users of the organisation; it holds e-mail addresses and unadjusted matters.
 */
export function assertCanReadInternal(actor: Actor, organisationId: string): void {
  if (actor.role === 'anonymous') throw new UnauthorizedError('A bearer token is required');
  if (!canSeeUnpublished(actor, organisationId)) {
    throw new ForbiddenError('This belongs to the internal work of another organisation');
  }
}
