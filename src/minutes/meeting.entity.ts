import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

export const MEETING_STATUSES = ['planned', 'held', 'adjusted'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

export const RECORDED_AS = ['live', 'transcribed'] as const;
export type RecordedAs = (typeof RECORDED_AS)[number];

/** A meeting (sammanträde) of a body; its minutes are the paragraphs held at it. */
@Entity('meeting')
export class Meeting {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'uuid' })
  bodyId: string;

  /** The full meeting date; null for a transcribed meeting whose paper lacks (part of) it. */
  @Column({ type: 'date', nullable: true })
  meetingDate: string | null;

  /** 'live' (strict rules) or 'transcribed' from a printed protocol. */
  @Column({ type: 'text', default: 'live' })
  recordedAs: RecordedAs;

  /** Transcribed only: the meeting date as far as printed ('2014' or '2014-03'). */
  @Column({ type: 'text', nullable: true })
  meetingDatePartial: string | null;

  /** Transcribed only: the adjustment date as far as printed ('2014' or '2014-03'). */
  @Column({ type: 'text', nullable: true })
  adjustmentDatePartial: string | null;

  /** Transcribed only: adjusters shown as signature boxes without names. */
  @Column({ type: 'int', default: 0 })
  unnamedAdjusterCount: number;

  /** Transcribed only: adjusted on paper, recorded by the registrar without named signatures. */
  @Column({ type: 'boolean', default: false })
  adjustedOnPaper: boolean;

  /** The printed date of a paper adjustment (partial or full), null when not printed. */
  @Column({ type: 'text', nullable: true })
  adjustedOnPrinted: string | null;

  /** 'HH:MM' */
  @Column({ type: 'text', nullable: true })
  startTime: string | null;

  @Column({ type: 'text', nullable: true })
  endTime: string | null;

  @Column({ type: 'text', nullable: true })
  place: string | null;

  @Column({ type: 'uuid', nullable: true })
  chairPersonId: string | null;

  @Column({ type: 'uuid', nullable: true })
  secretaryPersonId: string | null;

  /** Planned place of adjustment, e.g. "Regionens hus, Östersund". */
  @Column({ type: 'text', nullable: true })
  adjustmentPlace: string | null;

  /** Planned day of adjustment. */
  @Column({ type: 'date', nullable: true })
  adjustmentDate: string | null;

  /** Where the minutes are kept; AppConfig.MINUTES_KEPT_AT when null. */
  @Column({ type: 'text', nullable: true })
  minutesKeptAt: string | null;

  /** The meeting's own case number (diarienummer), as printed on the cover. */
  @Column({ type: 'text', nullable: true })
  caseNumber: string | null;

  /** Öppet för allmänheten; null when the minutes do not say. */
  @Column({ type: 'boolean', nullable: true })
  openToPublic: boolean | null;

  /** "Öppet möte från och med paragraf 7": open from this paragraph number on. */
  @Column({ type: 'integer', nullable: true })
  openToPublicFromParagraph: number | null;

  /** Participation at a distance as printed, e.g. "Närvarande via Skype". */
  @Column({ type: 'text', nullable: true })
  remoteParticipation: string | null;

  @Column({ type: 'text', default: 'planned' })
  status: MeetingStatus;

  /** Set when the chair and every adjuster have signed; the minutes are then locked. */
  @Column({ type: 'timestamptz', nullable: true })
  adjustedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
