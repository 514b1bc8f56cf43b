import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor } from '../common/auth/actor';
import { todayInSweden } from '../common/dates';
import { ConflictError } from '../common/errors';
import { compileTemplate } from '../common/templates';
import { DecisionStatus } from '../decisions/decision-status';
import { sha256Hex } from '../extracts/extract-document';
import { ExtractsService } from '../extracts/extracts.service';
import { SIGNING_ALGORITHM } from '../signing/keyring';
import { SigningService } from '../signing/signing.service';
import { GrantViewsService } from './grant-views.service';

const STATUS_TEXT: Record<DecisionStatus, string> = {
  adjusted: 'Justerad, ännu inte tillkännagiven på anslagstavlan',
  announced: 'Tillkännagiven på anslagstavlan',
  posting_date_unknown:
    'Tillkännagiven på anslagstavlan; datum för anslaget är okänt, så tiden för överklagande kan inte beräknas',
  appeal_period_running: 'Tillkännagiven; tiden för överklagande löper',
  final: 'Laga kraft',
  appealed: 'Överklagad',
};

export interface ExtractRef {
  hash: string;
  algorithm: string;
  issuedOn: string;
}

interface CitationContext {
  application: {
    title: string;
    grantor: string;
    legalBasis: string;
    caseNumber: string | null;
    submittedOn: string | null;
    requestedAmountOre: number;
  };
  lead: { organisationName: string };
  applicants: {
    organisationName: string;
    organisationNumber: string | null;
    isLead: boolean;
    signatory: { name: string; title: string | null } | null;
    decision: {
      bodyName: string;
      /** Full, partial (transcribed) or null when not printed. */
      meetingDate: string | null;
      number: number;
      label: string;
      title: string | null;
      caseNumber: string | null;
      clauseCitation: string;
      clausePosition: number;
      clauseText: string | null;
      adjustedOn: string;
      statusText: string;
      extract: ExtractRef | null;
    };
  }[];
  generatedOn: string;
  /** The key that signs this rendering, printed in the footer. */
  signing: { keyId: string; algorithm: string };
}

/** A rendered certificate and its Ed25519 signature over citationStatement(contentHash). */
export interface SignedCitation {
  html: string;
  /** SHA-256 (hex) of `html`, UTF-8. */
  contentHash: string;
  keyId: string;
  /** Base64. */
  signature: string;
}

const renderCitation = compileTemplate<CitationContext>(__dirname, 'citation.hbs');

/**
 * The certificate (intyg) an authorised signatory attaches to an application: for each
 * applicant, the adjusted decision clause authorising its participation.
 */
@Injectable()
export class CitationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly views: GrantViewsService,
    private readonly extracts: ExtractsService,
    private readonly signing: SigningService,
  ) {}

  /**
   * Renders the certificate and signs the SHA-256 of the bytes rendered (it is made on request,
   * so each rendering has its own signature; a grant body checks the one it received with
   * GET /api/citations/verify or offline with the public key).
   */
  async renderCitation(actor: Actor, applicationId: string): Promise<SignedCitation> {
    const view = await this.views.getVisibleApplication(actor, applicationId);
    const unauthorised = view.applicants.filter((a) => !a.authorisation?.valid);
    if (unauthorised.length > 0) {
      throw new ConflictError(
        'Every applicant needs an adjusted authorising decision before the certificate can be issued',
        {
          applicants: unauthorised.map((a) => ({
            applicantId: a.id,
            organisation: a.organisation.name,
            problems: a.problems,
          })),
          allowedNextSteps: ['authorisation'],
        },
      );
    }
    const applicants: CitationContext['applicants'] = [];
    for (const a of view.applicants) {
      const d = a.authorisation!;
      // The organisation as its adjusted decision recorded it (a later rename changes nothing).
      const frozen = await this.frozenOrganisation(d.paragraphId);
      applicants.push({
        organisationName: frozen?.name ?? a.organisation.name,
        organisationNumber: frozen?.organisationNumber ?? a.organisation.organisationNumber,
        isLead: a.isLead,
        signatory: a.signatory,
        decision: {
          bodyName: d.body.name,
          meetingDate: d.meetingDate,
          number: d.number,
          label: d.label,
          title: d.title,
          caseNumber: d.caseNumber,
          clauseCitation: d.clauseCitation,
          clausePosition: d.clausePosition,
          clauseText: d.clauseText,
          adjustedOn: d.adjustedOn!,
          statusText: d.decisionStatus ? STATUS_TEXT[d.decisionStatus as DecisionStatus] : '',
          extract: await this.findExtract(actor, d.organisation.id, d.paragraphId),
        },
      });
    }
    const lead = applicants.find((a) => a.isLead) ?? applicants[0];
    const key = this.signing.activeKey();
    const html = renderCitation({
      application: {
        title: view.title,
        grantor: view.grantor,
        legalBasis: view.legalBasis,
        caseNumber: view.caseNumber,
        submittedOn: view.submittedOn,
        requestedAmountOre: view.totals.requestedAmountOre,
      },
      lead: { organisationName: lead.organisationName },
      applicants,
      generatedOn: todayInSweden(),
      signing: { keyId: key.keyId, algorithm: SIGNING_ALGORITHM },
    });
    const contentHash = sha256Hex(html);
    const { keyId, signature } = this.signing.signCitation(contentHash, key);
    return { html, contentHash, keyId, signature };
  }

  private async frozenOrganisation(
    paragraphId: string,
  ): Promise<{ name: string; organisationNumber: string | null } | null> {
    const rows: { organisation: { name: string; organisationNumber: string | null } | null }[] =
      await this.dataSource.query(
        `SELECT view -> 'organisation' AS organisation FROM adjusted_record_snapshot
          WHERE paragraph_id = $1`,
        [paragraphId],
      );
    return rows[0]?.organisation ?? null;
  }

  /**
   * The latest authentic certified extract (protokollsutdrag) covering the paragraph, if one was
   * issued: an extract whose signature does not verify is never cited.
   */
  private async findExtract(
    actor: Actor,
    organisationId: string,
    paragraphId: string,
  ): Promise<ExtractRef | null> {
    const page = await this.extracts.listExtracts(actor, {
      organisationId,
      paragraphId,
      limit: 200,
    });
    const latest = page.items.filter((e) => e.authenticity.authentic).pop();
    return latest
      ? { hash: latest.contentHash, algorithm: 'SHA-256', issuedOn: latest.issuedOn }
      : null;
  }
}
