import { createTestApp, TestApp } from '../test-app';
import {
  createHeldMeeting,
  createMinutesWorld,
  MinutesWorld,
  ok,
  signAll,
} from './minutes-helpers';

interface Entry {
  person: { id: string };
  role: string;
  paragraphs: { scope: string; numbers: number[] } | null;
  paragraphsPrinted: string | null;
}
interface ParagraphBody {
  id: string;
  number: number;
  chair: { id: string } | null;
  chairChanges: boolean;
  adjournments: { printed: string }[];
  attendance: { entries: Entry[]; presentSeats: number };
}

describe('meeting facts: case number, public session, adjournments, chairs, attendance ranges', () => {
  let t: TestApp;
  let w: MinutesWorld;
  beforeAll(async () => {
    t = await createTestApp();
    w = await createMinutesWorld(t);
  });
  afterAll(() => t.close());

  const html = async (meetingId: string) =>
    (await t.http.get(`/api/meetings/${meetingId}/minutes.html`).set(w.auth)).text;
  const paragraph = (id: string) =>
    ok<ParagraphBody>(t.http.get(`/api/paragraphs/${id}`).set(w.auth), 200);

  async function meetingWithParagraphs(date: string, count: number) {
    const meeting = await createHeldMeeting(t, w, w.rs, date, { hold: false });
    const paragraphs: { id: string; number: number }[] = [];
    for (let i = 0; i < count; i++) {
      paragraphs.push(
        await ok(
          t.http
            .post(`/api/meetings/${meeting.id}/paragraphs`)
            .set(w.auth)
            .send({ title: `Ärende ${i + 1}` }),
        ),
      );
    }
    return { meeting, paragraphs };
  }

  it('keeps the meeting case number, public session and remote participation and prints them', async () => {
    const res = await t.http.post(`/api/bodies/${w.rs.id}/meetings`).set(w.auth).send({
      meetingDate: '2025-02-03',
      caseNumber: 'RS 2025/17',
      openToPublic: true,
      openToPublicFromParagraph: 7,
      remoteParticipation: 'Närvarande via Skype',
    });
    const meeting = await ok<Record<string, unknown>>(res);
    expect(meeting).toMatchObject({
      caseNumber: 'RS 2025/17',
      openToPublic: true,
      openToPublicFromParagraph: 7,
      publicSession: 'Öppet för allmänheten från och med § 7',
      remoteParticipation: 'Närvarande via Skype',
      adjournments: [],
      chairs: [],
      chairsPrinted: null,
    });
    const text = await html(meeting.id as string);
    expect(text).toContain('<tr><th>Diarienummer</th><td>RS 2025/17</td></tr>');
    expect(text).toContain('Öppet för allmänheten från och med § 7');
    expect(text).toContain('<th>Deltagande på distans</th><td>Närvarande via Skype</td>');

    // Not printed: unknown, and nothing is printed about it.
    const plain = await ok<Record<string, unknown>>(
      t.http
        .post(`/api/bodies/${w.rs.id}/meetings`)
        .set(w.auth)
        .send({ meetingDate: '2025-02-04' }),
    );
    expect(plain).toMatchObject({ caseNumber: null, openToPublic: null, publicSession: null });
    expect(await html(plain.id as string)).not.toContain('Allmänhetens tillträde');

    const bad = await t.http
      .patch(`/api/meetings/${plain.id as string}`)
      .set(w.auth)
      .send({ openToPublicFromParagraph: 3 });
    expect(bad.status).toBe(422);
    const closed = await ok<Record<string, unknown>>(
      t.http
        .patch(`/api/meetings/${meeting.id as string}`)
        .set(w.auth)
        .send({ openToPublic: false, openToPublicFromParagraph: null, caseNumber: null }),
      200,
    );
    expect(closed).toMatchObject({
      caseNumber: null,
      publicSession: 'Sammanträdet är inte öppet för allmänheten',
    });
  });

  it('records attendance for ranges of paragraphs in one request and applies it per paragraph', async () => {
    const { meeting, paragraphs } = await meetingWithParagraphs('2025-03-03', 3);
    const [m0, m1, m2, m3, m4, m5, m6] = w.rs.members;
    const sub = w.rs.substitutes[0];
    const entries = [
      ...[m0, m1, m2, m3, m4, m5].map((p) => ({ personId: p.id, role: 'member' })),
      { personId: m6.id, role: 'member', paragraphs: { scope: 'except', numbers: [2] } },
      {
        personId: sub.id,
        role: 'substitute',
        servingForPersonId: m6.id,
        paragraphs: { scope: 'only', numbers: [2] },
      },
      // The same substitute also listed as not serving for the other paragraphs.
      { personId: sub.id, role: 'substitute', paragraphs: { scope: 'except', numbers: [2] } },
    ];
    // The seat of m6 filled twice in § 2 is refused.
    const twice = await t.http
      .put(`/api/meetings/${meeting.id}/attendance`)
      .set(w.auth)
      .send({
        entries: [...entries.slice(0, 6), { personId: m6.id, role: 'member' }, entries[7]],
      });
    expect(twice.status).toBe(422);
    // A person listed twice for overlapping paragraphs is refused.
    const dup = await t.http
      .put(`/api/meetings/${meeting.id}/attendance`)
      .set(w.auth)
      .send({
        entries: [
          ...entries.slice(0, 7),
          { personId: sub.id, role: 'substitute', paragraphs: { scope: 'from', numbers: [2] } },
          entries[8],
        ],
      });
    expect(dup.status).toBe(422);
    const malformed = await t.http
      .put(`/api/meetings/${meeting.id}/attendance`)
      .set(w.auth)
      .send({
        entries: [
          { personId: m0.id, role: 'member', paragraphs: { scope: 'from', numbers: [1, 2] } },
        ],
      });
    expect(malformed.status).toBe(400);

    const view = await ok<{ attendance: Entry[] }>(
      t.http.put(`/api/meetings/${meeting.id}/attendance`).set(w.auth).send({ entries }),
      200,
    );
    expect(view.attendance.map((e) => e.paragraphsPrinted).sort()).toEqual(
      ['§ 2', 'ej § 2', 'ej § 2', null, null, null, null, null, null].sort(),
    );
    expect(view.attendance.find((e) => e.person.id === m6.id)).toMatchObject({
      paragraphs: { scope: 'except', numbers: [2] },
      paragraphsPrinted: 'ej § 2',
    });

    const p1 = await paragraph(paragraphs[0].id);
    const p2 = await paragraph(paragraphs[1].id);
    const ids = (p: ParagraphBody) => p.attendance.entries.map((e) => e.person.id);
    expect(ids(p1)).toContain(m6.id);
    expect(ids(p2)).not.toContain(m6.id);
    expect(p2.attendance.entries.find((e) => e.person.id === sub.id)).toMatchObject({
      role: 'substitute',
      paragraphsPrinted: '§ 2',
    });
    expect(p2.attendance.presentSeats).toBe(7);
    expect(p1.attendance.presentSeats).toBe(7);

    const text = await html(meeting.id);
    expect(text).toContain(`${m6.name} (SD) ej § 2<br>`);
    expect(text).toContain(`${sub.name} (S) (ersättare för ${m6.name} (SD)) § 2<br>`);

    // Decided and adjusted: the frozen paragraph keeps the attendance that applied to it.
    for (const p of paragraphs) {
      await ok(
        t.http
          .post(`/api/paragraphs/${p.id}/decision`)
          .set(w.auth)
          .send({ clauses: ['x'] }),
      );
    }
    await ok(t.http.post(`/api/meetings/${meeting.id}/hold`).set(w.auth).send({}), 200);
    await signAll(t, w, meeting.id);
    const frozen2 = await paragraph(paragraphs[1].id);
    expect(ids(frozen2)).not.toContain(m6.id);
    expect(ids(frozen2)).toContain(sub.id);
    const rows: { count: number }[] = await t.dataSource.query(
      `SELECT count(*)::int AS count FROM paragraph_attendance WHERE paragraph_id = $1 AND person_id = $2`,
      [paragraphs[1].id, m6.id],
    );
    expect(rows[0].count).toBe(0);
  });

  it('records adjournments with times, at a paragraph or on the cover, validated', async () => {
    const { meeting, paragraphs } = await meetingWithParagraphs('2025-04-07', 2);
    const other = await meetingWithParagraphs('2025-04-08', 1);
    const put = (adjournments: object[]) =>
      t.http.put(`/api/meetings/${meeting.id}/adjournments`).set(w.auth).send({ adjournments });
    expect((await put([{ fromTime: '10:30', toTime: '10:15' }])).status).toBe(422);
    expect((await put([{ fromTime: '08:30', toTime: '09:15' }])).status).toBe(422);
    expect((await put([{ fromTime: '11:50', toTime: '12:15' }])).status).toBe(422);
    expect(
      (
        await put([
          { fromTime: '10:00', toTime: '10:30' },
          { fromTime: '10:15', toTime: '10:45' },
        ])
      ).status,
    ).toBe(422);
    expect(
      (await put([{ fromTime: '10:00', toTime: '10:30', paragraphId: other.paragraphs[0].id }]))
        .status,
    ).toBe(422);
    expect((await put([{ fromTime: '10.00', toTime: '10:30' }])).status).toBe(400);

    const view = await ok<{ adjournments: { printed: string; paragraphNumber: number | null }[] }>(
      put([
        { fromTime: '10:15', toTime: '10:30', paragraphId: paragraphs[1].id },
        { fromTime: '09:50', toTime: '10:05', note: 'Ajournering för fika.' },
      ]),
      200,
    );
    expect(view.adjournments).toEqual([
      expect.objectContaining({
        printed: 'Sammanträdet ajourneras kl. 09.50–10.05. Ajournering för fika.',
        paragraphNumber: null,
      }),
      expect.objectContaining({
        printed: 'Sammanträdet ajourneras kl. 10.15–10.30.',
        paragraphNumber: paragraphs[1].number,
      }),
    ]);
    const p2 = await paragraph(paragraphs[1].id);
    expect(p2.adjournments.map((a) => a.printed)).toEqual([
      'Sammanträdet ajourneras kl. 10.15–10.30.',
    ]);
    expect((await paragraph(paragraphs[0].id)).adjournments).toEqual([]);
    const text = await html(meeting.id);
    expect(text).toContain(
      '<tr><th>Ajournering</th><td>Sammanträdet ajourneras kl. 09.50–10.05. Ajournering för fika.</td></tr>',
    );
    const section = text.slice(text.indexOf(`§ ${paragraphs[1].number} Ärende 2`));
    expect(section).toContain('<p class="meta">Sammanträdet ajourneras kl. 10.15–10.30.</p>');
  });

  it('records the chair per paragraph range, a seat holder, and prints it', async () => {
    const { meeting, paragraphs } = await meetingWithParagraphs('2025-05-05', 3);
    const [chair, vice] = w.rs.members;
    const put = (chairs: object[]) =>
      t.http.put(`/api/meetings/${meeting.id}/chairs`).set(w.auth).send({ chairs });
    expect((await put([{ personId: w.rs.substitutes[0].id, paragraphNumbers: [1] }])).status).toBe(
      422,
    );
    expect(
      (
        await put([
          { personId: chair.id, paragraphNumbers: [1, 2] },
          { personId: vice.id, paragraphNumbers: [2] },
        ])
      ).status,
    ).toBe(422);
    const [n1, n2, n3] = paragraphs.map((p) => p.number);
    const view = await ok<{ chairsPrinted: string }>(
      put([
        { personId: chair.id, paragraphNumbers: [n3, n1] },
        { personId: vice.id, paragraphNumbers: [n2] },
      ]),
      200,
    );
    expect(view.chairsPrinted).toBe(`${chair.name} §§ ${n1}, ${n3}; ${vice.name} § ${n2}`);
    const p2 = await paragraph(paragraphs[1].id);
    expect(p2).toMatchObject({ chair: { id: vice.id }, chairChanges: true });
    const text = await html(meeting.id);
    expect(text).toContain(`<tr><th>Ordförande</th><td>${view.chairsPrinted}</td></tr>`);
    expect(text.slice(text.indexOf(`§ ${n2} Ärende 2`))).toContain(
      `<p class="meta">Ordförande: ${vice.name} (M)</p>`,
    );

    // Adjusted: chairs and adjournments can no longer change.
    for (const p of paragraphs) {
      await ok(
        t.http
          .post(`/api/paragraphs/${p.id}/decision`)
          .set(w.auth)
          .send({ clauses: ['x'] }),
      );
    }
    await ok(t.http.post(`/api/meetings/${meeting.id}/hold`).set(w.auth).send({}), 200);
    await signAll(t, w, meeting.id);
    expect((await put([{ personId: chair.id, paragraphNumbers: [n1] }])).status).toBe(409);
    expect(
      (
        await t.http
          .put(`/api/meetings/${meeting.id}/adjournments`)
          .set(w.auth)
          .send({ adjournments: [] })
      ).status,
    ).toBe(409);
    expect((await paragraph(paragraphs[1].id)).chair).toMatchObject({ id: vice.id });
  });
});
