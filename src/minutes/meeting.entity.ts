import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

export const MEETING_STATUSES = ['planned', 'held', 'adjusted'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

/** A meeting (sammanträde) of a body; its minutes are the paragraphs held at it. */
@Entity('meeting')
export class Meeting {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'uuid' })
  bodyId: string;

  @Column({ type: 'date' })
  meetingDate: string;

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

  /** 'live' or 'transcribed' from a printed protocol (printed paragraph numbers allowed). */
  @Column({ type: 'text', default: 'live' })
  recordedAs: 'live' | 'transcribed';

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
