import { EntityManager } from 'typeorm';
import { Body } from '../bodies/body.entity';
import { NotFoundError, RuleViolationError } from '../common/errors';

/**
 * Proposal chains of any depth ("Arbetsutskottet föreslår kommunstyrelsen föreslå
 * kommunfullmäktige besluta att …"): a paragraph proposes to one body (proposes_to_body_id) and
 * names the bodies the proposal goes on to (paragraph_onward_body), in order.
 */

const lower = (name: string): string => name.charAt(0).toLowerCase() + name.slice(1);

/** "X föreslår y besluta att" / "X föreslår y föreslå z besluta att" / "X beslutar att". */
export function chainHeading(bodyName: string, chainNames: string[]): string {
  if (chainNames.length === 0) return `${bodyName} beslutar att`;
  const [first, ...rest] = chainNames;
  return `${bodyName} föreslår ${[first, ...rest].map(lower).join(' föreslå ')} besluta att`;
}

export interface ChainBody {
  id: string;
  name: string;
  shortName: string;
}

/** The bodies a paragraph's proposal goes on to after the one it is made to, in order. */
export async function onwardBodiesOf(m: EntityManager, paragraphId: string): Promise<ChainBody[]> {
  return m.query(
    `SELECT b.id, b.name, b.short_name AS "shortName" FROM paragraph_onward_body o
       JOIN body b ON b.id = o.body_id WHERE o.paragraph_id = $1 ORDER BY o.position`,
    [paragraphId],
  );
}

/** The heading as printed, or written from the chain. */
export async function proposalHeadingOf(m: EntityManager, paragraphId: string): Promise<string> {
  const [p]: { proposal_heading: string | null; body_name: string; target_name: string }[] =
    await m.query(
      `SELECT p.proposal_heading, b.name AS body_name, t.name AS target_name
         FROM paragraph p JOIN body b ON b.id = p.body_id JOIN body t ON t.id = p.proposes_to_body_id
        WHERE p.id = $1`,
      [paragraphId],
    );
  if (p.proposal_heading) return p.proposal_heading;
  const onward = await onwardBodiesOf(m, paragraphId);
  return chainHeading(p.body_name, [p.target_name, ...onward.map((b) => b.name)]);
}

/**
 * When the handled proposals continue a chain (their source paragraph names onward bodies), the
 * rest of the chain: the next body to propose to, then the bodies after it. Null otherwise.
 */
export async function continuedChain(
  m: EntityManager,
  proposalIds: string[],
): Promise<string[] | null> {
  if (proposalIds.length === 0) return null;
  const rows: { proposal_id: string; body_id: string }[] = await m.query(
    `SELECT pr.id AS proposal_id, o.body_id FROM proposal pr
       JOIN paragraph_onward_body o ON o.paragraph_id = pr.source_paragraph_id
      WHERE pr.id = ANY ($1) ORDER BY array_position($1::uuid[], pr.id), o.position`,
    [proposalIds],
  );
  if (rows.length === 0) return null;
  const first = rows[0].proposal_id;
  return rows.filter((r) => r.proposal_id === first).map((r) => r.body_id);
}

/** Every body of the chain exists, belongs to the organisation, and appears once (not the proposer). */
export async function assertChainBodies(
  m: EntityManager,
  proposer: Body,
  chain: string[],
): Promise<void> {
  const seen = new Set<string>([proposer.id]);
  for (const [i, id] of chain.entries()) {
    const field = i === 0 ? 'proposesToBodyId' : 'onwardBodyIds';
    const target = await m.getRepository(Body).findOneBy({ id });
    if (!target) throw new NotFoundError('body', id);
    if (target.organisationId !== proposer.organisationId || seen.has(id)) {
      throw new RuleViolationError(
        i === 0
          ? 'proposesToBodyId must be another body of the organisation'
          : 'Each body of the proposal chain must be another body of the organisation, named once',
        { field },
      );
    }
    seen.add(id);
  }
}

/** "Tjänsteskrivelse 2024-09-20, Anna Andersson, ekonom, handläggare Per Persson, dnr KS 2024/12: Titel" */
export function officerReportLine(p: {
  officerName: string | null;
  officerTitle: string | null;
  caseNumber: string | null;
  title: string;
  report: { date: string | null; caseOfficerName: string | null } | null;
}): string | null {
  if (!p.report) return null;
  const parts = [`Tjänsteskrivelse${p.report.date ? ` ${p.report.date}` : ''}`];
  if (p.officerName) parts.push(p.officerName);
  if (p.officerTitle) parts.push(p.officerTitle);
  if (p.report.caseOfficerName) parts.push(`handläggare ${p.report.caseOfficerName}`);
  if (p.caseNumber) parts.push(`dnr ${p.caseNumber}`);
  return `${parts.join(', ')}: ${p.title}`;
}
