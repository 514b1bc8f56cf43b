import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

export const APPLICATION_STATUSES = [
  'draft',
  'submitted',
  'decided',
  'reporting',
  'closed',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** An application for a state grant (ansökan om statsbidrag), single or joint. */
@Entity('grant_application')
export class GrantApplication {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The organisation that keeps the application: the lead applicant's. */
  @Column({ type: 'uuid' })
  organisationId: string;

  /** "Delegationen för en effektiv hälso- och sjukvård, Kammarkollegiet" */
  @Column({ type: 'text' })
  grantor: string;

  /** "Förordning (2024:1102) om tillfälligt statsbidrag för en effektiv hälso- och sjukvård" */
  @Column({ type: 'text' })
  legalBasis: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', nullable: true })
  caseNumber: string | null;

  @Column({ type: 'date', nullable: true })
  deadline: string | null;

  @Column({ type: 'date', nullable: true })
  submittedOn: string | null;

  @Column({ type: 'text', default: 'draft' })
  status: ApplicationStatus;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** One applicant organisation; a joint application has several and exactly one lead. */
@Entity('grant_applicant')
export class GrantApplicant {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  applicationId: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'boolean', default: false })
  isLead: boolean;

  /** Behörig företrädare: certifies that the application rests on a minuted decision. */
  @Column({ type: 'text', nullable: true })
  signatoryName: string | null;

  @Column({ type: 'text', nullable: true })
  signatoryTitle: string | null;

  /** The decision clause (att-sats) authorising this organisation to take part. */
  @Column({ type: 'uuid', nullable: true })
  authorisingClauseId: string | null;

  /**
   * True once the organisation itself (its registrar, or an admin) gave the signatory or the
   * authorisation: entries made in its name by another organisation are not shown as authorised.
   */
  @Column({ type: 'boolean', default: false })
  enteredByOwnOrganisation: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** A measure (åtgärd) applied for; amounts in öre. */
@Entity('grant_measure')
export class GrantMeasure {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  applicationId: string;

  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'text', nullable: true })
  expectedEffect: string | null;

  @Column({ type: 'bigint' })
  estimatedCostOre: number;

  @Column({ type: 'bigint' })
  requestedAmountOre: number;
}
