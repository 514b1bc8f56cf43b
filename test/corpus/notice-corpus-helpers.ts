import { addMembership, createBody, createOrganisation, createPerson } from '../factories';
import { ok } from '../minutes/minutes-helpers';
import type { TestApp } from '../test-app';

/** A notice as printed: any subset of its dates (left out: not printed). */
export interface PrintedNotice {
  adjustedOn?: string;
  postedOn?: string;
  appealLastDay?: string;
  removedOn?: string;
}

export interface NoticeWarningBody {
  code: string;
  severity: 'warning' | 'info';
  message: string;
}

export interface NoticeBody {
  postedOn: string | null;
  appealLastDay: string | null;
  removedOn: string | null;
  announcementDeadline: string;
  lateAnnouncement: boolean | null;
  transcribed: boolean;
  minutesKeptAt: string;
  printed: {
    adjustedOn: string | null;
    postedOn: string | null;
    appealLastDay: string | null;
    removedOn: string | null;
  } | null;
  legal: {
    adjustedOn: string | null;
    postingDeadline: string;
    postingDeadlineCountsFrom: 'adjustment' | 'meeting';
    postedOn: string | null;
    appealLastDay: string | null;
    removedOn: string | null;
  };
  warnings: NoticeWarningBody[];
}

export interface RecordedNotice {
  meetingId: string;
  paragraphId: string;
  notice: NoticeBody;
  appeal: { legalForce: string; appealLastDay: string | null; finalOn: string | null };
  html: string;
  auth: { Authorization: string };
  organisationId: string;
}

/**
 * Records a protocol's header and its notice (anslag/bevis) as a registrar would: the
 * organisation, the body with the chair and adjuster named in the document, the meeting, one
 * decided paragraph, the paper signatures and the notice with the dates it prints.
 */
export async function recordPrintedNotice(
  t: TestApp,
  doc: {
    organisation: { name: string; kind: 'municipality' | 'region' };
    body: { name: string; shortName: string; kind: 'council' | 'board' | 'committee' };
    chair: { name: string; party?: string };
    adjuster: { name: string; party?: string };
    meetingDate: string;
    /** "Justeringens plats och tid" in the header, when printed. */
    adjustmentDate?: string;
    /** When the chair and adjuster signed, as the registrar records the paper signatures. */
    signedAt: string;
    paragraphTitle: string;
    clauses: string[];
    minutesKeptAt?: string;
    printed: PrintedNotice;
  },
): Promise<RecordedNotice> {
  const adminToken = await t.tokenFor('admin');
  const org = await createOrganisation(t, adminToken, {
    organisationNumber: null, // no corpus notice prints one
    ...doc.organisation,
  });
  const token = await t.tokenFor('registrar', { organisationId: org.id });
  const auth = { Authorization: `Bearer ${token}` };
  const body = await createBody(t, token, org.id, doc.body);
  const chair = await createPerson(t, token, org.id, doc.chair);
  const adjuster = await createPerson(t, token, org.id, doc.adjuster);
  await addMembership(t, token, body.id, {
    personId: chair.id,
    role: 'chair',
    validFrom: '2000-01-01',
  });
  await addMembership(t, token, body.id, {
    personId: adjuster.id,
    role: 'member',
    validFrom: '2000-01-01',
  });
  const meeting = await ok<{ id: string }>(
    t.http
      .post(`/api/bodies/${body.id}/meetings`)
      .set(auth)
      .send({
        meetingDate: doc.meetingDate,
        chairPersonId: chair.id,
        adjusterPersonIds: [adjuster.id],
        ...(doc.adjustmentDate ? { adjustmentDate: doc.adjustmentDate } : {}),
      }),
  );
  await ok(
    t.http
      .put(`/api/meetings/${meeting.id}/attendance`)
      .set(auth)
      .send({
        entries: [chair, adjuster].map((p) => ({ personId: p.id, role: 'member' })),
      }),
    200,
  );
  await ok(t.http.post(`/api/meetings/${meeting.id}/hold`).set(auth).send({}), 200);
  const paragraph = await ok<{ id: string }>(
    t.http.post(`/api/meetings/${meeting.id}/paragraphs`).set(auth).send({
      title: doc.paragraphTitle,
    }),
  );
  await ok(
    t.http.post(`/api/paragraphs/${paragraph.id}/decision`).set(auth).send({
      clauses: doc.clauses,
    }),
  );
  for (const person of [chair, adjuster]) {
    await ok(
      t.http
        .post(`/api/meetings/${meeting.id}/signatures`)
        .set(auth)
        .send({ personId: person.id, method: 'paper', signedAt: doc.signedAt }),
    );
  }
  const announced = await ok<{ announcement: NoticeBody }>(
    t.http
      .post(`/api/meetings/${meeting.id}/announcement`)
      .set(auth)
      .send({
        printed: doc.printed,
        ...(doc.minutesKeptAt ? { minutesKeptAt: doc.minutesKeptAt } : {}),
      }),
  );
  const view = await ok<{ noticeBoard: NoticeBody; appeal: RecordedNotice['appeal'] }>(
    t.http.get(`/api/paragraphs/${paragraph.id}`),
    200,
  );
  expect(view.noticeBoard).toEqual(announced.announcement);
  const html = await t.http.get(`/api/meetings/${meeting.id}/minutes.html`);
  expect(html.status).toBe(200);
  return {
    meetingId: meeting.id,
    paragraphId: paragraph.id,
    notice: view.noticeBoard,
    appeal: view.appeal,
    html: html.text,
    auth,
    organisationId: org.id,
  };
}

/** The notices on the organisation's notice board on a day. */
export async function noticeBoardOn(
  t: TestApp,
  organisationId: string,
  on: string,
): Promise<(NoticeBody & { meetingId: string })[]> {
  const res = await ok<{ items: (NoticeBody & { meetingId: string })[] }>(
    t.http.get('/api/notice-board').query({ organisationId, on }),
    200,
  );
  return res.items;
}

/** The text of the rendered notice block (anslagsbevis), tags stripped, spaces collapsed. */
export function noticeBlockText(html: string): string {
  const start = html.indexOf('<section class="certificate">');
  expect(start).toBeGreaterThan(-1);
  const section = html.slice(start, html.indexOf('</section>', start));
  return section
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}
