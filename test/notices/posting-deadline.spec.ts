import { addDays } from '../../src/common/dates';
import {
  announcementDeadline,
  midsummerDay,
  nonWorkingDayReason,
  weekday,
} from '../../src/minutes/appeal-calendar';
import { noticeFacts } from '../../src/notices/notice-dates';

/** Every calendar day from `from` to `to`, inclusive. */
function* days(from: string, to: string): Generator<string> {
  for (let d = from; d <= to; d = addDays(d, 1)) yield d;
}

describe('posting deadline (KL 8 kap. 12 §) moved by Lag (1930:173)', () => {
  it('for every adjustment day 2000–2040: a working day, at least 2 days after, no working day skipped', () => {
    let checked = 0;
    let moved = 0;
    const bad: string[] = [];
    for (const adjusted of days('2000-01-01', '2040-12-31')) {
      const second = addDays(adjusted, 2);
      const deadline = announcementDeadline(adjusted);
      if (nonWorkingDayReason(deadline) !== null)
        bad.push(`${adjusted}: ${deadline} not a working day`);
      if (deadline < second) bad.push(`${adjusted}: ${deadline} before the second day`);
      for (const d of days(second, addDays(deadline, -1))) {
        if (nonWorkingDayReason(d) === null) bad.push(`${adjusted}: working day ${d} skipped`);
      }
      if (deadline !== second) moved += 1;
      checked += 1;
    }
    expect(bad).toEqual([]);
    expect(checked).toBe(14976); // 41 years, 11 of them leap years (2000 … 2040)
    // Weekends alone move 2 of every 7 days; the holidays and eves move more.
    expect(moved).toBeGreaterThan(Math.floor((checked * 2) / 7));
  });

  it('a deadline on midsommarafton or midsommardagen moves to the Monday after midsommar, every year', () => {
    for (let year = 2000; year <= 2040; year++) {
      const midsommardagen = midsummerDay(year);
      const monday = addDays(midsommardagen, 2);
      expect({ year, weekday: weekday(monday) }).toEqual({ year, weekday: 1 });
      // adjusted on the Wednesday: the second day is midsommarafton
      expect(announcementDeadline(addDays(midsommardagen, -3))).toBe(monday);
      // adjusted on the Thursday: the second day is midsommardagen
      expect(announcementDeadline(addDays(midsommardagen, -2))).toBe(monday);
    }
  });

  it('never ends on julafton, juldagen, annandag jul, nyårsafton or nyårsdagen', () => {
    for (let year = 2000; year <= 2040; year++) {
      for (const adjusted of days(`${year}-12-20`, `${year}-12-31`)) {
        const deadline = announcementDeadline(adjusted);
        expect(['12-24', '12-25', '12-26', '12-31', '01-01']).not.toContain(deadline.slice(5));
      }
    }
  });

  it.each([
    ['2025-02-25', '2025-02-27', 'an ordinary Thursday'],
    ['2025-02-27', '2025-03-03', 'Saturday → Monday'],
    ['2024-06-19', '2024-06-24', 'midsommarafton 2024-06-21 → Monday after midsommar'],
    ['2024-06-20', '2024-06-24', 'midsommardagen 2024-06-22'],
    ['2023-12-22', '2023-12-27', 'julafton (Sunday), juldagen, annandag jul'],
    ['2024-12-22', '2024-12-27', 'julafton on a Tuesday'],
    ['2025-12-29', '2026-01-02', 'nyårsafton, nyårsdagen'],
    ['2011-04-20', '2011-04-26', 'långfredagen … annandag påsk'],
    ['2026-01-04', '2026-01-07', 'trettondedag jul'],
    ['2025-05-27', '2025-05-30', 'Kristi himmelsfärdsdag'],
    ['2007-12-10', '2007-12-12', 'corpus 10: adjusted Monday, posted Wednesday'],
  ])('adjusted %s → post by %s (%s)', (adjusted, deadline) => {
    expect(announcementDeadline(adjusted)).toBe(deadline);
  });

  it('a posting on the Monday after midsommar is not late; the Tuesday is', () => {
    const onTime = noticeFacts({
      meetingDate: '2024-06-18',
      adjustedOn: '2024-06-19',
      postedOn: '2024-06-24',
      printed: null,
    });
    expect(onTime.latePosting).toBe(false);
    expect(onTime.warnings).toEqual([]);
    const late = noticeFacts({
      meetingDate: '2024-06-18',
      adjustedOn: '2024-06-19',
      postedOn: '2024-06-25',
      printed: null,
    });
    expect(late.latePosting).toBe(true);
    expect(late.warnings.map((w) => w.code)).toEqual(['late_posting']);
    expect(late.warnings[0].message).toContain('senast andra dagen efter justeringen 2024-06-19');
    expect(late.warnings[0].message).toContain('2024-06-24');
  });
});
