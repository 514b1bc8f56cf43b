import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ForbiddenError, UnauthorizedError } from '../errors';
import { RateLimiter } from '../rate-limit';
import { currentRequestContext } from '../request-context';
import { UsersService } from '../../users/users.service';
import { Actor, ANONYMOUS, Role } from './actor';
import { ROLES_KEY } from './auth.decorators';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Resolves the bearer token to an actor. Reads are open (services filter what is unpublished);
 * every write needs a token, and @Roles narrows a route further.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly users: UsersService,
    private readonly reflector: Reflector,
    private readonly rateLimiter: RateLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request & { actor?: Actor }>();
    const header = request.headers.authorization;
    let actor: Actor = ANONYMOUS;
    if (header) {
      const ip = request.ip ?? request.socket.remoteAddress ?? 'unknown';
      this.rateLimiter.assertAuthAllowed(ip);
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      const found = match ? await this.users.findActorByToken(match[1]) : null;
      if (!found) {
        await this.rateLimiter.authFailed(ip);
        throw new UnauthorizedError('The bearer token is invalid, expired or revoked');
      }
      actor = found;
    }
    request.actor = actor;
    const store = currentRequestContext();
    if (store) store.actor = actor;

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    const needsToken = !!roles || !READ_METHODS.has(request.method);
    if (needsToken && actor.role === 'anonymous') {
      throw new UnauthorizedError('A bearer token is required');
    }
    if (roles && !roles.includes(actor.role as Role)) {
      throw new ForbiddenError(`This needs one of the roles: ${roles.join(', ')}`);
    }
    if (!READ_METHODS.has(request.method) && actor.userId) {
      await this.rateLimiter.countWrite(actor.userId);
    }
    return true;
  }
}
