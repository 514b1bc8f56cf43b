import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Body } from '../bodies/body.entity';
import { Actor } from '../common/auth/actor';
import { assertCanWrite } from '../common/auth/permissions';
import { NotFoundError, RuleViolationError } from '../common/errors';
import { keysetPage, Page } from '../common/pagination';
import { TransactionRunner } from '../database/transaction-runner';
import { Organisation } from '../organisations/organisation.entity';
import { Person } from '../people/person.entity';
import { assertCanReadInternal } from './access';
import { CreateRecipientDto, ListRecipientsQuery, UpdateRecipientDto } from './dto/extracts.dto';
import { Recipient } from './recipient.entity';

/** The directory of recipients of extracts, per organisation. */
@Injectable()
export class RecipientsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
  ) {}

  async createRecipient(
    actor: Actor,
    organisationId: string,
    dto: CreateRecipientDto,
  ): Promise<Recipient> {
    assertCanWrite(actor, organisationId);
    return this.tx.run(async (m) => {
      if (!(await m.getRepository(Organisation).existsBy({ id: organisationId }))) {
        throw new NotFoundError('organisation', organisationId);
      }
      let name = dto.name?.trim();
      let personId: string | null = null;
      let bodyId: string | null = null;
      if (dto.kind === 'person') {
        if (!dto.personId || dto.bodyId) {
          throw new RuleViolationError(
            'A recipient of kind person needs personId (and no bodyId)',
            {
              field: 'personId',
            },
          );
        }
        const person = await m.getRepository(Person).findOneBy({ id: dto.personId });
        if (!person) throw new NotFoundError('person', dto.personId);
        if (person.organisationId !== organisationId) {
          throw new RuleViolationError('The person belongs to another organisation', {
            field: 'personId',
          });
        }
        personId = person.id;
        name ||= person.title ? `${person.name}, ${person.title}` : person.name;
      } else if (dto.kind === 'body') {
        if (!dto.bodyId || dto.personId) {
          throw new RuleViolationError('A recipient of kind body needs bodyId (and no personId)', {
            field: 'bodyId',
          });
        }
        const body = await m.getRepository(Body).findOneBy({ id: dto.bodyId });
        if (!body) throw new NotFoundError('body', dto.bodyId);
        if (body.organisationId !== organisationId) {
          throw new RuleViolationError('The body belongs to another organisation', {
            field: 'bodyId',
          });
        }
        bodyId = body.id;
        name ||= body.name;
      } else {
        if (dto.personId || dto.bodyId) {
          throw new RuleViolationError(
            `A recipient of kind ${dto.kind} refers to neither a person nor a body`,
            { field: dto.personId ? 'personId' : 'bodyId' },
          );
        }
        if (!name) {
          throw new RuleViolationError(`A recipient of kind ${dto.kind} needs a name`, {
            field: 'name',
          });
        }
      }
      return m.getRepository(Recipient).save({
        organisationId,
        kind: dto.kind,
        name,
        personId,
        bodyId,
        email: dto.email ?? null,
        active: true,
      });
    });
  }

  async updateRecipient(actor: Actor, id: string, dto: UpdateRecipientDto): Promise<Recipient> {
    return this.tx.run(async (m) => {
      const repo = m.getRepository(Recipient);
      const recipient = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!recipient) throw new NotFoundError('recipient', id);
      assertCanWrite(actor, recipient.organisationId);
      // Lists already written keep their own label: renaming never rewrites the record.
      if (dto.name !== undefined) recipient.name = dto.name.trim();
      if (dto.email !== undefined) recipient.email = dto.email ?? null;
      if (dto.active !== undefined) recipient.active = dto.active;
      return repo.save(recipient);
    });
  }

  async getRecipient(actor: Actor, id: string): Promise<Recipient> {
    const recipient = await this.dataSource.getRepository(Recipient).findOneBy({ id });
    if (!recipient) throw new NotFoundError('recipient', id);
    assertCanReadInternal(actor, recipient.organisationId);
    return recipient;
  }

  listRecipients(
    actor: Actor,
    organisationId: string,
    query: ListRecipientsQuery,
  ): Promise<Page<Recipient>> {
    assertCanReadInternal(actor, organisationId);
    const qb = this.dataSource
      .getRepository(Recipient)
      .createQueryBuilder('r')
      .where('r.organisation_id = :organisationId', { organisationId });
    if (query.kind) qb.andWhere('r.kind = :kind', { kind: query.kind });
    if (query.q) qb.andWhere('r.name ILIKE :q', { q: `%${query.q}%` });
    if (!query.includeInactive) qb.andWhere('r.active');
    return keysetPage(qb, {
      sortColumn: 'r.name',
      idColumn: 'r.id',
      sortValue: (r) => r.name,
      id: (r) => r.id,
      page: query,
    });
  }
}
