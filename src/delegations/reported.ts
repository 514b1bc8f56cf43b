import { EntityManager } from 'typeorm';

/** One line of "Anmälan av delegationsbeslut" in the minutes of the delegating body. */
export interface ReportedDelegationView {
  position: number;
  kind: 'paragraph' | 'delegation_decision' | 'printed';
  paragraphId: string | null;
  delegationDecisionId: string | null;
  decidedOn: string | null;
  /** "RSAU 2021-01-12 § 4" for a paragraph; "kommunstyrelsens ordförande Gunnar Andersson" else. */
  decidedBy: string | null;
  title: string;
  caseNumber: string | null;
  /** The line as printed in the minutes. */
  line: string;
}

/** The delegation decisions reported to a meeting, in order. */
export async function reportedDelegationDecisions(
  m: EntityManager,
  meetingId: string,
): Promise<ReportedDelegationView[]> {
  const rows: {
    position: number;
    paragraph_id: string | null;
    delegation_decision_id: string | null;
    printed_text: string | null;
    p_reference: string | null;
    p_title: string | null;
    p_case_number: string | null;
    p_date: string | null;
    d_decided_on: string | null;
    d_name: string | null;
    d_role: string | null;
    d_title: string | null;
    d_case_number: string | null;
  }[] = await m.query(
    `SELECT r.position, r.paragraph_id, r.delegation_decision_id, r.printed_text,
            p.reference AS p_reference, p.title AS p_title, p.case_number AS p_case_number,
            mt.meeting_date AS p_date,
            d.decided_on AS d_decided_on, d.decided_by_name AS d_name, d.decided_by_role AS d_role,
            d.title AS d_title, d.case_number AS d_case_number
       FROM meeting_reported_delegation r
       LEFT JOIN paragraph p ON p.id = r.paragraph_id
       LEFT JOIN meeting mt ON mt.id = p.meeting_id
       LEFT JOIN delegation_decision d ON d.id = r.delegation_decision_id
      WHERE r.meeting_id = $1
      ORDER BY r.position`,
    [meetingId],
  );
  return rows.map((r) => {
    const dnr = (c: string | null) => (c ? `, dnr ${c}` : '');
    if (r.paragraph_id) {
      return {
        position: r.position,
        kind: 'paragraph' as const,
        paragraphId: r.paragraph_id,
        delegationDecisionId: null,
        decidedOn: r.p_date,
        decidedBy: r.p_reference,
        title: r.p_title!,
        caseNumber: r.p_case_number,
        line: `${r.p_reference} ${r.p_title}${dnr(r.p_case_number)}`,
      };
    }
    if (r.delegation_decision_id) {
      const by = [r.d_role, r.d_name].filter(Boolean).join(' ');
      return {
        position: r.position,
        kind: 'delegation_decision' as const,
        paragraphId: null,
        delegationDecisionId: r.delegation_decision_id,
        decidedOn: r.d_decided_on,
        decidedBy: by,
        title: r.d_title!,
        caseNumber: r.d_case_number,
        line: `${r.d_decided_on} ${by}: ${r.d_title}${dnr(r.d_case_number)}`,
      };
    }
    return {
      position: r.position,
      kind: 'printed' as const,
      paragraphId: null,
      delegationDecisionId: null,
      decidedOn: null,
      decidedBy: null,
      title: r.printed_text!,
      caseNumber: null,
      line: r.printed_text!,
    };
  });
}
