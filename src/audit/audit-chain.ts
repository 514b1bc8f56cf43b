import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';

/** The previous hash of the first link. */
export const GENESIS_HASH = '0'.repeat(64);

export interface ChainHead {
  seq: number;
  hash: string;
  /** When the head last moved (the commit of the newest event). */
  recordedAt: string;
}

export interface ChainVerification {
  ok: boolean;
  /** Links checked. */
  checked: number;
  /** The last link that verified (seq 0 and the genesis hash for an empty chain). */
  head: { seq: number; hash: string };
  firstBroken: null | { seq: number | null; eventId: number | null; reason: string };
}

export interface AuditCheckpoint {
  /** The Europe/Stockholm calendar day, 'YYYY-MM-DD'. */
  day: string;
  seq: number;
  hash: string;
  recordedAt: string;
}

/** sha256(prev || canonical), the same as the database's audit_chain_hash(). */
export function chainHash(prevHash: string, canonical: string): string {
  return createHash('sha256').update(prevHash, 'utf8').update(canonical, 'utf8').digest('hex');
}

interface LinkRow {
  seq: number;
  event_id: number;
  prev_hash: string;
  hash: string;
  present: boolean;
  canonical: string;
}

/**
 * Walks the chain in seq order, in batches, in one snapshot: positions continuous from 1, each
 * link's prev_hash equal to the previous link's hash, each hash recomputed here from the event's
 * canonical text, every event linked, the stored head equal to the last link, and every stored
 * daily checkpoint equal to the link at its position.
 */
export async function verifyChain(
  dataSource: DataSource,
  batchSize = 2000,
): Promise<ChainVerification> {
  return dataSource.transaction('REPEATABLE READ', async (m) => {
    let expectedSeq = 1;
    let prev = GENESIS_HASH;
    let checked = 0;
    const result = (firstBroken: ChainVerification['firstBroken']): ChainVerification => ({
      ok: firstBroken === null,
      checked,
      head: { seq: expectedSeq - 1, hash: prev },
      firstBroken,
    });
    for (;;) {
      const rows: LinkRow[] = await m.query(
        `SELECT l.seq, l.event_id, l.prev_hash, l.hash, e.id IS NOT NULL AS present,
                audit_event_canonical(e) AS canonical
           FROM audit_chain_link l LEFT JOIN audit_event e ON e.id = l.event_id
          WHERE l.seq >= $1 ORDER BY l.seq LIMIT $2`,
        [expectedSeq, batchSize],
      );
      for (const row of rows) {
        const at = { seq: Number(row.seq), eventId: Number(row.event_id) };
        if (at.seq !== expectedSeq) {
          return result({
            seq: expectedSeq,
            eventId: null,
            reason: 'a link of the chain is missing',
          });
        }
        if (row.prev_hash !== prev) {
          return result({ ...at, reason: 'the previous hash does not match the previous link' });
        }
        if (!row.present) return result({ ...at, reason: 'the event has been removed' });
        if (chainHash(prev, row.canonical) !== row.hash) {
          return result({
            ...at,
            reason: 'the event does not match its hash: it has been changed',
          });
        }
        prev = row.hash;
        expectedSeq++;
        checked++;
      }
      if (rows.length < batchSize) break;
    }
    const unlinked: { id: number }[] = await m.query(
      `SELECT e.id FROM audit_event e
        WHERE NOT EXISTS (SELECT 1 FROM audit_chain_link l WHERE l.event_id = e.id)
        ORDER BY e.id LIMIT 1`,
    );
    if (unlinked.length > 0) {
      return result({
        seq: null,
        eventId: Number(unlinked[0].id),
        reason: 'the event is not in the chain',
      });
    }
    const [head]: { seq: number; hash: string }[] = await m.query(
      `SELECT seq, hash FROM audit_chain_head`,
    );
    if (!head || Number(head.seq) !== expectedSeq - 1 || head.hash !== prev) {
      return result({
        seq: head ? Number(head.seq) : null,
        eventId: null,
        reason: 'the published head does not match the last link',
      });
    }
    // Stored daily checkpoints must lie on the chain (copies kept elsewhere are checked the same way).
    const [checkpoint]: { day: string; seq: number; event_id: number | null }[] = await m.query(
      `SELECT c.day, c.seq, l.event_id FROM audit_checkpoint c
         LEFT JOIN audit_chain_link l ON l.seq = c.seq
        WHERE (c.seq = 0 AND c.hash <> $1) OR (c.seq > 0 AND l.hash IS DISTINCT FROM c.hash)
        ORDER BY c.day LIMIT 1`,
      [GENESIS_HASH],
    );
    if (checkpoint) {
      return result({
        seq: Number(checkpoint.seq),
        eventId: checkpoint.event_id === null ? null : Number(checkpoint.event_id),
        reason: `the checkpoint of ${checkpoint.day} does not match the chain`,
      });
    }
    return result(null);
  });
}

export async function chainHead(dataSource: DataSource): Promise<ChainHead> {
  const [row]: { seq: number; hash: string; updated_at: Date }[] = await dataSource.query(
    `SELECT seq, hash, updated_at FROM audit_chain_head`,
  );
  return { seq: Number(row.seq), hash: row.hash, recordedAt: row.updated_at.toISOString() };
}

/** Records today's checkpoint (Europe/Stockholm) unless one exists; returns today's. */
export async function recordCheckpoint(dataSource: DataSource): Promise<AuditCheckpoint> {
  const [row]: { day: string; seq: number; hash: string; recorded_at: Date }[] =
    await dataSource.query(`SELECT day, seq, hash, recorded_at FROM record_audit_checkpoint()`);
  return {
    day: row.day,
    seq: Number(row.seq),
    hash: row.hash,
    recordedAt: row.recorded_at.toISOString(),
  };
}
