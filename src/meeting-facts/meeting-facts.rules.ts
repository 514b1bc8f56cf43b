import { RuleViolationError } from '../common/errors';
import type { CreateMeetingDto, UpdateMeetingDto } from '../minutes/dto/minutes.dto';
import type { Meeting } from '../minutes/meeting.entity';

/** Copies the meeting-level facts given in a create/update request (null clears one). */
export function applyMeetingFacts(meeting: Meeting, dto: CreateMeetingDto | UpdateMeetingDto) {
  if (dto.caseNumber !== undefined) meeting.caseNumber = dto.caseNumber ?? null;
  if (dto.openToPublic !== undefined) meeting.openToPublic = dto.openToPublic ?? null;
  if (dto.openToPublicFromParagraph !== undefined) {
    meeting.openToPublicFromParagraph = dto.openToPublicFromParagraph ?? null;
  }
  if (dto.remoteParticipation !== undefined) {
    meeting.remoteParticipation = dto.remoteParticipation ?? null;
  }
}

export function assertMeetingFactsValid(meeting: Meeting): void {
  if (meeting.openToPublicFromParagraph !== null && meeting.openToPublic !== true) {
    throw new RuleViolationError(
      'A meeting open to the public from a paragraph on is open to the public: set openToPublic',
      { field: 'openToPublicFromParagraph' },
    );
  }
}
