import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor } from '../common/auth/actor';
import { assertAdmin } from '../common/auth/permissions';
import { keysetPage, Page, PageQuery } from '../common/pagination';
import { TransactionRunner } from '../database/transaction-runner';
import { User } from './user.entity';
import { summariseUser, UserSummary, UsersService } from './users.service';

/** What admins do with users over the API: list, revoke, rotate a token. */
@Injectable()
export class UsersAdminService {
  constructor(
    private readonly users: UsersService,
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
  ) {}

  async list(actor: Actor, page: PageQuery): Promise<Page<UserSummary>> {
    assertAdmin(actor);
    const result = await keysetPage(this.dataSource.getRepository(User).createQueryBuilder('u'), {
      sortColumn: 'u.name',
      idColumn: 'u.id',
      sortValue: (u) => u.name,
      id: (u) => u.id,
      page,
    });
    const now = new Date();
    return { items: result.items.map((u) => summariseUser(u, now)), nextCursor: result.nextCursor };
  }

  revoke(actor: Actor, id: string): Promise<UserSummary> {
    assertAdmin(actor);
    return this.tx.run((manager) => this.users.revoke(manager, id));
  }

  rotate(actor: Actor, id: string): Promise<{ user: UserSummary; token: string }> {
    assertAdmin(actor);
    return this.tx.run((manager) => this.users.rotateToken(manager, id));
  }
}
