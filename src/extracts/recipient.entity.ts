import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { RecipientKind } from './dto/extracts.dto';

/** An entry of an organisation's directory of extract recipients, reused across paragraphs. */
@Entity('recipient')
export class Recipient {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'text' })
  kind: RecipientKind;

  /** "Ekonomidirektör", "Kammarkollegiet", a person's or a body's name. */
  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'uuid', nullable: true })
  personId: string | null;

  @Column({ type: 'uuid', nullable: true })
  bodyId: string | null;

  @Column({ type: 'text', nullable: true })
  email: string | null;

  /** Retired recipients stay on old lists but cannot be put on new ones. */
  @Column({ type: 'boolean', default: true })
  active: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
