/**
 * The rules of a motion's life cycle, free of I/O so they can be read (and tested) in one place.
 */
export const MOTION_KINDS = ['motion', 'initiative', 'citizen_proposal'] as const;
export type MotionKind = (typeof MOTION_KINDS)[number];

export const MOTION_STATUSES = [
  'raised',
  'referred',
  'answered',
  'sent_back',
  'tabled',
  'decided',
  'withdrawn',
] as const;
export type MotionStatus = (typeof MOTION_STATUSES)[number];

export const MOTION_OUTCOMES = [
  'approved',
  'partly_approved',
  'rejected',
  'considered_answered',
  'written_off',
] as const;
export type MotionOutcome = (typeof MOTION_OUTCOMES)[number];

/** What can be done to a motion; each step moves it to one status. */
export const MOTION_STEPS = [
  'refer',
  'answer',
  'send_back',
  'table',
  'decide',
  'withdraw',
] as const;
export type MotionStep = (typeof MOTION_STEPS)[number];

export const STEP_TARGET: Record<MotionStep, MotionStatus> = {
  refer: 'referred',
  answer: 'answered',
  send_back: 'sent_back',
  table: 'tabled',
  decide: 'decided',
  withdraw: 'withdrawn',
};

/**
 * Allowed next steps per status. A motion is referred for preparation, answered (officer's reply
 * or a preparing body's proposal), then decided; the deciding body may table it (bordläggning)
 * or send it back for more preparation (återremiss). Signatories may withdraw it until decided.
 * Decided and withdrawn are final.
 */
export const ALLOWED_STEPS: Record<MotionStatus, readonly MotionStep[]> = {
  raised: ['refer', 'withdraw', 'decide'],
  referred: ['answer', 'refer', 'withdraw', 'decide'],
  answered: ['decide', 'table', 'send_back', 'withdraw'],
  tabled: ['decide', 'table', 'send_back', 'withdraw'],
  sent_back: ['answer', 'refer', 'withdraw', 'decide'],
  decided: [],
  withdrawn: [],
};

/**
 * Before it has been answered a motion cannot be decided on its merits (KL 5 kap. 26 §: matters
 * are prepared first); it can only be written off (KL 5 kap. 35 §).
 */
export const UNPREPARED_STATUSES: readonly MotionStatus[] = ['raised', 'referred', 'sent_back'];

export function allowedStepsFrom(status: MotionStatus): readonly MotionStep[] {
  return ALLOWED_STEPS[status];
}

export function allowedOutcomesFrom(status: MotionStatus): readonly MotionOutcome[] {
  if (!ALLOWED_STEPS[status].includes('decide')) return [];
  return UNPREPARED_STATUSES.includes(status) ? ['written_off'] : MOTION_OUTCOMES;
}

export const isFinal = (status: MotionStatus): boolean =>
  status === 'decided' || status === 'withdrawn';

/**
 * The one-year rule (KL 5 kap. 35 §): decision due on the same day one year later. A motion
 * raised on 29 February is due on 28 February of the next year (there is no 29th); this is also
 * what PostgreSQL's `date + interval '1 year'` gives, which the database checks.
 */
export function oneYearAfter(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const year = y + 1;
  const lastDay = new Date(Date.UTC(year, m, 0)).getUTCDate();
  const day = Math.min(d, lastDay);
  return `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Overdue on `on` when still open after its due day (the due day itself is within the year). */
export function isOverdue(status: MotionStatus, decisionDue: string, on: string): boolean {
  return !isFinal(status) && on > decisionDue;
}

export interface NextStep {
  step: MotionStep;
  /** Who is expected to act, when known (the one it is referred to). */
  by: string | null;
  /** The date by which it is expected. */
  due: string | null;
  description: string;
}

/** The expected next step of an open motion, for politicians following their motions. */
export function expectedNextStep(motion: {
  status: MotionStatus;
  referredTo: string | null;
  answerDue: string | null;
  decisionDue: string;
}): NextStep | null {
  switch (motion.status) {
    case 'raised':
      return {
        step: 'refer',
        by: null,
        due: null,
        description: 'To be referred for preparation',
      };
    case 'referred':
    case 'sent_back':
      return {
        step: 'answer',
        by: motion.referredTo,
        due: motion.answerDue,
        description: motion.referredTo
          ? `Answer expected from ${motion.referredTo}`
          : 'Answer expected',
      };
    case 'answered':
    case 'tabled':
      return {
        step: 'decide',
        by: null,
        due: motion.decisionDue,
        description: 'To be decided',
      };
    default:
      return null;
  }
}

/** Swedish names for documents written for people. */
export const STATUS_SV: Record<MotionStatus, string> = {
  raised: 'väckt',
  referred: 'remitterad för beredning',
  answered: 'besvarad, förslag till beslut finns',
  sent_back: 'återremitterad',
  tabled: 'bordlagd',
  decided: 'beslutad',
  withdrawn: 'återtagen',
};

export const OUTCOME_SV: Record<MotionOutcome, string> = {
  approved: 'bifallen',
  partly_approved: 'delvis bifallen',
  rejected: 'avslagen',
  considered_answered: 'anses besvarad',
  written_off: 'avskriven',
};

export const KIND_SV: Record<MotionKind, string> = {
  motion: 'Motion',
  initiative: 'Initiativärende',
  citizen_proposal: 'Medborgarförslag',
};
