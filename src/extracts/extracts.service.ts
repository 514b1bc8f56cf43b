import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '../common/auth/actor';
import { assertCanWrite, canSeeUnpublished } from '../common/auth/permissions';
import { ConflictError, NotFoundError, RuleViolationError } from '../common/errors';
import { todayInSweden } from '../common/dates';
import { keysetPage, Page } from '../common/pagination';
import { TransactionRunner } from '../database/transaction-runner';
import { SIGNING_ALGORITHM } from '../signing/keyring';
import { Authenticity, SigningService } from '../signing/signing.service';
import { extractStatement } from '../signing/statements';
import { MinutesService, ParagraphView, swedishDateOf } from '../minutes/minutes.service';
import { CertifiedExtract } from './certified-extract.entity';
import { DistributionService } from './distribution.service';
import {
  buildExtractDocument,
  ExtractDocument,
  renderExtractHtml,
  sha256Hex,
} from './extract-document';
import { IssueExtractDto, ListExtractsQuery } from './dto/extracts.dto';

export interface ExtractView {
  id: string;
  organisationId: string;
  meetingId: string;
  paragraphs: { id: string; reference: string; position: number }[];
  certifier: { name: string; title: string | null; personId: string | null };
  issuedOn: string;
  issuedAt: string;
  issuedByUserId: string | null;
  /** SHA-256 (hex) of the rendered HTML document, UTF-8 encoded. */
  contentHash: string;
  /**
   * Whether the Ed25519 signature made at issue matches the extract as it renders now, checked
   * with the public keys of the key folder (never the database).
   */
  authenticity: Authenticity;
  htmlUrl: string;
}

export interface RenderedExtract {
  /** The document as certified; when it is not authentic, with a warning at the top. */
  html: string;
  /** SHA-256 of `html` as served. */
  contentHash: string;
  extract: ExtractView;
}

/** Shown at the top of an extract page that cannot be shown authentic (Swedish, as the document). */
const NOT_AUTHENTIC_NOTICE: Record<Exclude<Authenticity['status'], 'authentic'>, string> = {
  invalid:
    'OBS! Denna kopia är INTE äkta. Den elektroniska signaturen stämmer inte med utdragets innehåll: uppgifterna har ändrats efter att utdraget utfärdades.',
  'unknown-key':
    'OBS! Denna kopia kan INTE styrkas som äkta: den är signerad med en nyckel som registret inte känner till.',
  unsigned:
    'OBS! Detta utdrag saknar elektronisk signatur (det utfärdades innan registret signerade utdrag). Dess äkthet kan INTE styrkas elektroniskt.',
  'content-mismatch':
    'OBS! Denna kopia är INTE äkta: innehållet stämmer inte med utdragets kontrollsumma.',
};

interface ExtractParagraphRow {
  paragraphId: string;
  reference: string;
  position: number;
  isPublic: boolean;
}

/** Certified extracts (protokollsutdrag): issue, render deterministically, verify. */
@Injectable()
export class ExtractsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly minutes: MinutesService,
    private readonly distribution: DistributionService,
    private readonly signing: SigningService,
  ) {}

  /**
   * Issues a certified extract of adjusted paragraphs of one meeting. The document is rendered
   * once here to store its hash; every later rendering must give the same bytes.
   */
  async issueExtract(actor: Actor, dto: IssueExtractDto): Promise<ExtractView> {
    return this.tx.run(async (m) => {
      const rows: {
        id: string;
        organisation_id: string;
        meeting_id: string;
        reference: string;
        number: number;
        adjusted_at: Date | null;
      }[] = await m.query(
        `SELECT id, organisation_id, meeting_id, reference, number, adjusted_at
           FROM paragraph WHERE id = ANY ($1) ORDER BY number, id FOR SHARE`,
        [dto.paragraphIds],
      );
      const missing = dto.paragraphIds.find((id) => !rows.some((r) => r.id === id));
      if (missing) throw new NotFoundError('paragraph', missing);
      assertCanWrite(actor, rows[0].organisation_id);
      if (new Set(rows.map((r) => r.meeting_id)).size > 1) {
        throw new RuleViolationError('An extract covers paragraphs of one meeting only', {
          field: 'paragraphIds',
        });
      }
      const unadjusted = rows.filter((r) => !r.adjusted_at);
      if (unadjusted.length > 0) {
        throw new ConflictError(
          `${unadjusted.map((r) => r.reference).join(', ')} ${unadjusted.length === 1 ? 'is' : 'are'} not adjusted yet: a certified extract (protokollsutdrag) can only be made of adjusted minutes or an immediately adjusted paragraph`,
          {
            paragraphs: unadjusted.map((r) => r.reference),
            allowedNextSteps: ['signatures', 'immediate-adjustment'],
          },
        );
      }
      const organisationId = rows[0].organisation_id;
      const today = todayInSweden();
      const issuedOn = dto.issuedOn ?? today;
      const lastAdjustedOn = rows
        .map((r) => swedishDateOf(r.adjusted_at!))
        .reduce((a, b) => (a > b ? a : b));
      if (issuedOn < lastAdjustedOn) {
        throw new RuleViolationError('issuedOn cannot be before the paragraphs were adjusted', {
          field: 'issuedOn',
          adjustedOn: lastAdjustedOn,
        });
      }
      if (issuedOn > today) {
        throw new RuleViolationError('issuedOn cannot be in the future', { field: 'issuedOn' });
      }
      const certifier = await this.resolveCertifier(m, actor, organisationId, dto);

      const id = randomUUID();
      const paragraphIds = rows.map((r) => r.id);
      const content = await this.buildDocument(
        m,
        { id, issuedOn, certifierName: certifier.name, certifierTitle: certifier.title },
        paragraphIds,
      );
      // The key is taken once: the document names the key that signs it.
      const key = this.signing.activeKey();
      content.signing = { keyId: key.keyId, algorithm: SIGNING_ALGORITHM };
      const issuedAt = new Date();
      const contentHash = sha256Hex(renderExtractHtml(content));
      const { signature, keyId } = this.signing.sign(
        extractStatement({ id, contentHash, issuedAt }),
        key,
      );
      const extract: CertifiedExtract = {
        id,
        organisationId,
        meetingId: rows[0].meeting_id,
        certifierName: certifier.name,
        certifierTitle: certifier.title,
        certifierPersonId: certifier.personId,
        issuedOn,
        issuedAt,
        issuedByUserId: actor.userId,
        content,
        contentHash,
        signature,
        signingKeyId: keyId,
      };
      await m.getRepository(CertifiedExtract).insert(extract);
      for (const [i, id] of paragraphIds.entries()) {
        await m.query(
          `INSERT INTO extract_paragraph (extract_id, meeting_id, paragraph_id, position) VALUES ($1, $2, $3, $4)`,
          [extract.id, extract.meetingId, id, i + 1],
        );
      }
      return this.toView(extract, await this.paragraphsOf(m, extract.id));
    });
  }

  async getExtract(actor: Actor, id: string): Promise<ExtractView> {
    const { extract, paragraphs } = await this.loadVisible(actor, id);
    return this.toView(extract, paragraphs);
  }

  /**
   * Renders the extract as certified. The renderer is a pure function of the stored document, so
   * the bytes and hash are those of the issue; a difference means the template was changed.
   */
  async renderExtract(actor: Actor, id: string): Promise<RenderedExtract> {
    const { extract, paragraphs } = await this.loadVisible(actor, id);
    const { html, renderedHash, authenticity } = this.verify(extract);
    if (renderedHash !== extract.contentHash) {
      throw new ConflictError(
        'The extract no longer renders to the content that was certified (the template or the stored content has changed)',
        { storedHash: extract.contentHash, renderedHash },
      );
    }
    const view = this.toView(extract, paragraphs, authenticity);
    if (authenticity.authentic) return { html, contentHash: renderedHash, extract: view };
    // Never served silently: the page says at the top that this copy is not shown authentic.
    const notice = NOT_AUTHENTIC_NOTICE[authenticity.status as keyof typeof NOT_AUTHENTIC_NOTICE];
    const warned = html.replace(
      '<body>\n',
      `<body>\n<div class="not-authentic" role="alert" style="border: 3px solid #b00; color: #b00; padding: 1em; font-weight: bold;">${notice}</div>\n`,
    );
    return { html: warned, contentHash: sha256Hex(warned), extract: view };
  }

  /**
   * Renders the stored document, recomputes its SHA-256 and checks the signature of the
   * statement (id, that hash, issue time) with the key folder's public key.
   */
  verify(extract: CertifiedExtract): {
    html: string;
    renderedHash: string;
    authenticity: Authenticity;
  } {
    const html = renderExtractHtml(extract.content);
    const renderedHash = sha256Hex(html);
    const statement = extractStatement({
      id: extract.id,
      contentHash: renderedHash,
      issuedAt: extract.issuedAt,
    });
    let authenticity = this.signing.verify(
      'extract',
      statement,
      extract.signingKeyId,
      extract.signature,
    );
    if (authenticity.status !== 'unsigned' && renderedHash !== extract.contentHash) {
      authenticity = {
        ...authenticity,
        authentic: false,
        status: 'content-mismatch',
        reason: 'not authentic: the content does not render to its recorded SHA-256',
      };
    }
    return { html, renderedHash, authenticity };
  }

  /** Lets a recipient check a document: the extracts (normally one) with this SHA-256. */
  async findByHash(actor: Actor, sha256: string): Promise<{ items: ExtractView[] }> {
    const found = await this.dataSource
      .getRepository(CertifiedExtract)
      .find({ where: { contentHash: sha256 }, order: { issuedOn: 'ASC', id: 'ASC' } });
    const items: ExtractView[] = [];
    for (const extract of found) {
      const paragraphs = await this.paragraphsOf(this.dataSource.manager, extract.id);
      if (this.canSee(actor, extract, paragraphs)) items.push(this.toView(extract, paragraphs));
    }
    return { items };
  }

  async listExtracts(actor: Actor, query: ListExtractsQuery): Promise<Page<ExtractView>> {
    const qb = this.dataSource
      .getRepository(CertifiedExtract)
      .createQueryBuilder('e')
      .where('e.organisation_id = :org', { org: query.organisationId });
    if (query.meetingId) qb.andWhere('e.meeting_id = :meetingId', { meetingId: query.meetingId });
    if (query.paragraphId) {
      qb.andWhere(
        'EXISTS (SELECT 1 FROM extract_paragraph ep WHERE ep.extract_id = e.id AND ep.paragraph_id = :pid)',
        { pid: query.paragraphId },
      );
    }
    if (!canSeeUnpublished(actor, query.organisationId)) {
      qb.andWhere(
        'NOT EXISTS (SELECT 1 FROM extract_paragraph ep JOIN paragraph p ON p.id = ep.paragraph_id WHERE ep.extract_id = e.id AND NOT p.is_public)',
      );
    }
    const page = await keysetPage(qb, {
      sortColumn: 'e.issued_on',
      idColumn: 'e.id',
      sortValue: (e) => e.issuedOn,
      id: (e) => e.id,
      page: query,
    });
    const items: ExtractView[] = [];
    for (const e of page.items) {
      items.push(this.toView(e, await this.paragraphsOf(this.dataSource.manager, e.id)));
    }
    return { items, nextCursor: page.nextCursor };
  }

  /** The extract row and its paragraphs, or 404 when the actor may not see a paragraph of it. */
  async loadVisible(
    actor: Actor,
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ extract: CertifiedExtract; paragraphs: ExtractParagraphRow[] }> {
    const extract = await manager.getRepository(CertifiedExtract).findOneBy({ id });
    if (!extract) throw new NotFoundError('extract', id);
    const paragraphs = await this.paragraphsOf(manager, id);
    if (!this.canSee(actor, extract, paragraphs)) throw new NotFoundError('extract', id);
    return { extract, paragraphs };
  }

  /** The document from the adjusted paragraphs (via the minutes' paragraph view) and their lists. */
  async buildDocument(
    m: EntityManager,
    extract: ExtractDocument['extract'],
    paragraphIds: string[],
  ): Promise<ExtractDocument> {
    const views: ParagraphView[] = [];
    for (const id of paragraphIds) views.push(await this.minutes.getParagraphView(id, m));
    const distributions = await this.distribution.distributionsOf(m, paragraphIds);
    return buildExtractDocument(extract, views, distributions);
  }

  async paragraphsOf(m: EntityManager, extractId: string): Promise<ExtractParagraphRow[]> {
    return m.query(
      `SELECT ep.paragraph_id AS "paragraphId", p.reference, ep.position, p.is_public AS "isPublic"
         FROM extract_paragraph ep JOIN paragraph p ON p.id = ep.paragraph_id
        WHERE ep.extract_id = $1 ORDER BY ep.position`,
      [extractId],
    );
  }

  private canSee(
    actor: Actor,
    extract: CertifiedExtract,
    paragraphs: ExtractParagraphRow[],
  ): boolean {
    return paragraphs.every((p) => p.isPublic) || canSeeUnpublished(actor, extract.organisationId);
  }

  /** "Rätt utdraget intygar": a person of the register, a name, or else the issuing user. */
  private async resolveCertifier(
    m: EntityManager,
    actor: Actor,
    organisationId: string,
    dto: IssueExtractDto,
  ): Promise<{ name: string; title: string | null; personId: string | null }> {
    if (dto.certifierPersonId) {
      const people: { name: string; title: string | null; organisation_id: string }[] =
        await m.query(`SELECT name, title, organisation_id FROM person WHERE id = $1`, [
          dto.certifierPersonId,
        ]);
      const person = people[0];
      if (!person) throw new NotFoundError('person', dto.certifierPersonId);
      if (person.organisation_id !== organisationId) {
        throw new RuleViolationError('The certifier belongs to another organisation', {
          field: 'certifierPersonId',
        });
      }
      return {
        name: dto.certifierName?.trim() || person.name,
        title: dto.certifierTitle?.trim() || person.title,
        personId: dto.certifierPersonId,
      };
    }
    if (dto.certifierName?.trim()) {
      return {
        name: dto.certifierName.trim(),
        title: dto.certifierTitle?.trim() || null,
        personId: null,
      };
    }
    const users: {
      name: string;
      role: string;
      person_id: string | null;
      person_name: string | null;
      person_title: string | null;
    }[] = await m.query(
      `SELECT u.name, u.role, u.person_id, p.name AS person_name, p.title AS person_title
         FROM app_user u LEFT JOIN person p ON p.id = u.person_id WHERE u.id = $1`,
      [actor.userId],
    );
    const user = users[0];
    if (!user) {
      throw new RuleViolationError('Name the certifier (certifierName or certifierPersonId)', {
        field: 'certifierName',
      });
    }
    return {
      name: user.person_name ?? user.name,
      title:
        dto.certifierTitle?.trim() ||
        user.person_title ||
        (user.role === 'registrar' ? 'Registrator' : null),
      personId: user.person_id,
    };
  }

  private toView(
    extract: CertifiedExtract,
    paragraphs: ExtractParagraphRow[],
    authenticity: Authenticity = this.verify(extract).authenticity,
  ): ExtractView {
    return {
      id: extract.id,
      organisationId: extract.organisationId,
      meetingId: extract.meetingId,
      paragraphs: paragraphs.map((p) => ({
        id: p.paragraphId,
        reference: p.reference,
        position: p.position,
      })),
      certifier: {
        name: extract.certifierName,
        title: extract.certifierTitle,
        personId: extract.certifierPersonId,
      },
      issuedOn: extract.issuedOn,
      issuedAt: extract.issuedAt.toISOString(),
      issuedByUserId: extract.issuedByUserId,
      contentHash: extract.contentHash,
      authenticity,
      htmlUrl: `/api/extracts/${extract.id}/extract.html`,
    };
  }
}
