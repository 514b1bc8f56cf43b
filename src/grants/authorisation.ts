import { DECIDING_BODY_KINDS } from '../decisions/decision-status';
import { ClauseRef } from '../decisions/decisions.service';

/**
 * Why a linked clause does not (yet) authorise an applicant to take part in an application.
 * An authorisation is a clause of an adjusted decision of a council, board or committee of the
 * applicant's own organisation (Förordning 2024:1102: a minuted decision of a competent
 * political assembly), adjusted no later than the day the application is submitted.
 */
export function authorisationProblems(
  ref: ClauseRef | null,
  applicant: { organisationId: string; organisationName: string },
  submittedOn?: string,
): string[] {
  if (!ref) {
    return [`${applicant.organisationName} has no decision clause authorising its participation`];
  }
  const problems: string[] = [];
  if (ref.organisationId !== applicant.organisationId) {
    problems.push(
      `${ref.reference} is a decision of ${ref.organisationName}, not of ${applicant.organisationName}`,
    );
  }
  if (ref.bodyKind === 'working_committee') {
    problems.push(
      `${ref.reference} is a proposal of ${ref.bodyName}, a working committee that only prepares: ` +
        `the authorisation must be a decision of a council, board or committee`,
    );
  } else if (ref.outcomeKind !== 'decision') {
    problems.push(
      `${ref.reference} is a proposal to another body, not a decision: link the deciding body's decision`,
    );
  } else if (!(DECIDING_BODY_KINDS as readonly string[]).includes(ref.bodyKind)) {
    problems.push(`${ref.bodyName} is not a council, board or committee`);
  }
  if (!ref.adjustedOn) {
    problems.push(
      `${ref.reference} is not adjusted: the paragraph must be adjusted ("Paragrafen är justerad") before it authorises an application`,
    );
  } else if (submittedOn && ref.adjustedOn > submittedOn) {
    problems.push(
      `${ref.reference} was adjusted on ${ref.adjustedOn}, after the submission day ${submittedOn}`,
    );
  }
  return problems;
}
