import { isOverdue, oneYearAfter } from '../../src/motions/motion-rules';
import { createTestApp, TestApp } from '../test-app';
import { auth, createMotionWorld, MotionWorld, raiseMotion, step } from './motion-fixtures';

describe('one-year rule (KL 5 kap. 35 §): decision due and overdue', () => {
  describe('oneYearAfter', () => {
    it.each([
      ['2024-03-26', '2025-03-26'],
      ['2024-02-29', '2025-02-28'], // no 29 February in 2025: the last day of February
      ['2023-02-28', '2024-02-28'], // into a leap year: still the 28th, not the 29th
      ['2023-03-01', '2024-03-01'],
      ['2023-12-31', '2024-12-31'],
      ['2024-01-01', '2025-01-01'],
      ['2027-02-28', '2028-02-28'],
      ['2028-02-29', '2029-02-28'],
    ])('%s → %s', (raised, due) => {
      expect(oneYearAfter(raised)).toBe(due);
    });
  });

  describe('isOverdue', () => {
    it('is not overdue on the due day itself, overdue from the day after', () => {
      expect(isOverdue('referred', '2024-12-31', '2024-12-31')).toBe(false);
      expect(isOverdue('referred', '2024-12-31', '2025-01-01')).toBe(true);
    });
    it('is never overdue once decided or withdrawn', () => {
      expect(isOverdue('decided', '2024-12-31', '2026-01-01')).toBe(false);
      expect(isOverdue('withdrawn', '2024-12-31', '2026-01-01')).toBe(false);
      expect(isOverdue('tabled', '2024-12-31', '2026-01-01')).toBe(true);
    });
  });

  describe('through the API and the database', () => {
    let t: TestApp;
    let w: MotionWorld;
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      t = await createTestApp();
      w = await createMotionWorld(t);
      const raise = (title: string, raisedOn: string) =>
        raiseMotion(t, w.registrarToken, {
          bodyId: w.council.id,
          kind: 'motion',
          title,
          raisedOn,
          signatoryIds: [w.hamberg.id],
        });
      ids.leap = (await raise('Skottdagsmotion', '2024-02-29')).id;
      ids.newYearsEve = (await raise('Nyårsaftonsmotion', '2023-12-31')).id;
      ids.newYear = (await raise('Nyårsdagsmotion', '2024-01-01')).id;
      ids.decided = (await raise('Beslutad motion', '2023-06-01')).id;
      await step(t, w.registrarToken, ids.decided, {
        step: 'refer',
        referredTo: 'Regionstyrelsen',
        date: '2023-06-10',
      });
      await step(t, w.registrarToken, ids.decided, { step: 'answer', date: '2024-01-15' });
      await step(t, w.registrarToken, ids.decided, {
        step: 'decide',
        outcome: 'rejected',
        date: '2024-02-01',
      });
    });
    afterAll(() => t.close());

    const due = (on: string, withinDays?: number) =>
      t.http
        .get('/api/motions/due')
        .query({
          organisationId: w.organisationId,
          on,
          ...(withinDays !== undefined ? { withinDays } : {}),
        })
        .expect(200);
    const titles = (items: { title: string }[]) => items.map((i) => i.title);

    it('stores the decision-due day: 29 Feb 2024 → 28 Feb 2025, 31 Dec 2023 → 31 Dec 2024', async () => {
      const leap = await t.http.get(`/api/motions/${ids.leap}`).expect(200);
      expect(leap.body.decisionDue).toBe('2025-02-28');
      const eve = await t.http.get(`/api/motions/${ids.newYearsEve}`).expect(200);
      expect(eve.body.decisionDue).toBe('2024-12-31');
    });

    it('around the year end: due on 31 Dec is soon due that day and overdue on 1 Jan', async () => {
      const onDueDay = await due('2024-12-31', 1);
      expect(titles(onDueDay.body.overdue)).toEqual([]);
      expect(titles(onDueDay.body.soonDue)).toEqual(['Nyårsaftonsmotion', 'Nyårsdagsmotion']);
      expect(onDueDay.body.soonDue[0].daysLeft).toBe(0);
      expect(onDueDay.body.soonDue[1].daysLeft).toBe(1);

      const newYear = await due('2025-01-01', 0);
      expect(titles(newYear.body.overdue)).toEqual(['Nyårsaftonsmotion']);
      expect(newYear.body.overdue[0]).toMatchObject({ overdue: true, daysOverdue: 1 });
      expect(titles(newYear.body.soonDue)).toEqual(['Nyårsdagsmotion']);
    });

    it('around a leap day: due 28 Feb 2025, overdue from 1 Mar 2025', async () => {
      const feb28 = await due('2025-02-28', 0);
      expect(titles(feb28.body.soonDue)).toEqual(['Skottdagsmotion']);
      expect(titles(feb28.body.overdue)).toEqual(['Nyårsaftonsmotion', 'Nyårsdagsmotion']);
      const mar1 = await due('2025-03-01', 0);
      expect(titles(mar1.body.overdue)).toEqual([
        'Nyårsaftonsmotion',
        'Nyårsdagsmotion',
        'Skottdagsmotion',
      ]);
      expect(mar1.body.overdue[2].daysOverdue).toBe(1);
    });

    it('leaves out decided motions and motions raised after the day judged on', async () => {
      const res = await due('2030-01-01', 60);
      expect(titles(res.body.overdue)).not.toContain('Beslutad motion');
      const early = await due('2023-12-31', 366);
      expect(titles(early.body.soonDue)).toEqual(['Nyårsaftonsmotion']);
    });

    it('uses the same rule as PostgreSQL, which the database enforces', async () => {
      const [row] = await t.dataSource.query(
        `SELECT ('2024-02-29'::date + interval '1 year')::date::text AS leap,
                ('2023-12-31'::date + interval '1 year')::date::text AS eve`,
      );
      expect(row).toEqual({ leap: oneYearAfter('2024-02-29'), eve: oneYearAfter('2023-12-31') });
      await expect(
        t.dataSource.query(`UPDATE motion SET decision_due = '2025-03-01' WHERE id = $1`, [
          ids.leap,
        ]),
      ).rejects.toThrow(/motion_decision_due_one_year/);
    });

    it('filters the list by overdue on a given day', async () => {
      const overdue = await t.http
        .get('/api/motions')
        .query({ organisationId: w.organisationId, overdue: true, on: '2025-01-01' })
        .expect(200);
      expect(titles(overdue.body.items)).toEqual(['Nyårsaftonsmotion']);
      const notOverdue = await t.http
        .get('/api/motions')
        .query({ organisationId: w.organisationId, overdue: 'false', on: '2025-01-01' })
        .expect(200);
      expect(titles(notOverdue.body.items).sort()).toEqual([
        'Beslutad motion',
        'Nyårsdagsmotion',
        'Skottdagsmotion',
      ]);
      await t.http
        .get('/api/motions')
        .query({ overdue: 'maybe' })
        .set(auth(w.registrarToken))
        .expect(400);
    });
  });
});
