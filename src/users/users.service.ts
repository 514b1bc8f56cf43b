import { createHash, randomBytes } from 'node:crypto';
import { Injectable, Optional } from '@nestjs/common';
import { DataSource, EntityManager, MoreThan, IsNull } from 'typeorm';
import { Actor, Role, ROLES } from '../common/auth/actor';
import { ConflictError, NotFoundError, RuleViolationError } from '../common/errors';
import { AppConfig } from '../config/app-config';
import { User } from './user.entity';

export const hashToken = (token: string): string =>
  createHash('sha256').update(token).digest('hex');

const newToken = (): string => `dr_${randomBytes(32).toString('base64url')}`;

const DAY_MS = 24 * 60 * 60 * 1000;

export interface CreateUserInput {
  name: string;
  role: Role;
  organisationId?: string | null;
  personId?: string | null;
  /** When the token stops working; default TOKEN_LIFETIME_DAYS from now. */
  expiresAt?: Date;
}

/** A user as listed to admins: never the token hash. */
export interface UserSummary {
  id: string;
  name: string;
  role: Role;
  organisationId: string | null;
  personId: string | null;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  /** active, expired or revoked */
  state: 'active' | 'expired' | 'revoked';
}

export function summariseUser(user: User, now = new Date()): UserSummary {
  return {
    id: user.id,
    name: user.name,
    role: user.role,
    organisationId: user.organisationId,
    personId: user.personId,
    createdAt: user.createdAt,
    expiresAt: user.expiresAt,
    revokedAt: user.revokedAt,
    state: user.revokedAt ? 'revoked' : user.expiresAt <= now ? 'expired' : 'active',
  };
}

/**
 * Users and their bearer tokens. Only the SHA-256 of a token is stored; a token is shown once
 * when it is made. Every lookup checks revocation and expiry in the database (no cache), so a
 * revoked or rotated token stops working at once.
 */
@Injectable()
export class UsersService {
  private readonly lifetimeDays: number;

  constructor(
    private readonly dataSource: DataSource,
    @Optional() config?: AppConfig,
  ) {
    this.lifetimeDays = config?.TOKEN_LIFETIME_DAYS ?? 90;
  }

  private defaultExpiry(): Date {
    return new Date(Date.now() + this.lifetimeDays * DAY_MS);
  }

  /** Creates a user and returns its bearer token, which is not retrievable afterwards. */
  async createUser(input: CreateUserInput): Promise<{ user: User; token: string }> {
    if (!ROLES.includes(input.role)) {
      throw new RuleViolationError(`role must be one of ${ROLES.join(', ')}`);
    }
    let organisationId = input.organisationId ?? null;
    if (input.personId) {
      const rows: { organisation_id: string }[] = await this.dataSource.query(
        'SELECT organisation_id FROM person WHERE id = $1',
        [input.personId],
      );
      if (rows.length === 0) throw new NotFoundError('person', input.personId);
      organisationId ??= rows[0].organisation_id;
    }
    if (input.role === 'registrar' && !organisationId) {
      throw new RuleViolationError('a registrar needs an organisation');
    }
    if (input.role === 'politician' && !input.personId) {
      throw new RuleViolationError('a politician needs a person');
    }
    const expiresAt = input.expiresAt ?? this.defaultExpiry();
    if (!(expiresAt.getTime() > Date.now())) {
      throw new RuleViolationError('the token must expire in the future');
    }
    const token = newToken();
    const user = await this.dataSource.getRepository(User).save({
      name: input.name,
      role: input.role,
      organisationId,
      personId: input.personId ?? null,
      tokenHash: hashToken(token),
      revokedAt: null,
      expiresAt,
    });
    return { user, token };
  }

  async findActorByToken(token: string): Promise<Actor | null> {
    const user = await this.dataSource.getRepository(User).findOneBy({
      tokenHash: hashToken(token),
      revokedAt: IsNull(),
      expiresAt: MoreThan(new Date()),
    });
    if (!user) return null;
    return {
      userId: user.id,
      role: user.role,
      organisationId: user.organisationId,
      personId: user.personId,
    };
  }

  /** Every user, oldest first, without token hashes. */
  async listUsers(manager: EntityManager = this.dataSource.manager): Promise<UserSummary[]> {
    const users = await manager
      .getRepository(User)
      .find({ order: { createdAt: 'ASC', id: 'ASC' } });
    const now = new Date();
    return users.map((u) => summariseUser(u, now));
  }

  private async lockUser(manager: EntityManager, id: string): Promise<User> {
    const user = await manager
      .getRepository(User)
      .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!user) throw new NotFoundError('user', id);
    return user;
  }

  /** Revokes the user's token for good; it gets 401 from the next request on. */
  async revoke(manager: EntityManager, id: string): Promise<UserSummary> {
    const user = await this.lockUser(manager, id);
    if (user.revokedAt) {
      throw new ConflictError('The user is already revoked', { revokedAt: user.revokedAt });
    }
    user.revokedAt = new Date();
    await manager.getRepository(User).update({ id }, { revokedAt: user.revokedAt });
    return summariseUser(user);
  }

  /**
   * Replaces the user's token with a new one (returned once) valid for `days` (default
   * TOKEN_LIFETIME_DAYS); the old token stops working at once. A revoked user stays revoked.
   */
  async rotateToken(
    manager: EntityManager,
    id: string,
    expiresAt: Date = this.defaultExpiry(),
  ): Promise<{ user: UserSummary; token: string }> {
    const user = await this.lockUser(manager, id);
    if (user.revokedAt) {
      throw new ConflictError('A revoked user gets no new token; create a new user instead', {
        revokedAt: user.revokedAt,
      });
    }
    if (!(expiresAt.getTime() > Date.now())) {
      throw new RuleViolationError('the token must expire in the future');
    }
    const token = newToken();
    await manager.getRepository(User).update({ id }, { tokenHash: hashToken(token), expiresAt });
    user.expiresAt = expiresAt;
    return { user: summariseUser(user), token };
  }
}
