import { createTestApp, TestApp } from '../test-app';
import { noticeBlockText, noticeBoardOn, NoticeBody } from '../corpus/notice-corpus-helpers';
import {
  createHeldMeeting,
  createMinutesWorld,
  MinutesWorld,
  ok,
  signAll,
} from '../minutes/minutes-helpers';

interface ParagraphBody {
  noticeBoard: (NoticeBody & { announcementId: string }) | null;
  appeal: { legalForce: string; appealLastDay: string | null; finalOn: string | null };
}

describe('notices: printed dates, legal dates, warnings and the legal status', () => {
  let t: TestApp;
  let w: MinutesWorld;
  beforeAll(async () => {
    t = await createTestApp();
    w = await createMinutesWorld(t);
  });
  afterAll(() => t.close());

  /** An adjusted meeting with one decided (appealable) paragraph. */
  async function adjustedMeeting(
    meetingDate: string,
    signedAt: string,
  ): Promise<{ meetingId: string; paragraphId: string }> {
    // createHeldMeeting prints the meeting day as the adjustment day in the header.
    const meeting = await createHeldMeeting(t, w, w.rs, meetingDate);
    const p = await ok<{ id: string }>(
      t.http.post(`/api/meetings/${meeting.id}/paragraphs`).set(w.auth).send({ title: 'Beslut' }),
    );
    await ok(
      t.http
        .post(`/api/paragraphs/${p.id}/decision`)
        .set(w.auth)
        .send({ clauses: ['att bifalla'] }),
    );
    await signAll(t, w, meeting.id, signedAt);
    return { meetingId: meeting.id, paragraphId: p.id };
  }

  const announce = (meetingId: string, body: object) =>
    t.http.post(`/api/meetings/${meetingId}/announcement`).set(w.auth).send(body);
  const paragraph = (id: string) => ok<ParagraphBody>(t.http.get(`/api/paragraphs/${id}`), 200);

  it('live: a posting on the Monday after midsommar is on time; the Tuesday is late and says so', async () => {
    const onTime = await adjustedMeeting('2024-06-18', '2024-06-19T10:00:00Z');
    await ok(announce(onTime.meetingId, { postedOn: '2024-06-24' }));
    const a = await paragraph(onTime.paragraphId);
    expect(a.noticeBoard).toMatchObject({
      transcribed: false,
      printed: null,
      announcementDeadline: '2024-06-24',
      lateAnnouncement: false,
      warnings: [],
    });

    const late = await adjustedMeeting('2024-06-18', '2024-06-19T10:00:00Z');
    await ok(announce(late.meetingId, { postedOn: '2024-06-25' }));
    const b = await paragraph(late.paragraphId);
    expect(b.noticeBoard).toMatchObject({ lateAnnouncement: true });
    expect(b.noticeBoard!.warnings.map((x) => x.code)).toEqual(['late_posting']);
    const html = await t.http.get(`/api/meetings/${late.meetingId}/minutes.html`).set(w.auth);
    expect(noticeBlockText(html.text)).toContain(
      'Varning: Anslaget sattes upp 2024-06-25, senare än lagen medger',
    );
  });

  it('a notice printing only the takedown and the last appeal day: posting unknown, nothing guessed', async () => {
    const m = await adjustedMeeting('2024-03-05', '2024-03-07T10:00:00Z');
    const view = await ok<{ announcement: NoticeBody }>(
      announce(m.meetingId, {
        printed: { appealLastDay: '2024-04-02', removedOn: '2024-04-03' },
      }),
    );
    expect(view.announcement).toMatchObject({
      transcribed: true,
      postedOn: null,
      appealLastDay: null,
      removedOn: null,
      lateAnnouncement: null,
      printed: {
        adjustedOn: null,
        postedOn: null,
        appealLastDay: '2024-04-02',
        removedOn: '2024-04-03',
      },
      legal: {
        // the header prints the adjustment day (createHeldMeeting: the meeting day)
        adjustedOn: '2024-03-05',
        postingDeadline: '2024-03-07',
        postedOn: null,
        appealLastDay: null,
        removedOn: null,
      },
    });
    expect(view.announcement.warnings.map((x) => x.code)).toEqual(['posting_date_unknown']);
    const p = await paragraph(m.paragraphId);
    expect(p.appeal).toMatchObject({
      legalForce: 'posting_date_unknown',
      appealLastDay: null,
      finalOn: null,
    });
    // The decision register says the same, as of any day.
    const decision = await ok<{ status: string }>(
      t.http.get(`/api/decisions/${m.paragraphId}`).query({ on: '2024-04-10' }),
      200,
    );
    expect(decision.status).toBe('posting_date_unknown');
    const listed = await ok<{ items: { id: string }[] }>(
      t.http
        .get('/api/decisions')
        .query({ organisationId: w.organisationId, status: 'posting_date_unknown' }),
      200,
    );
    expect(listed.items.map((d) => d.id)).toEqual([m.paragraphId]);
    // An appeal cannot be placed in an unknown period.
    const appeal = await t.http
      .post(`/api/paragraphs/${m.paragraphId}/appeals`)
      .set(w.auth)
      .send({ registeredAt: '2024-03-20T10:00:00Z' });
    expect(appeal.status).toBe(422);
    expect(appeal.body.detail).toContain('posted is not known');
    // Announced once: a second notice is refused.
    expect((await announce(m.meetingId, { postedOn: '2024-03-07' })).status).toBe(409);
    const block = noticeBlockText(
      (await t.http.get(`/api/meetings/${m.meetingId}/minutes.html`).set(w.auth)).text,
    );
    expect(block).toContain('Datum då anslaget sätts upp ej angivet på anslaget');
    expect(block).toContain('Sista dag för överklagande 2 april 2024');
    expect(block).not.toContain('enligt lag 2');
    expect(block).toContain('Varning: Datum då anslaget sattes upp är inte känt');
    // On the board from the adjustment through the printed takedown.
    const board = await noticeBoardOn(t, w.organisationId, '2024-04-02');
    expect(board.filter((n) => n.meetingId === m.meetingId)).toHaveLength(1);
  });

  it('a misprinted last appeal day: warned, and the status follows the law', async () => {
    const m = await adjustedMeeting('2025-05-20', '2025-05-27T10:00:00Z');
    // Posted Fri 2025-05-30: three weeks end on midsommarafton, so the law gives Mon 2025-06-23;
    // the notice prints 2025-06-20.
    await ok(
      announce(m.meetingId, {
        printed: {
          adjustedOn: '2025-05-27',
          postedOn: '2025-05-30',
          appealLastDay: '2025-06-20',
          removedOn: '2025-06-21',
        },
      }),
    );
    const p = await paragraph(m.paragraphId);
    expect(p.noticeBoard!.warnings.map((x) => [x.code, x.message])).toEqual([
      [
        'appeal_last_day_differs',
        'Sista dag för överklagande enligt lag är 2025-06-23; på anslaget står 2025-06-20.',
      ],
      [
        'removed_too_early',
        'Anslaget ska enligt lag sitta minst till och med 2025-06-23 (sista dag för ' +
          'överklagande) och tas ned tidigast 2025-06-24; på anslaget står att det tas ned ' +
          '2025-06-21.',
      ],
    ]);
    expect(p.appeal).toMatchObject({ appealLastDay: '2025-06-23', finalOn: '2025-06-24' });
    // An appeal that came in on the legal last day (after the printed one) is in time.
    const appealed = await ok<ParagraphBody>(
      t.http
        .post(`/api/paragraphs/${m.paragraphId}/appeals`)
        .set(w.auth)
        .send({ registeredAt: '2025-06-23T09:00:00Z' }),
    );
    expect(appealed.appeal.legalForce).toBe('appealed');
  });

  it('an immediately adjusted paragraph keeps its own transcribed notice; the minutes do not overwrite it', async () => {
    const meeting = await createHeldMeeting(t, w, w.rs, '2021-01-28');
    const p = await ok<{ id: string }>(
      t.http
        .post(`/api/meetings/${meeting.id}/paragraphs`)
        .set(w.auth)
        .send({ title: 'Brådskande' }),
    );
    await ok(
      t.http
        .post(`/api/paragraphs/${p.id}/decision`)
        .set(w.auth)
        .send({ clauses: ['att bifalla'] }),
    );
    await ok(
      t.http
        .post(`/api/paragraphs/${p.id}/immediate-adjustment`)
        .set(w.auth)
        .send({ adjustedAt: '2021-01-28T15:00:00Z' }),
    );
    const own = await ok<ParagraphBody>(
      t.http
        .post(`/api/paragraphs/${p.id}/announcement`)
        .set(w.auth)
        .send({ printed: { adjustedOn: '2021-01-28', removedOn: '2021-02-19' } }),
    );
    expect(own.appeal.legalForce).toBe('posting_date_unknown');
    expect(own.noticeBoard!.legal).toMatchObject({ adjustedOn: '2021-01-28', postedOn: null });
    const again = await t.http
      .post(`/api/paragraphs/${p.id}/announcement`)
      .set(w.auth)
      .send({ postedOn: '2021-01-29' });
    expect(again.status).toBe(409);
    await signAll(t, w, meeting.id, '2021-02-01T10:00:00Z');
    await ok(announce(meeting.id, { postedOn: '2021-02-02' }));
    const after = await paragraph(p.id);
    expect(after.noticeBoard!.announcementId).toBe(own.noticeBoard!.announcementId);
    expect(after.appeal.legalForce).toBe('posting_date_unknown');
    // The database too: the notice of an adjusted paragraph is filled in once, posting day or not.
    await expect(
      t.dataSource.query(`UPDATE paragraph SET announcement_id = NULL WHERE id = $1`, [p.id]),
    ).rejects.toMatchObject({ code: 'P0409' });
  });

  it('refuses what cannot be: no date for a live notice, disagreeing or disordered printed dates', async () => {
    const m = await adjustedMeeting('2024-09-03', '2024-09-05T10:00:00Z');
    const missing = await announce(m.meetingId, {});
    expect(missing.status).toBe(400);
    expect(missing.body.errors[0].field).toBe('postedOn');
    const disagree = await announce(m.meetingId, {
      postedOn: '2024-09-06',
      printed: { postedOn: '2024-09-07' },
    });
    expect(disagree.status).toBe(400);
    const cases: [object, string][] = [
      [{ postedOn: '2024-09-06', removedOn: '2024-09-06' }, 'printed.removedOn'],
      [{ postedOn: '2024-09-06', appealLastDay: '2024-09-05' }, 'printed.appealLastDay'],
      [{ appealLastDay: '2024-09-27', removedOn: '2024-09-26' }, 'printed.removedOn'],
      [{ adjustedOn: '2024-09-10', postedOn: '2024-09-06' }, 'printed.postedOn'],
      [{ removedOn: '2024-09-01' }, 'printed.removedOn'],
    ];
    for (const [printed, field] of cases) {
      const res = await announce(m.meetingId, { printed });
      expect({ printed, status: res.status, field: res.body.field }).toEqual({
        printed,
        status: 422,
        field,
      });
    }
    const bad = await announce(m.meetingId, { printed: { postedOn: '2024-13-01' } });
    expect(bad.status).toBe(400);
    // Nothing was stored by the refused requests.
    const rows = await t.dataSource.query(`SELECT 1 FROM announcement WHERE meeting_id = $1`, [
      m.meetingId,
    ]);
    expect(rows).toHaveLength(0);
  });

  it('the database keeps printed dates to transcribed notices and legal dates to a known posting', async () => {
    const m = await adjustedMeeting('2024-10-01', '2024-10-03T10:00:00Z');
    const [{ organisation_id }] = await t.dataSource.query(
      `SELECT organisation_id FROM meeting WHERE id = $1`,
      [m.meetingId],
    );
    const insert = (cols: string, vals: string) =>
      t.dataSource
        .query(
          `INSERT INTO announcement (organisation_id, meeting_id, minutes_kept_at, ${cols})
           VALUES ($1, $2, 'Kansliet', ${vals})`,
          [organisation_id, m.meetingId],
        )
        .then(
          () => 'ok',
          (e: { constraint?: string }) => e.constraint,
        );
    expect(await insert('adjusted_on, posted_on', `'2024-10-03', NULL`)).toBe(
      'announcement_live_dates_known',
    );
    expect(
      await insert(
        'adjusted_on, posted_on, appeal_last_day, removed_on, printed_removed_on',
        `'2024-10-03', '2024-10-04', '2024-10-25', '2024-10-26', '2024-10-26'`,
      ),
    ).toBe('announcement_printed_only_transcribed');
    expect(
      await insert('transcribed, posted_on, printed_posted_on', `true, '2024-10-04', NULL`),
    ).toBe('announcement_legal_dates_from_posting');
    expect(
      await insert(
        'transcribed, posted_on, appeal_last_day, removed_on, printed_posted_on',
        `true, '2024-10-04', '2024-10-25', '2024-10-26', '2024-10-05'`,
      ),
    ).toBe('announcement_printed_posting_is_posting');
    expect(
      await insert(
        'transcribed, printed_appeal_last_day, printed_removed_on',
        `true, '2024-10-25', '2024-10-24'`,
      ),
    ).toBe('announcement_printed_dates_in_order');
  });
});
