import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor } from '../common/auth/actor';
import { assertAdmin, assertCanWrite } from '../common/auth/permissions';
import { NotFoundError } from '../common/errors';
import { keysetPage, Page } from '../common/pagination';
import { TransactionRunner } from '../database/transaction-runner';
import {
  CreateOrganisationDto,
  ListOrganisationsQuery,
  UpdateOrganisationDto,
} from './dto/organisation.dto';
import { normaliseOrganisationNumber } from './organisation-number';
import { Organisation } from './organisation.entity';

/** The normalised number, or null when it is not known (left out): never invented. */
function knownNumber(input: string | undefined): string | null {
  return input === undefined ? null : normaliseOrganisationNumber(input)!;
}

@Injectable()
export class OrganisationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
  ) {}

  async createOrganisation(actor: Actor, dto: CreateOrganisationDto): Promise<Organisation> {
    assertAdmin(actor);
    return this.tx.run((m) =>
      m.getRepository(Organisation).save({
        name: dto.name.trim(),
        kind: dto.kind,
        organisationNumber: knownNumber(dto.organisationNumber),
      }),
    );
  }

  async updateOrganisation(
    actor: Actor,
    id: string,
    dto: UpdateOrganisationDto,
  ): Promise<Organisation> {
    assertCanWrite(actor, id);
    return this.tx.run(async (m) => {
      const repo = m.getRepository(Organisation);
      const organisation = await repo.findOne({
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!organisation) throw new NotFoundError('organisation', id);
      if (dto.name !== undefined) organisation.name = dto.name.trim();
      if (dto.kind !== undefined) organisation.kind = dto.kind;
      if (dto.organisationNumber !== undefined) {
        organisation.organisationNumber = knownNumber(dto.organisationNumber);
      }
      return repo.save(organisation);
    });
  }

  async getOrganisation(id: string): Promise<Organisation> {
    const organisation = await this.dataSource.getRepository(Organisation).findOneBy({ id });
    if (!organisation) throw new NotFoundError('organisation', id);
    return organisation;
  }

  listOrganisations(query: ListOrganisationsQuery): Promise<Page<Organisation>> {
    const qb = this.dataSource.getRepository(Organisation).createQueryBuilder('o');
    if (query.kind) qb.andWhere('o.kind = :kind', { kind: query.kind });
    if (query.q) qb.andWhere('o.name ILIKE :q', { q: `%${query.q}%` });
    return keysetPage(qb, {
      sortColumn: 'o.name',
      idColumn: 'o.id',
      sortValue: (o) => o.name,
      id: (o) => o.id,
      page: query,
    });
  }
}
