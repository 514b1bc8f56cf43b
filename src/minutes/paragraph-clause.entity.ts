import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One decision clause ("att …") of a paragraph, 1-based position. */
@Entity('paragraph_clause')
export class ParagraphClause {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  paragraphId: string;

  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'text' })
  text: string;
}
