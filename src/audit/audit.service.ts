import { Injectable } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';
import { DataSource } from 'typeorm';
import { keysetPage, Page, PageQuery } from '../common/pagination';
import { ChainHead, ChainVerification, chainHead, verifyChain } from './audit-chain';
import { AuditEvent } from './audit-event.entity';

export class ListAuditQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Table name, e.g. organisation, body, paragraph' })
  @IsOptional()
  @IsString()
  entity?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  entityId?: string;
}

@Injectable()
export class AuditService {
  constructor(private readonly dataSource: DataSource) {}

  /** Newest first. */
  listAuditEvents(query: ListAuditQuery): Promise<Page<AuditEvent>> {
    const qb = this.dataSource.getRepository(AuditEvent).createQueryBuilder('a');
    if (query.entity) qb.andWhere('a.entity = :entity', { entity: query.entity });
    if (query.entityId) qb.andWhere('a.entity_id = :entityId', { entityId: query.entityId });
    return keysetPage(qb, {
      sortColumn: 'a.id',
      idColumn: 'a.id',
      sortValue: (a) => Number(a.id),
      id: (a) => String(a.id),
      page: query,
      descending: true,
    });
  }

  /** Walks the whole hash chain; names the first broken link. */
  verifyChain(): Promise<ChainVerification> {
    return verifyChain(this.dataSource);
  }

  /** The newest link of the chain: keep a copy to prove later that history was not rewritten. */
  head(): Promise<ChainHead> {
    return chainHead(this.dataSource);
  }
}
