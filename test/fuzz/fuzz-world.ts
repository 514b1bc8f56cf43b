import { minuteParagraph } from '../decisions/decision-helpers';
import { createBoardWithMembers, createRegistry } from '../factories';
import { createApplication } from '../grants/grant-helpers';
import { raiseMotion } from '../motions/motion-fixtures';
import type { TestApp } from '../test-app';

/** Tokens and ids the fuzzer starts from, so that ids in paths are sometimes real. */
export interface FuzzWorld {
  tokens: { anonymous: null; registrar: string; admin: string };
  ids: string[];
}

function collectIds(value: unknown, into: Set<string>, depth = 0): void {
  if (depth > 8 || value === null || typeof value !== 'object') return;
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (typeof v === 'string' && (key === 'id' || key.endsWith('Id')) && UUID.test(v)) into.add(v);
    else collectIds(v, into, depth + 1);
  }
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * An organisation with a board and a council, people, a meeting with paragraphs (one left
 * open, one adjusted), a motion and a grant application, built through the API.
 */
export async function buildFuzzWorld(t: TestApp): Promise<FuzzWorld> {
  const r = await createRegistry(t);
  const token = r.registrarToken;
  const ids = new Set<string>([r.organisationId]);
  const board = await createBoardWithMembers(t, token, r.organisationId, {
    name: 'Regionstyrelsen',
    shortName: 'RS',
    size: 3,
  });
  const council = await createBoardWithMembers(t, token, r.organisationId, {
    name: 'Regionfullmäktige',
    shortName: 'RF',
    kind: 'council',
    size: 3,
  });
  collectIds(board, ids);
  collectIds(council, ids);
  const adjusted = await minuteParagraph(t, token, board, {
    meetingDate: '2024-03-12',
    title: 'Investering i vårdcentral',
    caseNumber: 'RS/2024:17',
    clauses: ['Regionstyrelsen beslutar att bevilja medel.', 'Beslutet justeras omedelbart.'],
    adjust: 'immediate',
    announceOn: '2024-03-13',
  });
  const open = await minuteParagraph(t, token, board, {
    meetingDate: '2024-05-14',
    title: 'Budgetuppföljning',
    clauses: ['Informationen läggs till handlingarna.'],
    adjust: 'none',
  });
  collectIds(adjusted, ids);
  collectIds(open, ids);
  const motion = await raiseMotion(t, token, {
    bodyId: council.body.id,
    kind: 'initiative',
    title: 'Motion om fler vårdplatser',
    raisedOn: '2024-02-01',
    signatoryIds: [council.members[1].id],
    clauses: ['att utreda fler vårdplatser'],
  }).catch(() => null);
  if (motion) collectIds(motion, ids);
  const application = await createApplication(t, token, {
    title: 'Effektivare vård',
    applicants: [
      {
        organisationId: r.organisationId,
        isLead: true,
        signatoryName: 'Sara Lewerentz',
        authorisingClauseId: adjusted.clauses[0]?.id,
      },
    ],
    measures: [
      {
        title: 'Digital triage',
        description: 'Införande av digital triage',
        estimatedCostOre: 100_000_00,
        requestedAmountOre: 50_000_00,
      },
    ],
  }).catch(() => null);
  if (application) collectIds(application, ids);
  return { tokens: { anonymous: null, registrar: token, admin: r.adminToken }, ids: [...ids] };
}
