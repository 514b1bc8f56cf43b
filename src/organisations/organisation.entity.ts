import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

export const ORGANISATION_KINDS = ['region', 'municipality'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

@Entity('organisation')
export class Organisation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column()
  name: string;

  @Column({ type: 'text' })
  kind: OrganisationKind;

  /** Stored normalised as NNNNNN-NNNN. */
  @Column({ unique: true })
  organisationNumber: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
