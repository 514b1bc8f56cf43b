import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { MotionKind, MotionOutcome, MotionStatus } from './motion-rules';

/** A council motion, an initiativärende or a medborgarförslag, with its current state. */
@Entity('motion')
export class Motion {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  /** The body where it was raised: the council for motions, a board/committee for initiatives. */
  @Column({ type: 'uuid' })
  bodyId: string;

  @Column({ type: 'text' })
  kind: MotionKind;

  @Column()
  title: string;

  @Column({ type: 'text', nullable: true })
  caseNumber: string | null;

  @Column({ type: 'date' })
  raisedOn: string;

  /** The paragraph where it was raised or announced. */
  @Column({ type: 'uuid', nullable: true })
  raisedParagraphId: string | null;

  /** The citizen behind a medborgarförslag. */
  @Column({ type: 'text', nullable: true })
  citizenName: string | null;

  /** KL 5 kap. 35 §: raised date + one year. */
  @Column({ type: 'date' })
  decisionDue: string;

  @Column({ type: 'text' })
  status: MotionStatus;

  @Column({ type: 'text', nullable: true })
  outcome: MotionOutcome | null;

  @Column({ type: 'text', nullable: true })
  referredTo: string | null;

  @Column({ type: 'date', nullable: true })
  answerDue: string | null;

  @Column({ type: 'date', nullable: true })
  decidedOn: string | null;

  @Column({ type: 'uuid', nullable: true })
  decisionParagraphId: string | null;

  /** The day it was decided or withdrawn. */
  @Column({ type: 'date', nullable: true })
  closedOn: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

@Entity('motion_signatory')
export class MotionSignatory {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  motionId: string;

  @Column({ type: 'uuid' })
  personId: string;

  @Column({ type: 'int' })
  position: number;

  /** The party when signing. */
  @Column({ type: 'text', nullable: true })
  party: string | null;
}

/** A requested decision clause ("att …"). */
@Entity('motion_clause')
export class MotionClause {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  motionId: string;

  @Column({ type: 'int' })
  position: number;

  @Column()
  text: string;
}

@Entity('motion_document')
export class MotionDocument {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  motionId: string;

  @Column()
  title: string;

  @Column({ type: 'date' })
  documentDate: string;

  /** Where the document is found: a file reference, case document number or URL. */
  @Column({ type: 'text', nullable: true })
  reference: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

export const EVENT_KINDS = [
  'raised',
  'referred',
  'answered',
  'sent_back',
  'tabled',
  'decided',
  'withdrawn',
] as const;
export type MotionEventKind = (typeof EVENT_KINDS)[number];

/** One dated step of the timeline; append-only in the database. */
@Entity('motion_event')
export class MotionEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  motionId: string;

  @Column({ type: 'int' })
  seq: number;

  @Column({ type: 'text' })
  kind: MotionEventKind;

  @Column({ type: 'date' })
  occurredOn: string;

  @Column({ type: 'text', nullable: true })
  fromStatus: MotionStatus | null;

  @Column({ type: 'text' })
  toStatus: MotionStatus;

  @Column({ type: 'text', nullable: true })
  outcome: MotionOutcome | null;

  @Column({ type: 'text', nullable: true })
  referredTo: string | null;

  @Column({ type: 'date', nullable: true })
  answerDue: string | null;

  @Column({ type: 'uuid', nullable: true })
  paragraphId: string | null;

  @Column({ type: 'uuid', nullable: true })
  documentId: string | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

@Entity('motion_body_setting')
export class MotionBodySetting {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  bodyId: string;

  @Column({ type: 'boolean' })
  allowsCitizenProposals: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
