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

  /** The raised day when known; null when only a year / year-month (raisedPartial) or nothing is known. */
  @Column({ type: 'date', nullable: true })
  raisedOn: string | null;

  /** 'YYYY' or 'YYYY-MM' when the raised date is known only in part (transcribed motions). */
  @Column({ type: 'text', nullable: true })
  raisedPartial: string | null;

  /** Entered from a printed document: the register holds what it shows, nothing more. */
  @Column({ type: 'boolean', default: false })
  transcribed: boolean;

  /** The paragraph where it was raised or announced. */
  @Column({ type: 'uuid', nullable: true })
  raisedParagraphId: string | null;

  /** The citizen behind a medborgarförslag or e-förslag (null when not published). */
  @Column({ type: 'text', nullable: true })
  citizenName: string | null;

  /** The proposal was published without the proposer's name. */
  @Column({ type: 'boolean', default: false })
  citizenNameUnpublished: boolean;

  /** KL 5 kap. 35 §: raised date + one year; null unless the raised day is known. */
  @Column({ type: 'date', nullable: true })
  decisionDue: string | null;

  /** The range of possible due days (equal to decisionDue when it is known). */
  @Column({ type: 'date', nullable: true })
  decisionDueEarliest: string | null;

  @Column({ type: 'date', nullable: true })
  decisionDueLatest: string | null;

  /** E-proposals: signature period, threshold and the latest count. */
  @Column({ type: 'date', nullable: true })
  signaturePeriodStart: string | null;

  @Column({ type: 'date', nullable: true })
  signaturePeriodEnd: string | null;

  @Column({ type: 'int', nullable: true })
  signatureThreshold: number | null;

  @Column({ type: 'int', nullable: true })
  signatureCount: number | null;

  /** The number the body printed on it ("Nr 2001:25"), as printed. */
  @Column({ type: 'text', nullable: true })
  printedNumber: string | null;

  /** A transcribed motion by a party group whose members are not named ("(MP)"). */
  @Column({ type: 'text', nullable: true })
  proposerParty: string | null;

  /** The body the council named to handle (and decide) an e-proposal. */
  @Column({ type: 'uuid', nullable: true })
  handledByBodyId: string | null;

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
  'signatures_opened',
  'signatures_counted',
  'threshold_reached',
  'closed',
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

  /** Null only for the raising of a motion whose raised day is not known. */
  @Column({ type: 'date', nullable: true })
  occurredOn: string | null;

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

  /** E-proposals: the number of signatures recorded by this event. */
  @Column({ type: 'int', nullable: true })
  signatureCount: number | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

export const PROPOSAL_SETTING_KINDS = ['citizen_proposal', 'e_proposal'] as const;
export type ProposalSettingKind = (typeof PROPOSAL_SETTING_KINDS)[number];

/**
 * A period in which a council accepts medborgarförslag or e-förslag (from–to, inclusive). A null
 * validFrom: since before what the register knows; a null validTo: until further notice.
 */
@Entity('council_proposal_setting')
export class CouncilProposalSetting {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  bodyId: string;

  @Column({ type: 'text' })
  kind: ProposalSettingKind;

  @Column({ type: 'date', nullable: true })
  validFrom: string | null;

  @Column({ type: 'date', nullable: true })
  validTo: string | null;

  /** E-proposals: signatures needed for the council to take it up. */
  @Column({ type: 'int', nullable: true })
  signatureThreshold: number | null;

  /** E-proposals: the body that handles them. */
  @Column({ type: 'uuid', nullable: true })
  handledByBodyId: string | null;

  /** The paragraph where the council decided the setting. */
  @Column({ type: 'uuid', nullable: true })
  decidedParagraphId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
