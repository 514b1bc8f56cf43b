/**
 * The rules of a motion's life cycle, free of I/O so they can be read (and tested) in one place.
 */
export const MOTION_KINDS = ['motion', 'initiative', 'citizen_proposal', 'e_proposal'] as const;
export type MotionKind = (typeof MOTION_KINDS)[number];

export const MOTION_STATUSES = [
  'raised',
  'referred',
  'answered',
  'sent_back',
  'tabled',
  'decided',
  'withdrawn',
  // E-proposals: signature period open, threshold reached, closed for lack of signatures.
  'collecting',
  'threshold_reached',
  'closed',
] as const;
export type MotionStatus = (typeof MOTION_STATUSES)[number];

export const MOTION_OUTCOMES = [
  'approved',
  'partly_approved',
  'rejected',
  'considered_answered',
  'written_off',
  // "anses vara under utredning"
  'under_investigation',
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
  // E-proposals only.
  'open_signatures',
  'count_signatures',
  'close_signatures',
] as const;
export type MotionStep = (typeof MOTION_STEPS)[number];

/** The status a step leads to; close_signatures leads to threshold_reached or closed. */
export const STEP_TARGET: Record<Exclude<MotionStep, 'close_signatures'>, MotionStatus> = {
  refer: 'referred',
  answer: 'answered',
  send_back: 'sent_back',
  table: 'tabled',
  decide: 'decided',
  withdraw: 'withdrawn',
  open_signatures: 'collecting',
  count_signatures: 'collecting',
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
  collecting: [],
  threshold_reached: [],
  closed: [],
};

/**
 * An e-proposal (e-förslag) is published (raised), collects signatures during its signature
 * period (counts recorded as they come), and when the period is closed it has either reached the
 * threshold, and is handed to the body the council names (refer) and prepared and decided like a
 * citizen proposal, or it is closed for lack of signatures (final).
 */
export const E_PROPOSAL_STEPS: Record<MotionStatus, readonly MotionStep[]> = {
  raised: ['open_signatures', 'withdraw'],
  collecting: ['count_signatures', 'close_signatures', 'withdraw'],
  threshold_reached: ['refer', 'decide', 'withdraw'],
  closed: [],
  referred: ALLOWED_STEPS.referred,
  answered: ALLOWED_STEPS.answered,
  tabled: ALLOWED_STEPS.tabled,
  sent_back: ALLOWED_STEPS.sent_back,
  decided: [],
  withdrawn: [],
};

/**
 * Before it has been answered a motion cannot be decided on its merits (KL 5 kap. 26 §: matters
 * are prepared first); it can only be written off (KL 5 kap. 35 §).
 */
export const UNPREPARED_STATUSES: readonly MotionStatus[] = [
  'raised',
  'referred',
  'sent_back',
  'threshold_reached',
];

/**
 * A transcribed record shows what the document shows: an e-proposal may be handed over or decided
 * without its signature history, and a decision on the merits may be recorded without the
 * preparation steps the document does not print.
 */
export function allowedStepsFrom(
  status: MotionStatus,
  kind: MotionKind = 'motion',
  transcribed = false,
): readonly MotionStep[] {
  if (kind !== 'e_proposal') return ALLOWED_STEPS[status];
  if (transcribed && status === 'raised') return ['open_signatures', 'refer', 'decide', 'withdraw'];
  return E_PROPOSAL_STEPS[status];
}

export function allowedOutcomesFrom(
  status: MotionStatus,
  kind: MotionKind = 'motion',
  transcribed = false,
): readonly MotionOutcome[] {
  if (!allowedStepsFrom(status, kind, transcribed).includes('decide')) return [];
  return UNPREPARED_STATUSES.includes(status) && !transcribed ? ['written_off'] : MOTION_OUTCOMES;
}

export const isFinal = (status: MotionStatus): boolean =>
  status === 'decided' || status === 'withdrawn' || status === 'closed';

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

/**
 * The one-year rule with a raised date known only in part: the due day is a range. An open motion
 * is listed as overdue once the earliest possible due day has passed (`overdue`), flagged as
 * uncertain while the latest has not (`overdueCertain` false). With no raised date nothing is
 * said (both false, `dateUnknown`).
 */
export function dueState(
  motion: {
    status: MotionStatus;
    decisionDueEarliest: string | null;
    decisionDueLatest: string | null;
  },
  on: string,
): { overdue: boolean; overdueCertain: boolean; dateUncertain: boolean; dateUnknown: boolean } {
  const { decisionDueEarliest: earliest, decisionDueLatest: latest } = motion;
  const open = !isFinal(motion.status);
  if (earliest === null || latest === null) {
    return { overdue: false, overdueCertain: false, dateUncertain: true, dateUnknown: true };
  }
  return {
    overdue: open && on > earliest,
    overdueCertain: open && on > latest,
    dateUncertain: earliest !== latest,
    dateUnknown: false,
  };
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
  decisionDue: string | null;
}): NextStep | null {
  switch (motion.status) {
    case 'collecting':
      return {
        step: 'close_signatures',
        by: null,
        due: null,
        description: 'Signatures are being collected',
      };
    case 'threshold_reached':
      return {
        step: 'refer',
        by: null,
        due: null,
        description: 'To be handed to the body the council names',
      };
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
  collecting: 'insamling av underskrifter pågår',
  threshold_reached: 'tillräckligt många underskrifter',
  closed: 'avslutad, för få underskrifter',
};

/** Swedish names of the timeline events. */
export const EVENT_SV: Record<string, string> = {
  ...STATUS_SV,
  signatures_opened: 'insamling av underskrifter öppnad',
  signatures_counted: 'antal underskrifter registrerat',
  threshold_reached: 'tillräckligt många underskrifter',
  closed: 'avslutad, för få underskrifter',
};

export const OUTCOME_SV: Record<MotionOutcome, string> = {
  approved: 'bifallen',
  partly_approved: 'delvis bifallen',
  rejected: 'avslagen',
  considered_answered: 'anses besvarad',
  written_off: 'avskriven',
  under_investigation: 'anses vara under utredning',
};

export const KIND_SV: Record<MotionKind, string> = {
  motion: 'Motion',
  initiative: 'Initiativärende',
  citizen_proposal: 'Medborgarförslag',
  e_proposal: 'E-förslag',
};

/** Shown where the proposer of a citizen proposal or e-proposal was not published. */
export const NAME_NOT_PUBLISHED_SV = 'namn ej publicerat';
/** Shown beside a due day computed from a raised date known only in part. */
export const DATE_UNCERTAIN_SV = 'datum osäkert';
