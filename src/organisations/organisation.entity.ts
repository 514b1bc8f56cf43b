import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

/** municipal_association = kommunalförbund, regional_association = regionförbund. */
export const ORGANISATION_KINDS = [
  'region',
  'municipality',
  'municipal_association',
  'regional_association',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** How each kind is printed in Swedish documents. */
export const ORGANISATION_KIND_NAMES: Record<OrganisationKind, string> = {
  region: 'region',
  municipality: 'kommun',
  municipal_association: 'kommunalförbund',
  regional_association: 'regionförbund',
};

@Entity('organisation')
export class Organisation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column()
  name: string;

  @Column({ type: 'text' })
  kind: OrganisationKind;

  /** Stored normalised as NNNNNN-NNNN; null when not known (never invented). */
  @Column({ type: 'text', nullable: true, unique: true })
  organisationNumber: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
