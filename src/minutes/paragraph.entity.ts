import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const OUTCOME_KINDS = ['decision', 'proposal', 'none'] as const;
/**
 * 'proposal': a preparing body's paragraph (e.g. a working committee's) — never a final decision.
 * 'none': no decision at all (information, "Inga frågor ställs"): not appealable, never in the
 * decision register, printed without a decision heading.
 */
export type OutcomeKind = (typeof OUTCOME_KINDS)[number];

/**
 * A paragraph (§) of the minutes. Once adjustedAt is set, database triggers refuse every change
 * except filling in the announcement and an appeal once; corrections are separate records.
 * Write it with SQL UPDATEs of the columns concerned, never a full-entity save.
 */
@Entity('paragraph')
export class Paragraph {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'uuid' })
  bodyId: string;

  @Column({ type: 'uuid' })
  meetingId: string;

  /** The year of the meeting for per-year numbering, 0 for continuous numbering. */
  @Column({ type: 'int' })
  numberingPeriod: number;

  @Column({ type: 'int' })
  number: number;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', nullable: true })
  caseNumber: string | null;

  /** "RS 2024-11-12 § 123", or in the body's pattern ("KSAU 130/2014"); see numbering/. */
  @Column({ type: 'text' })
  reference: string;

  /** Numeric order: period * 100 000 000 + number (bigint). */
  @Column({ type: 'bigint' })
  sortKey: string;

  /** The heading label in the minutes: "§ 123", "44 §". */
  @Column({ type: 'text' })
  label: string;

  /** The number was printed on a transcribed protocol. */
  @Column({ type: 'boolean', default: false })
  numberPrinted: boolean;

  /** Ärende number on the agenda ("14", "E10"). */
  @Column({ type: 'text', nullable: true })
  agendaItem: string | null;

  /** All case numbers; caseNumber is the first. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  caseNumbers: string[];

  /** Diariekod / arkivkod. */
  @Column({ type: 'text', nullable: true })
  filingCode: string | null;

  /** "Ärendet" */
  @Column({ type: 'text', nullable: true })
  description: string | null;

  /** Propositionsordning, as written in the minutes. */
  @Column({ type: 'text', nullable: true })
  questionOrder: string | null;

  @Column({ type: 'boolean', default: true })
  isPublic: boolean;

  @Column({ type: 'text' })
  outcomeKind: OutcomeKind;

  /** For a proposal paragraph: the body that is to decide. */
  @Column({ type: 'uuid', nullable: true })
  proposesToBodyId: string | null;

  /** Decided under this delegation (a final decision of the delegate body). */
  @Column({ type: 'uuid', nullable: true })
  delegationId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  decisionRecordedAt: Date | null;

  @Column({ type: 'boolean', default: false })
  immediatelyAdjusted: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  adjustedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  announcementId: string | null;

  @Column({ type: 'date', nullable: true })
  announcedOn: string | null;

  @Column({ type: 'date', nullable: true })
  appealLastDay: string | null;

  @Column({ type: 'date', nullable: true })
  noticeRemovedOn: string | null;

  @Column({ type: 'text', nullable: true })
  minutesKeptAt: string | null;

  @Column({ type: 'boolean' })
  appealable: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  appealRegisteredAt: Date | null;

  @Column({ type: 'text', nullable: true })
  appealNote: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
