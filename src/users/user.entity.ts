import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '../common/auth/actor';

@Entity('app_user')
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column()
  name: string;

  @Column({ type: 'text' })
  role: Role;

  /** The organisation a registrar writes for, or a politician belongs to. */
  @Column({ type: 'uuid', nullable: true })
  organisationId: string | null;

  /** The person a politician is, so "my motions" can be found. */
  @Column({ type: 'uuid', nullable: true })
  personId: string | null;

  /** SHA-256 of the bearer token; the token itself is shown once and never stored. */
  @Column({ select: false })
  tokenHash: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  /** After this instant the token is refused; rotating the token sets a new one. */
  @Column({ type: 'timestamptz' })
  expiresAt: Date;
}
