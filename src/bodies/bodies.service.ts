import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '../common/auth/actor';
import { assertCanWrite } from '../common/auth/permissions';
import { ConflictError, NotFoundError, RuleViolationError } from '../common/errors';
import { keysetPage, Page } from '../common/pagination';
import { TransactionRunner } from '../database/transaction-runner';
import { rewriteDraftReferences } from '../numbering/numbering';
import { Organisation } from '../organisations/organisation.entity';
import { Body } from './body.entity';
import { CreateBodyDto, ListBodiesQuery, UpdateBodyDto } from './dto/body.dto';

@Injectable()
export class BodiesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
  ) {}

  async createBody(actor: Actor, organisationId: string, dto: CreateBodyDto): Promise<Body> {
    assertCanWrite(actor, organisationId);
    return this.tx.run(async (m) => {
      if (!(await m.getRepository(Organisation).existsBy({ id: organisationId }))) {
        throw new NotFoundError('organisation', organisationId);
      }
      const body = m.getRepository(Body).create({
        organisationId,
        name: dto.name.trim(),
        shortName: dto.shortName.trim(),
        kind: dto.kind,
        preparesForBodyId: dto.preparesForBodyId ?? null,
        paragraphNumbering: dto.paragraphNumbering ?? 'per_year',
        referencePattern: dto.referencePattern ?? null,
      });
      await this.assertPreparesFor(m, body);
      return m.getRepository(Body).save(body);
    });
  }

  async updateBody(actor: Actor, id: string, dto: UpdateBodyDto): Promise<Body> {
    return this.tx.run(async (m) => {
      const repo = m.getRepository(Body);
      const body = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!body) throw new NotFoundError('body', id);
      assertCanWrite(actor, body.organisationId);
      const before = { shortName: body.shortName };
      if (dto.name !== undefined) body.name = dto.name.trim();
      if (dto.shortName !== undefined) body.shortName = dto.shortName.trim();
      const changesKind = dto.kind !== undefined && dto.kind !== body.kind;
      const changesNumbering =
        dto.paragraphNumbering !== undefined && dto.paragraphNumbering !== body.paragraphNumbering;
      if (changesKind || changesNumbering) {
        await this.assertHasNoParagraphs(m, body.id, changesKind ? 'kind' : 'paragraphNumbering');
      }
      if (dto.kind !== undefined) body.kind = dto.kind;
      if (dto.preparesForBodyId !== undefined) body.preparesForBodyId = dto.preparesForBodyId;
      if (dto.paragraphNumbering !== undefined) body.paragraphNumbering = dto.paragraphNumbering;
      const changesReference =
        (dto.shortName !== undefined && body.shortName !== before.shortName) ||
        (dto.referencePattern !== undefined && dto.referencePattern !== body.referencePattern);
      if (dto.referencePattern !== undefined) body.referencePattern = dto.referencePattern;
      await this.assertPreparesFor(m, body);
      const saved = await repo.save(body);
      // Draft paragraphs follow the new form; adjusted ones keep the reference they were adjusted with.
      if (changesReference) await rewriteDraftReferences(m, body.id);
      return saved;
    });
  }

  async getBody(id: string): Promise<Body> {
    const body = await this.dataSource.getRepository(Body).findOneBy({ id });
    if (!body) throw new NotFoundError('body', id);
    return body;
  }

  listBodies(query: ListBodiesQuery): Promise<Page<Body>> {
    const qb = this.dataSource.getRepository(Body).createQueryBuilder('b');
    if (query.organisationId)
      qb.andWhere('b.organisation_id = :org', { org: query.organisationId });
    if (query.kind) qb.andWhere('b.kind = :kind', { kind: query.kind });
    return keysetPage(qb, {
      sortColumn: 'b.name',
      idColumn: 'b.id',
      sortValue: (b) => b.name,
      id: (b) => b.id,
      page: query,
    });
  }

  /**
   * A body's kind decides whether its paragraphs are decisions, and its numbering mode how they
   * are numbered: once it has paragraphs, neither can change (the record would be rewritten, or
   * two paragraphs would get the same reference).
   */
  private async assertHasNoParagraphs(
    m: EntityManager,
    bodyId: string,
    field: 'kind' | 'paragraphNumbering',
  ): Promise<void> {
    const [row]: { count: number }[] = await m.query(
      `SELECT count(*)::int AS count FROM paragraph WHERE body_id = $1`,
      [bodyId],
    );
    if (row.count > 0) {
      throw new ConflictError(
        field === 'kind'
          ? `The body already has ${row.count} paragraph(s): its kind can no longer change, since it decides what its recorded paragraphs are`
          : `The body already has ${row.count} paragraph(s): its paragraph numbering can no longer change, since paragraphs already numbered would be numbered again`,
        { field, paragraphs: row.count },
      );
    }
  }

  /** A body may only prepare for another body of the same organisation. */
  private async assertPreparesFor(m: EntityManager, body: Body): Promise<void> {
    if (!body.preparesForBodyId) return;
    if (body.preparesForBodyId === body.id) {
      throw new RuleViolationError('A body cannot prepare matters for itself');
    }
    const target = await m.getRepository(Body).findOneBy({ id: body.preparesForBodyId });
    if (!target) throw new NotFoundError('body', body.preparesForBodyId);
    if (target.organisationId !== body.organisationId) {
      throw new RuleViolationError('preparesForBodyId must be a body of the same organisation');
    }
  }
}
