import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Body } from '../bodies/body.entity';
import { Actor } from '../common/auth/actor';
import { assertCanWrite } from '../common/auth/permissions';
import { todayInSweden } from '../common/dates';
import {
  ConflictError,
  NotFoundError,
  RuleViolationError,
  ValidationFailedError,
} from '../common/errors';
import { TransactionRunner } from '../database/transaction-runner';
import { CreateProposalSettingDto, EndProposalSettingDto } from './dto/motion.dto';
import { CouncilProposalSetting, ProposalSettingKind } from './motion.entity';

export interface ProposalSettingView {
  id: string;
  kind: ProposalSettingKind;
  validFrom: string | null;
  validTo: string | null;
  signatureThreshold: number | null;
  handledByBodyId: string | null;
  decidedParagraphId: string | null;
}

export interface ProposalSettingsView {
  bodyId: string;
  on: string;
  acceptsCitizenProposals: boolean;
  acceptsEProposals: boolean;
  periods: ProposalSettingView[];
}

/** The days a filing date can be: one day, a range (partial date) or null (unknown). */
export interface DayRange {
  earliest: string;
  latest: string;
}

const view = (s: CouncilProposalSetting): ProposalSettingView => ({
  id: s.id,
  kind: s.kind,
  validFrom: s.validFrom,
  validTo: s.validTo,
  signatureThreshold: s.signatureThreshold,
  handledByBodyId: s.handledByBodyId,
  decidedParagraphId: s.decidedParagraphId,
});

const KIND_NAME: Record<ProposalSettingKind, string> = {
  citizen_proposal: 'citizen proposals (medborgarförslag)',
  e_proposal: 'e-proposals (e-förslag)',
};

/**
 * Whether a council accepts medborgarförslag / e-förslag, as dated periods (KL 8 kap. 1 §: only
 * where the council has decided so; councils introduce, abolish and replace them on a date). A
 * proposal is checked against the period in force on its filing date, so a later change never
 * makes an earlier proposal invalid.
 */
@Injectable()
export class ProposalSettingsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
  ) {}

  async list(bodyId: string, on: string = todayInSweden()): Promise<ProposalSettingsView> {
    const body = await this.dataSource.getRepository(Body).findOneBy({ id: bodyId });
    if (!body) throw new NotFoundError('body', bodyId);
    const periods = await this.dataSource
      .getRepository(CouncilProposalSetting)
      .find({ where: { bodyId }, order: { kind: 'ASC', validFrom: 'ASC' } });
    const inForce = (kind: ProposalSettingKind) =>
      periods.some((p) => p.kind === kind && covers(p, { earliest: on, latest: on }, 'all'));
    return {
      bodyId,
      on,
      acceptsCitizenProposals: inForce('citizen_proposal'),
      acceptsEProposals: inForce('e_proposal'),
      periods: periods.map(view),
    };
  }

  async create(
    actor: Actor,
    bodyId: string,
    dto: CreateProposalSettingDto,
  ): Promise<ProposalSettingsView> {
    await this.tx.run(async (m) => {
      const body = await this.councilFor(m, actor, bodyId);
      if (dto.validFrom && dto.validTo && dto.validTo < dto.validFrom) {
        throw new ValidationFailedError([
          { field: 'validTo', messages: ['validTo must not be before validFrom'] },
        ]);
      }
      if (dto.kind !== 'e_proposal') {
        const wrong = (['signatureThreshold', 'handledByBodyId'] as const).filter(
          (f) => dto[f] !== undefined,
        );
        if (wrong.length > 0) {
          throw new ValidationFailedError(
            wrong.map((field) => ({ field, messages: [`${field} is only for e-proposals`] })),
          );
        }
      }
      if (dto.handledByBodyId) {
        const handler = await m.getRepository(Body).findOneBy({ id: dto.handledByBodyId });
        if (!handler) throw new NotFoundError('body', dto.handledByBodyId);
        if (handler.organisationId !== body.organisationId) {
          throw new RuleViolationError(`${handler.name} belongs to another organisation`, {
            field: 'handledByBodyId',
          });
        }
      }
      if (dto.decidedParagraphId) {
        const [p] = await m.query(`SELECT body_id AS "bodyId" FROM paragraph WHERE id = $1`, [
          dto.decidedParagraphId,
        ]);
        if (!p) throw new NotFoundError('paragraph', dto.decidedParagraphId);
        if (p.bodyId !== body.id) {
          throw new RuleViolationError(`The paragraph is not a paragraph of ${body.name}`, {
            field: 'decidedParagraphId',
          });
        }
      }
      await this.assertNoOverlap(
        m,
        body.id,
        dto.kind,
        null,
        dto.validFrom ?? null,
        dto.validTo ?? null,
      );
      await m.getRepository(CouncilProposalSetting).save({
        bodyId: body.id,
        kind: dto.kind,
        validFrom: dto.validFrom ?? null,
        validTo: dto.validTo ?? null,
        signatureThreshold: dto.signatureThreshold ?? null,
        handledByBodyId: dto.handledByBodyId ?? null,
        decidedParagraphId: dto.decidedParagraphId ?? null,
      });
    });
    return this.list(bodyId);
  }

  /**
   * Ends a period (the council abolishes or replaces the kind). A proposal already filed after the
   * new last day would lose the setting it was filed under: refused, it stays valid.
   */
  async end(
    actor: Actor,
    settingId: string,
    dto: EndProposalSettingDto,
  ): Promise<ProposalSettingsView> {
    const bodyId = await this.tx.run(async (m) => {
      const setting = await m
        .getRepository(CouncilProposalSetting)
        .findOne({ where: { id: settingId }, lock: { mode: 'pessimistic_write' } });
      if (!setting) throw new NotFoundError('proposal setting', settingId);
      await this.councilFor(m, actor, setting.bodyId);
      if (setting.validFrom && dto.validTo < setting.validFrom) {
        throw new ValidationFailedError([
          {
            field: 'validTo',
            messages: [`validTo must not be before validFrom (${setting.validFrom})`],
          },
        ]);
      }
      const filed: { id: string; title: string }[] = await m.query(
        `SELECT id, title FROM motion
          WHERE body_id = $1 AND kind = $2
            AND coalesce(raised_on, motion_partial_earliest(raised_partial)) > $3::date
            AND ($4::date IS NULL OR coalesce(raised_on, motion_partial_earliest(raised_partial)) <= $4::date)
          ORDER BY raised_on, id`,
        [setting.bodyId, setting.kind, dto.validTo, setting.validTo],
      );
      if (filed.length > 0) {
        throw new ConflictError(
          `${filed.length} proposal(s) were filed under this setting after ${dto.validTo}; a proposal filed before a change stays valid`,
          { motionIds: filed.map((f) => f.id) },
        );
      }
      await this.assertNoOverlap(
        m,
        setting.bodyId,
        setting.kind,
        setting.id,
        setting.validFrom,
        dto.validTo,
      );
      setting.validTo = dto.validTo;
      await m.getRepository(CouncilProposalSetting).save(setting);
      return setting.bodyId;
    });
    return this.list(bodyId);
  }

  /**
   * The period in force on the filing date. With a date known only in part the proposal is
   * accepted when a period covers some day of the range (the document shows it was filed); with
   * no date, when the council has had such a period at all. Null when none.
   */
  async inForce(
    m: EntityManager,
    bodyId: string,
    kind: ProposalSettingKind,
    filed: DayRange | null,
  ): Promise<CouncilProposalSetting | null> {
    const periods = await m.getRepository(CouncilProposalSetting).find({ where: { bodyId, kind } });
    if (filed === null) return periods[0] ?? null;
    return periods.find((p) => covers(p, filed, 'some')) ?? null;
  }

  /** Compatibility with PUT bodies/:id/motion-settings: one undated period, or none. */
  async setUndated(actor: Actor, bodyId: string, allows: boolean): Promise<void> {
    await this.tx.run(async (m) => {
      await this.councilFor(m, actor, bodyId);
      const repo = m.getRepository(CouncilProposalSetting);
      const periods = await repo.find({ where: { bodyId, kind: 'citizen_proposal' } });
      const undated = periods.filter((p) => p.validFrom === null && p.validTo === null);
      if (periods.length > undated.length) {
        throw new ConflictError(
          'This council has dated citizen proposal settings: change them through proposal-settings',
        );
      }
      if (allows && undated.length === 0) {
        await repo.save({ bodyId, kind: 'citizen_proposal' as const });
      }
      if (!allows && undated.length > 0) {
        const used = await m.query(
          `SELECT 1 FROM motion WHERE body_id = $1 AND kind = 'citizen_proposal' LIMIT 1`,
          [bodyId],
        );
        if (used.length > 0) {
          throw new ConflictError(
            'Citizen proposals were filed under this setting: end it on a date through proposal-settings',
          );
        }
        await repo.remove(undated);
      }
    });
  }

  private async councilFor(m: EntityManager, actor: Actor, bodyId: string): Promise<Body> {
    const body = await m
      .getRepository(Body)
      .findOne({ where: { id: bodyId }, lock: { mode: 'pessimistic_write' } });
    if (!body) throw new NotFoundError('body', bodyId);
    assertCanWrite(actor, body.organisationId);
    if (body.kind !== 'council') {
      throw new RuleViolationError(
        `Only a council decides whether it accepts citizen proposals or e-proposals; ${body.name} is a ${body.kind}`,
      );
    }
    return body;
  }

  private async assertNoOverlap(
    m: EntityManager,
    bodyId: string,
    kind: ProposalSettingKind,
    exceptId: string | null,
    validFrom: string | null,
    validTo: string | null,
  ): Promise<void> {
    const others = (
      await m.getRepository(CouncilProposalSetting).find({ where: { bodyId, kind } })
    ).filter((p) => p.id !== exceptId);
    const clash = others.find(
      (p) =>
        (p.validTo === null || validFrom === null || p.validTo >= validFrom) &&
        (validTo === null || p.validFrom === null || validTo >= p.validFrom),
    );
    if (clash) {
      throw new ConflictError(
        `The period overlaps another period of the setting for ${KIND_NAME[kind]} (${clash.validFrom ?? '…'} – ${clash.validTo ?? '…'})`,
        { field: 'validFrom', overlapsSettingId: clash.id },
      );
    }
  }
}

/** Whether the period covers all / some day of the range. */
function covers(p: CouncilProposalSetting, r: DayRange, how: 'all' | 'some'): boolean {
  if (how === 'all') {
    return (
      (p.validFrom === null || p.validFrom <= r.earliest) &&
      (p.validTo === null || p.validTo >= r.latest)
    );
  }
  return (
    (p.validFrom === null || p.validFrom <= r.latest) &&
    (p.validTo === null || p.validTo >= r.earliest)
  );
}
