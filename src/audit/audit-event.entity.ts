import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One row per change to any audited table, written by a database trigger in the same
 * transaction as the change. The table is append-only: triggers reject UPDATE, DELETE and TRUNCATE.
 */
@Entity('audit_event')
export class AuditEvent {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: number;

  @Column({ type: 'timestamptz' })
  occurredAt: Date;

  @Column({ type: 'uuid', nullable: true })
  actorUserId: string | null;

  @Column({ type: 'text', nullable: true })
  requestId: string | null;

  /** insert, update or delete */
  @Column({ type: 'text' })
  action: string;

  /** The table name, e.g. "paragraph". */
  @Column({ type: 'text' })
  entity: string;

  @Column({ type: 'text' })
  entityId: string;

  @Column({ type: 'jsonb', nullable: true })
  before: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  after: Record<string, unknown> | null;
}
