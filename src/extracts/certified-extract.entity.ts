import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ExtractDocument } from './extract-document';

/**
 * A certified extract (protokollsutdrag) of one or more adjusted paragraphs of one meeting.
 * Append-only: its content is fixed when issued and renders to the same bytes (contentHash).
 */
@Entity('certified_extract')
export class CertifiedExtract {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'uuid' })
  meetingId: string;

  /** "Rätt utdraget intygar": who certifies the copy. */
  @Column({ type: 'text' })
  certifierName: string;

  @Column({ type: 'text', nullable: true })
  certifierTitle: string | null;

  @Column({ type: 'uuid', nullable: true })
  certifierPersonId: string | null;

  /** Date written under the certification. */
  @Column({ type: 'date' })
  issuedOn: string;

  @Column({ type: 'timestamptz' })
  issuedAt: Date;

  @Column({ type: 'uuid', nullable: true })
  issuedByUserId: string | null;

  /** The document as certified, rendered by extract.hbs (see ExtractDocument). */
  @Column({ type: 'jsonb' })
  content: ExtractDocument;

  /** SHA-256 (hex) of the rendered HTML, UTF-8. */
  @Column({ type: 'text' })
  contentHash: string;

  /**
   * Base64 Ed25519 signature of the statement binding id, contentHash and issuedAt
   * (src/signing/statements.ts); null for extracts issued before signing was introduced.
   */
  @Column({ type: 'text', nullable: true })
  signature: string | null;

  /** The key (in the key folder, never in the database) that made the signature. */
  @Column({ type: 'text', nullable: true })
  signingKeyId: string | null;
}
