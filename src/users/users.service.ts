import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import { Actor, Role, ROLES } from '../common/auth/actor';
import { NotFoundError, RuleViolationError } from '../common/errors';
import { User } from './user.entity';

export const hashToken = (token: string): string =>
  createHash('sha256').update(token).digest('hex');

export interface CreateUserInput {
  name: string;
  role: Role;
  organisationId?: string | null;
  personId?: string | null;
}

@Injectable()
export class UsersService {
  constructor(private readonly dataSource: DataSource) {}

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
    const token = `dr_${randomBytes(32).toString('base64url')}`;
    const user = await this.dataSource.getRepository(User).save({
      name: input.name,
      role: input.role,
      organisationId,
      personId: input.personId ?? null,
      tokenHash: hashToken(token),
      revokedAt: null,
    });
    return { user, token };
  }

  async findActorByToken(token: string): Promise<Actor | null> {
    const user = await this.dataSource
      .getRepository(User)
      .findOneBy({ tokenHash: hashToken(token), revokedAt: IsNull() });
    if (!user) return null;
    return {
      userId: user.id,
      role: user.role,
      organisationId: user.organisationId,
      personId: user.personId,
    };
  }
}
