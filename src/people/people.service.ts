import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Body } from '../bodies/body.entity';
import { Actor } from '../common/auth/actor';
import { assertCanWrite } from '../common/auth/permissions';
import { ConflictError, NotFoundError, RuleViolationError } from '../common/errors';
import { keysetPage, Page } from '../common/pagination';
import { TransactionRunner } from '../database/transaction-runner';
import { Organisation } from '../organisations/organisation.entity';
import {
  CreateMembershipDto,
  CreatePersonDto,
  ListPeopleQuery,
  UpdateMembershipDto,
  UpdatePersonDto,
} from './dto/person.dto';
import { Membership } from './membership.entity';
import { Person, PersonView } from './person.entity';

export interface MemberOnDate {
  membershipId: string;
  personId: string;
  name: string;
  party: string | null;
  role: Membership['role'];
}

@Injectable()
export class PeopleService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
  ) {}

  async createPerson(actor: Actor, dto: CreatePersonDto): Promise<PersonView> {
    assertCanWrite(actor, dto.organisationId);
    const person = await this.tx.run(async (m) => {
      if (!(await m.getRepository(Organisation).existsBy({ id: dto.organisationId }))) {
        throw new NotFoundError('organisation', dto.organisationId);
      }
      return m.getRepository(Person).save({
        organisationId: dto.organisationId,
        name: dto.name.trim(),
        party: dto.party?.trim() ?? null,
        title: dto.title?.trim() ?? null,
        email: dto.email ?? null,
      });
    });
    return personAsSeenBy(actor, person);
  }

  async updatePerson(actor: Actor, id: string, dto: UpdatePersonDto): Promise<PersonView> {
    const saved = await this.tx.run(async (m) => {
      const repo = m.getRepository(Person);
      const person = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!person) throw new NotFoundError('person', id);
      assertCanWrite(actor, person.organisationId);
      if (dto.name !== undefined) person.name = dto.name.trim();
      if (dto.party !== undefined) person.party = dto.party?.trim() ?? null;
      if (dto.title !== undefined) person.title = dto.title?.trim() ?? null;
      if (dto.email !== undefined) person.email = dto.email ?? null;
      return repo.save(person);
    });
    return personAsSeenBy(actor, saved);
  }

  async getPerson(actor: Actor, id: string): Promise<PersonView> {
    const person = await this.dataSource.getRepository(Person).findOneBy({ id });
    if (!person) throw new NotFoundError('person', id);
    return personAsSeenBy(actor, person);
  }

  async listPeople(actor: Actor, query: ListPeopleQuery): Promise<Page<PersonView>> {
    const page = await this.listPersonRows(query);
    return { ...page, items: page.items.map((p) => personAsSeenBy(actor, p)) };
  }

  private listPersonRows(query: ListPeopleQuery): Promise<Page<Person>> {
    const qb = this.dataSource.getRepository(Person).createQueryBuilder('p');
    if (query.organisationId)
      qb.andWhere('p.organisation_id = :org', { org: query.organisationId });
    if (query.party) qb.andWhere('p.party = :party', { party: query.party });
    if (query.q) qb.andWhere('p.name ILIKE :q', { q: `%${query.q}%` });
    return keysetPage(qb, {
      sortColumn: 'p.name',
      idColumn: 'p.id',
      sortValue: (p) => p.name,
      id: (p) => p.id,
      page: query,
    });
  }

  async addMembership(actor: Actor, bodyId: string, dto: CreateMembershipDto): Promise<Membership> {
    return this.tx.run(async (m) => {
      const body = await m.getRepository(Body).findOneBy({ id: bodyId });
      if (!body) throw new NotFoundError('body', bodyId);
      assertCanWrite(actor, body.organisationId);
      const person = await m.getRepository(Person).findOneBy({ id: dto.personId });
      if (!person) throw new NotFoundError('person', dto.personId);
      if (person.organisationId !== body.organisationId) {
        throw new RuleViolationError('The person belongs to another organisation than the body');
      }
      const membership = m.getRepository(Membership).create({
        bodyId,
        personId: dto.personId,
        role: dto.role,
        validFrom: dto.validFrom,
        validTo: dto.validTo ?? null,
      });
      await this.assertMembershipValid(m, membership);
      return m.getRepository(Membership).save(membership);
    });
  }

  async updateMembership(actor: Actor, id: string, dto: UpdateMembershipDto): Promise<Membership> {
    return this.tx.run(async (m) => {
      const repo = m.getRepository(Membership);
      const membership = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!membership) throw new NotFoundError('membership', id);
      const body = await m.getRepository(Body).findOneByOrFail({ id: membership.bodyId });
      assertCanWrite(actor, body.organisationId);
      if (dto.role !== undefined) membership.role = dto.role;
      if (dto.validFrom !== undefined) membership.validFrom = dto.validFrom;
      if (dto.validTo !== undefined) membership.validTo = dto.validTo;
      await this.assertMembershipValid(m, membership);
      return repo.save(membership);
    });
  }

  listMemberships(bodyId: string, on?: string): Promise<Membership[]> {
    const qb = this.dataSource
      .getRepository(Membership)
      .createQueryBuilder('ms')
      .where('ms.body_id = :bodyId', { bodyId });
    if (on) {
      qb.andWhere('ms.valid_from <= :on AND (ms.valid_to IS NULL OR ms.valid_to >= :on)', { on });
    }
    return qb.orderBy('ms.valid_from', 'ASC').addOrderBy('ms.id', 'ASC').getMany();
  }

  /** Who holds which seat on a body on a given day, e.g. to check quorum at a meeting. */
  async findMembersOn(
    bodyId: string,
    on: string,
    manager?: EntityManager,
  ): Promise<MemberOnDate[]> {
    const rows: MemberOnDate[] = await (manager ?? this.dataSource.manager).query(
      `SELECT ms.id AS "membershipId", p.id AS "personId", p.name, p.party, ms.role
         FROM membership ms JOIN person p ON p.id = ms.person_id
        WHERE ms.body_id = $1 AND ms.valid_from <= $2 AND (ms.valid_to IS NULL OR ms.valid_to >= $2)
        ORDER BY p.name, p.id`,
      [bodyId, on],
    );
    return rows;
  }

  private async assertMembershipValid(m: EntityManager, membership: Membership): Promise<void> {
    if (membership.validTo && membership.validTo < membership.validFrom) {
      throw new RuleViolationError('validTo must not be before validFrom');
    }
    const overlapping = await m
      .getRepository(Membership)
      .createQueryBuilder('ms')
      .where('ms.body_id = :bodyId AND ms.person_id = :personId', membership)
      .andWhere('ms.id IS DISTINCT FROM :id', { id: membership.id ?? null })
      .andWhere("ms.valid_from <= COALESCE(:to::date, 'infinity'::date)", {
        to: membership.validTo,
      })
      .andWhere("COALESCE(ms.valid_to, 'infinity'::date) >= :from::date", {
        from: membership.validFrom,
      })
      .getCount();
    if (overlapping > 0) {
      throw new ConflictError('The person already has a seat on this body in that period');
    }
  }
}

/**
 * E-mail addresses are personal data: only admins and registrars of the person's organisation
 * see them; everyone else gets the person without the field.
 */
export function personAsSeenBy(actor: Actor, person: Person): PersonView {
  const canSeeEmail =
    actor.role === 'admin' ||
    (actor.role === 'registrar' && actor.organisationId === person.organisationId);
  if (canSeeEmail) return person;
  const { email: _email, ...rest } = person;
  return rest;
}
