import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

/** council = fullmäktige, board = styrelse, committee = nämnd, working_committee = arbetsutskott/beredning. */
export const BODY_KINDS = ['council', 'board', 'committee', 'working_committee'] as const;
export type BodyKind = (typeof BODY_KINDS)[number];

/** Paragraph numbers restart every calendar year (the usual way) or run on for ever. */
export const PARAGRAPH_NUMBERINGS = ['per_year', 'continuous'] as const;
export type ParagraphNumbering = (typeof PARAGRAPH_NUMBERINGS)[number];

@Entity('body')
export class Body {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Column()
  name: string;

  /** Used in paragraph references: "RS 2024-11-12 § 123". Unique within the organisation. */
  @Column()
  shortName: string;

  @Column({ type: 'text' })
  kind: BodyKind;

  /** The body whose matters this one prepares (a working committee prepares for its board). */
  @Column({ type: 'uuid', nullable: true })
  preparesForBodyId: string | null;

  @Column({ type: 'text', default: 'per_year' })
  paragraphNumbering: ParagraphNumbering;

  /** How the body prints its references, e.g. "{n} §" or "{short} {n}/{yyyy}"; null = default. */
  @Column({ type: 'text', nullable: true })
  referencePattern: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** Only these kinds take final decisions; a working committee only proposes. */
export const isDecidingKind = (kind: BodyKind): boolean => kind !== 'working_committee';
