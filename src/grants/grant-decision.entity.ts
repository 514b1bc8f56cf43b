import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** The grantor's decision on an application, as entered from its decision document. */
@Entity('grant_decision')
export class GrantDecision {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  applicationId: string;

  @Column({ type: 'date' })
  decidedOn: string;

  @Column({ type: 'text' })
  decidedBy: string;

  @Column({ type: 'text', nullable: true })
  caseNumber: string | null;

  /** Computed by the register from the measures, never taken from input. */
  @Column({ type: 'bigint' })
  requestedTotalOre: number;

  @Column({ type: 'bigint' })
  grantedTotalOre: number;

  @Column({ type: 'bigint' })
  rejectedTotalOre: number;

  @Column({ type: 'date', nullable: true })
  implementationDeadline: string | null;

  @Column({ type: 'boolean' })
  appealable: boolean;

  @Column({ type: 'text', nullable: true })
  appealNote: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

@Entity('grant_decision_measure')
export class GrantDecisionMeasure {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  grantDecisionId: string;

  @Column({ type: 'uuid' })
  applicationId: string;

  @Column({ type: 'uuid' })
  measureId: string;

  @Column({ type: 'bigint' })
  requestedOre: number;

  @Column({ type: 'bigint' })
  grantedOre: number;

  @Column({ type: 'bigint' })
  rejectedOre: number;

  @Column({ type: 'text', nullable: true })
  reason: string | null;
}

/** A condition of the grant, optionally capping the use of one measure's money. */
@Entity('grant_condition')
export class GrantCondition {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  grantDecisionId: string;

  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'text' })
  text: string;

  @Column({ type: 'uuid', nullable: true })
  measureId: string | null;

  @Column({ type: 'bigint', nullable: true })
  maxAmountOre: number | null;
}

@Entity('grant_disbursement')
export class GrantDisbursement {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  grantDecisionId: string;

  @Column({ type: 'int' })
  year: number;

  @Column({ type: 'bigint' })
  amountOre: number;

  @Column({ type: 'date', nullable: true })
  paidOn: string | null;
}

export const REPORT_KINDS = ['interim', 'final'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/** Delredovisning / slutredovisning. */
@Entity('grant_report')
export class GrantReport {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  grantDecisionId: string;

  @Column({ type: 'text' })
  kind: ReportKind;

  @Column({ type: 'date' })
  dueOn: string;

  @Column({ type: 'date', nullable: true })
  submittedOn: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
