import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { Actor, ANONYMOUS, Role } from './actor';

export const ROLES_KEY = 'roles';
/** Only these roles may call the route (anonymous gets 401, other roles 403). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** The authenticated (or anonymous) caller, set by the AuthGuard. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const request = ctx.switchToHttp().getRequest<{ actor?: Actor }>();
  return request.actor ?? ANONYMOUS;
});
