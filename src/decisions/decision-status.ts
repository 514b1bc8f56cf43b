import { todayInSweden } from '../common/dates';

export const DECISION_STATUSES = [
  'adjusted',
  'announced',
  'posting_date_unknown',
  'appeal_period_running',
  'final',
  'appealed',
] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];

/** Body kinds whose adjusted paragraphs are formal decisions (a working committee only proposes). */
export const DECIDING_BODY_KINDS = ['council', 'board', 'committee'] as const;

export interface DecisionDates {
  announcedOn: string | null;
  appealable: boolean;
  appealLastDay: string | null;
  appealRegisteredAt: Date | null;
  /** A notice is recorded (it may not print its posting day: announcedOn stays null). */
  hasNotice?: boolean;
}

/**
 * Legal state of an adjusted decision on a given day:
 * - appealed: an appeal (laglighetsprövning) is registered;
 * - adjusted: not (yet) on the notice board;
 * - posting_date_unknown: a transcribed notice that does not print its posting day, so the
 *   appeal period cannot be computed;
 * - announced: on the notice board, but not open to appeal, so no appeal period applies;
 * - appeal_period_running: announced, up to and including the last appeal day;
 * - final (laga kraft): the appeal period is over without an appeal.
 */
export function decisionStatus(d: DecisionDates, today: string = todayInSweden()): DecisionStatus {
  // As of a past day, an appeal registered later does not count yet (Swedish calendar day).
  if (d.appealRegisteredAt && todayInSweden(d.appealRegisteredAt) <= today) return 'appealed';
  if (!d.announcedOn && d.hasNotice) return 'posting_date_unknown';
  if (!d.announcedOn || d.announcedOn > today) return 'adjusted';
  if (!d.appealable || !d.appealLastDay) return 'announced';
  return today <= d.appealLastDay ? 'appeal_period_running' : 'final';
}

/** The same rule in SQL over paragraph `p`, for filtering lists by status ($today = param). */
export function decisionStatusSql(todayParam: string): string {
  return `CASE
    WHEN p.appeal_registered_at IS NOT NULL
      AND (p.appeal_registered_at AT TIME ZONE 'Europe/Stockholm')::date <= ${todayParam}::date
      THEN 'appealed'
    WHEN p.announced_on IS NULL AND p.announcement_id IS NOT NULL THEN 'posting_date_unknown'
    WHEN p.announced_on IS NULL OR p.announced_on > ${todayParam}::date THEN 'adjusted'
    WHEN NOT p.appealable OR p.appeal_last_day IS NULL THEN 'announced'
    WHEN ${todayParam}::date <= p.appeal_last_day THEN 'appeal_period_running'
    ELSE 'final' END`;
}

export interface CitationParts {
  bodyName: string;
  /** Full, partial (transcribed) or null: printed as "datum okänt". */
  meetingDate: string | null;
  number: number;
  /** As the body prints it ("§ 123", "KSAU 130/2014"); default "§ number". */
  label?: string;
  caseNumber: string | null;
}

/** "Regionstyrelsen 2024-11-12 § 123, dnr RS/1234/2024" */
export function decisionCitation(d: CitationParts): string {
  const dnr = d.caseNumber ? `, dnr ${d.caseNumber}` : '';
  return `${d.bodyName} ${d.meetingDate ?? 'datum okänt'} ${d.label ?? `§ ${d.number}`}${dnr}`;
}

/** "Regionstyrelsen 2024-11-12 § 123 p. 2, dnr RS/1234/2024" */
export function clauseCitation(d: CitationParts, position: number): string {
  const dnr = d.caseNumber ? `, dnr ${d.caseNumber}` : '';
  return `${d.bodyName} ${d.meetingDate ?? 'datum okänt'} ${d.label ?? `§ ${d.number}`} p. ${position}${dnr}`;
}

export const decisionUrl = (paragraphId: string): string => `/api/decisions/${paragraphId}`;
export const clauseUrl = (paragraphId: string, position: number): string =>
  `/api/decisions/${paragraphId}/clauses/${position}`;
