import { ForbiddenError, UnauthorizedError } from '../errors';
import { Actor } from './actor';

/** Admins write everywhere; a registrar writes only for the organisation it belongs to. */
export function assertCanWrite(actor: Actor, organisationId: string): void {
  if (actor.role === 'anonymous') throw new UnauthorizedError('A bearer token is required');
  if (actor.role === 'admin') return;
  if (actor.role === 'registrar' && actor.organisationId === organisationId) return;
  throw new ForbiddenError(
    actor.role === 'registrar'
      ? 'A registrar may only change data of its own organisation'
      : `Role ${actor.role} may not change the register`,
  );
}

/** Drafts and non-public records are visible to admins and to users of the same organisation. */
export function canSeeUnpublished(actor: Actor, organisationId: string): boolean {
  if (actor.role === 'admin') return true;
  if (actor.role === 'anonymous') return false;
  return actor.organisationId === organisationId;
}

export function assertAdmin(actor: Actor): void {
  if (actor.role === 'anonymous') throw new UnauthorizedError('A bearer token is required');
  if (actor.role !== 'admin') throw new ForbiddenError('Only an admin may do this');
}
