import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor } from '../common/auth/actor';
import { canSeeUnpublished } from '../common/auth/permissions';
import { NotFoundError } from '../common/errors';
import { TransactionRunner } from '../database/transaction-runner';
import { Meeting } from './meeting.entity';
import { MinutesService, PersonRef } from './minutes.service';

export type SignatureMethod = 'electronic' | 'paper';

export interface SignatureView {
  id: string;
  person: PersonRef;
  role: 'chair' | 'adjuster';
  method: SignatureMethod;
  /** SHA-256 (hex) of the minutes as rendered when the signature was given. */
  minutesHash: string;
  /** ISO timestamp: the server clock for an electronic signature, the paper's date otherwise. */
  signedAt: string;
  /** The user who recorded it (shown to the organisation's users and admins only). */
  recordedBy: { userId: string | null; name: string | null };
  /** ISO timestamp from the server clock. */
  recordedAt: string;
  status: 'valid' | 'void';
  voidedAt: string | null;
  voidReason: string | null;
}

export interface SignatureHistoryView {
  meetingId: string;
  status: string;
  /** SHA-256 of the minutes as they are now (the hash a new signature would cover). */
  currentMinutesHash: string | null;
  signatures: SignatureView[];
}

interface SignatureRow {
  id: string;
  person_id: string;
  role: 'chair' | 'adjuster';
  method: SignatureMethod;
  minutes_hash: string;
  signed_at: Date;
  recorded_by_user_id: string | null;
  recorded_by_name: string | null;
  recorded_at: Date;
  voided_at: Date | null;
  void_reason: string | null;
}

/**
 * Signatures over the content of the minutes: each covers the SHA-256 of the rendered minutes;
 * when the minutes no longer render to that hash, the signature is void (kept, marked, and must
 * be given again).
 */
@Injectable()
export class SignaturesService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly minutes: MinutesService,
  ) {}

  /**
   * Compares every valid signature of unadjusted minutes with the hash of the minutes as they
   * render now and voids those given over other content. Returns the current hash. The caller
   * holds the meeting row lock.
   */
  async voidStaleSignatures(m: EntityManager, meetingId: string): Promise<string> {
    const hash = await this.minutes.minutesContentHash(m, meetingId);
    const stale: { id: string; person_id: string; minutes_hash: string }[] = await m.query(
      `SELECT id, person_id, minutes_hash FROM meeting_signature
        WHERE meeting_id = $1 AND voided_at IS NULL AND minutes_hash <> $2 ORDER BY recorded_at, id`,
      [meetingId, hash],
    );
    for (const s of stale) {
      await m.query(
        `UPDATE meeting_signature SET voided_at = now(), void_reason = $2 WHERE id = $1`,
        [
          s.id,
          `The minutes changed after this signature (signed SHA-256 ${s.minutes_hash}, now ${hash}); it must be given again`,
        ],
      );
    }
    // meeting_signatory.signed_at mirrors the valid signature of each signatory.
    await m.query(
      `UPDATE meeting_signatory ms SET signed_at = v.signed_at
         FROM (SELECT s2.id,
                      (SELECT g.signed_at FROM meeting_signature g
                        WHERE g.meeting_id = s2.meeting_id AND g.person_id = s2.person_id
                          AND g.voided_at IS NULL) AS signed_at
                 FROM meeting_signatory s2 WHERE s2.meeting_id = $1) v
        WHERE ms.id = v.id AND ms.signed_at IS DISTINCT FROM v.signed_at`,
      [meetingId],
    );
    return hash;
  }

  /** The whole signature history, valid and void; stale signatures are voided first. */
  async listSignatures(actor: Actor, meetingId: string): Promise<SignatureHistoryView> {
    return this.tx.run(async (m) => {
      const meeting = await m
        .getRepository(Meeting)
        .findOne({ where: { id: meetingId }, lock: { mode: 'pessimistic_write' } });
      // Unadjusted minutes are a draft: outsiders see no signatures (and cause no writes).
      if (!meeting || (!meeting.adjustedAt && !canSeeUnpublished(actor, meeting.organisationId))) {
        throw new NotFoundError('meeting', meetingId);
      }
      const currentMinutesHash = meeting.adjustedAt
        ? null
        : await this.voidStaleSignatures(m, meetingId);
      return {
        meetingId,
        status: meeting.status,
        currentMinutesHash,
        signatures: await this.signatureViews(
          m,
          meetingId,
          canSeeUnpublished(actor, meeting.organisationId),
        ),
      };
    });
  }

  /** `showRecorder`: who recorded each signature (user id and name) is shown to the organisation. */
  async signatureViews(
    m: EntityManager,
    meetingId: string,
    showRecorder: boolean,
  ): Promise<SignatureView[]> {
    const rows: SignatureRow[] = await m.query(
      `SELECT s.id, s.person_id, s.role, s.method, s.minutes_hash, s.signed_at,
              s.recorded_by_user_id, u.name AS recorded_by_name, s.recorded_at,
              s.voided_at, s.void_reason
         FROM meeting_signature s LEFT JOIN app_user u ON u.id = s.recorded_by_user_id
        WHERE s.meeting_id = $1 ORDER BY s.recorded_at, s.id`,
      [meetingId],
    );
    const persons = await this.minutes.personRefs(
      m,
      rows.map((r) => r.person_id),
    );
    return rows.map((r) => ({
      id: r.id,
      person: persons.get(r.person_id)!,
      role: r.role,
      method: r.method,
      minutesHash: r.minutes_hash,
      signedAt: r.signed_at.toISOString(),
      recordedBy: showRecorder
        ? { userId: r.recorded_by_user_id, name: r.recorded_by_name }
        : { userId: null, name: null },
      recordedAt: r.recorded_at.toISOString(),
      status: r.voided_at ? 'void' : 'valid',
      voidedAt: r.voided_at ? r.voided_at.toISOString() : null,
      voidReason: r.void_reason,
    }));
  }
}
