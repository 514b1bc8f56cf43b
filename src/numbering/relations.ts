import { EntityManager } from 'typeorm';
import { NotFoundError, RuleViolationError } from '../common/errors';

export const RELATION_KINDS = ['ends_membership', 'follows_up', 'refers_to'] as const;
export type RelationKind = (typeof RELATION_KINDS)[number];

/** How the minutes print a reference to another paragraph. */
const RELATION_TEXT: Record<RelationKind, string> = {
  ends_membership: 'Avslutar uppdrag enligt',
  follows_up: 'Följer upp',
  refers_to: 'Se även',
};

/** The keyset order of paragraphs: period by period, then numerically by number. */
export const paragraphSortKey = (period: number, number: number): number =>
  period * 100_000_000 + number;

export interface RelationInput {
  paragraphId?: string;
  printedReference?: string;
  relation: RelationKind;
}

export interface RelatedParagraph {
  relation: RelationKind;
  paragraphId: string | null;
  reference: string;
  text: string;
}

export async function relatedParagraphsOf(
  m: EntityManager,
  paragraphId: string,
): Promise<RelatedParagraph[]> {
  const rows: { relation: RelationKind; related_paragraph_id: string | null; reference: string }[] =
    await m.query(
      `SELECT r.relation, r.related_paragraph_id, coalesce(t.reference, r.printed_reference) AS reference
         FROM paragraph_relation r LEFT JOIN paragraph t ON t.id = r.related_paragraph_id
        WHERE r.paragraph_id = $1 ORDER BY r.position`,
      [paragraphId],
    );
  return rows.map((r) => ({
    relation: r.relation,
    paragraphId: r.related_paragraph_id,
    reference: r.reference,
    text: `${RELATION_TEXT[r.relation]} ${r.reference}`,
  }));
}

/** Replaces a draft paragraph's references to other paragraphs (same organisation only). */
export async function replaceRelations(
  m: EntityManager,
  paragraph: { id: string; organisationId: string },
  relations: RelationInput[],
): Promise<void> {
  await m.query(`DELETE FROM paragraph_relation WHERE paragraph_id = $1`, [paragraph.id]);
  for (const [i, r] of relations.entries()) {
    const field = `relatedParagraphs[${i}]`;
    const printed = r.printedReference?.trim();
    if ((r.paragraphId === undefined) === (printed === undefined || printed === '')) {
      throw new RuleViolationError('Give either paragraphId or printedReference', { field });
    }
    if (r.paragraphId !== undefined) {
      if (r.paragraphId === paragraph.id) {
        throw new RuleViolationError('A paragraph cannot refer to itself', { field });
      }
      const [target]: { organisation_id: string }[] = await m.query(
        `SELECT organisation_id FROM paragraph WHERE id = $1`,
        [r.paragraphId],
      );
      if (!target) throw new NotFoundError('paragraph', r.paragraphId);
      if (target.organisation_id !== paragraph.organisationId) {
        throw new RuleViolationError('The paragraph referred to belongs to another organisation', {
          field,
        });
      }
    }
    await m.query(
      `INSERT INTO paragraph_relation (paragraph_id, position, related_paragraph_id, printed_reference, relation)
       VALUES ($1, $2, $3, $4, $5)`,
      [paragraph.id, i + 1, r.paragraphId ?? null, r.paragraphId ? null : printed, r.relation],
    );
  }
}
