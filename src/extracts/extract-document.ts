import { createHash } from 'node:crypto';
import { compileTemplate } from '../common/templates';
import { ParagraphView, swedishDateOf } from '../minutes/minutes.service';
import type { DistributionView } from './distribution.service';

/** What the extract template sees. Stored with the extract as it was certified. */
export interface ExtractDocument {
  extract: { id: string; issuedOn: string; certifierName: string; certifierTitle: string | null };
  organisation: { name: string; organisationNumber: string | null };
  body: { name: string };
  /** meetingDate: full, or (transcribed) partial or null. */
  meeting: { meetingDate: string | null; place: string | null };
  /** "§ 12" or "§ 12, § 14" */
  paragraphNumbers: string;
  paragraphs: ExtractParagraph[];
  /**
   * The key that signs the extract, printed in it ("Elektroniskt signerat med nyckel …").
   * Absent in extracts issued before signing was introduced (they render as they did).
   */
  signing?: { keyId: string; algorithm: 'Ed25519' } | null;
}

export interface ExtractParagraph {
  number: number;
  /** Heading label as the body prints it ("§ 12", "44 §"); absent in older extracts: "§ n". */
  label?: string;
  /** Ärende number; case numbers after the first; diariekod. Absent in older extracts. */
  agendaItem?: string | null;
  moreCaseNumbers?: string[];
  filingCode?: string | null;
  reference: string;
  title: string;
  caseNumber: string | null;
  description: string | null;
  basisDocuments: string[];
  decisionHeading: string;
  clauses: { position: number; text: string }[];
  /** A paragraph that also proposes to another body (absent in extracts issued before). */
  alsoProposes?: { heading: string; clauses: { position: number; text: string }[] } | null;
  /** "Tjänsteskrivelse 2024-09-20, …" for each officer report handled (absent before). */
  officerReports?: string[];
  reservations: { name: string; reason: string | null }[];
  protocolNotes: { name: string | null; text: string }[];
  /** Särskilda yttranden (absent in extracts issued before they were recorded). */
  specialStatements?: { name: string; text: string }[];
  corrections: { reason: string; text: string; recordedOn: string }[];
  adjustedOn: string;
  immediate: boolean;
  adjusters: { role: string; name: string }[];
  distribution: {
    status: DistributionView['status'];
    notDispatched: boolean;
    headingText: string | null;
    entries: { label: string; note: string | null }[];
  };
}

const renderTemplate = compileTemplate<ExtractDocument>(__dirname, 'extract.hbs');

/** Pure: the same document always gives the same bytes (no clock, no unordered input). */
export function renderExtractHtml(document: ExtractDocument): string {
  return renderTemplate({
    ...document,
    signing: document.signing ?? null,
    // Extracts issued before these fields existed render byte for byte as they did.
    paragraphs: document.paragraphs.map((p) => ({
      ...p,
      alsoProposes: p.alsoProposes ?? null,
      officerReports: p.officerReports ?? [],
      label: p.label ?? `§ ${p.number}`,
      agendaItem: p.agendaItem ?? null,
      moreCaseNumbers: p.moreCaseNumbers ?? [],
      filingCode: p.filingCode ?? null,
    })),
  });
}

export const sha256Hex = (text: string): string =>
  createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * The document of an extract from adjusted paragraphs (in the order given) and their
 * distribution lists. Time-dependent parts of the view (appeal state, notice board) are left out.
 */
export function buildExtractDocument(
  extract: ExtractDocument['extract'],
  views: ParagraphView[],
  distributions: Map<string, DistributionView>,
): ExtractDocument {
  const first = views[0];
  return {
    extract,
    organisation: {
      name: first.organisation.name,
      organisationNumber: first.organisation.organisationNumber,
    },
    body: { name: first.body.name },
    meeting: { meetingDate: first.meeting.meetingDate, place: first.meeting.place },
    paragraphNumbers: views.map((v) => v.label).join(', '),
    paragraphs: views.map((v) => {
      const d = distributions.get(v.id)!;
      return {
        number: v.number,
        label: v.label,
        agendaItem: v.agendaItem,
        moreCaseNumbers: v.caseNumbers.slice(1),
        filingCode: v.filingCode,
        reference: v.reference,
        title: v.title,
        caseNumber: v.caseNumber,
        description: v.description,
        basisDocuments: [...v.basisDocuments],
        decisionHeading: v.decisionHeading,
        clauses: v.clauses.map((c) => ({ position: c.position, text: c.text })),
        alsoProposes: v.alsoProposes,
        officerReports: v.proposals
          .map((pr) => pr.reportLine)
          .filter((line): line is string => line !== null),
        reservations: v.reservations.map((r) => ({
          name: r.person ? r.person.displayName : `(${r.partyGroups})`,
          reason: r.reason,
        })),
        protocolNotes: v.protocolNotes.map((n) => ({
          name: n.person ? n.person.displayName : n.partyGroups ? `(${n.partyGroups})` : null,
          text: n.text,
        })),
        specialStatements: v.specialStatements.map((st) => ({
          name: st.person ? st.person.displayName : `(${st.partyGroups})`,
          text: st.text,
        })),
        corrections: v.corrections.map((c) => ({
          reason: c.reason,
          text: c.text,
          recordedOn: swedishDateOf(new Date(c.recordedAt)),
        })),
        adjustedOn: v.adjustment.adjustedOn!,
        immediate: v.adjustment.immediate,
        adjusters: v.adjustment.adjusters.map((a) => ({
          role: a.role === 'chair' ? 'Ordförande' : 'Justerare',
          name: a.person.displayName,
        })),
        distribution: {
          status: d.status,
          notDispatched: d.status === 'not_dispatched',
          headingText: d.headingText,
          entries: d.entries.map((e) => ({ label: e.label, note: e.note })),
        },
      };
    }),
  };
}
