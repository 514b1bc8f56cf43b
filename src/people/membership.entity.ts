import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const MEMBERSHIP_ROLES = ['chair', 'vice_chair', 'member', 'substitute'] as const;
export type MembershipRole = (typeof MEMBERSHIP_ROLES)[number];

/** A person's seat on a body for a period (ledamot, ersättare, ordförande …). */
@Entity('membership')
export class Membership {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  bodyId: string;

  @Column({ type: 'uuid' })
  personId: string;

  @Column({ type: 'text' })
  role: MembershipRole;

  @Column({ type: 'date' })
  validFrom: string;

  /** Inclusive last day; null while the seat is held. */
  @Column({ type: 'date', nullable: true })
  validTo: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** Chair, vice chair and members hold seats; substitutes serve only when called in. */
export const isSeatHolder = (role: MembershipRole): boolean => role !== 'substitute';
