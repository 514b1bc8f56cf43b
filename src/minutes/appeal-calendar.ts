import { addDays } from '../common/dates';

/**
 * Swedish calendar rules for notice-board and appeal deadlines. Pure functions on
 * 'YYYY-MM-DD' strings (UTC arithmetic, so no time zone can shift a day).
 */

const pad = (n: number): string => String(n).padStart(2, '0');
const ymd = (y: number, m: number, d: number): string => `${y}-${pad(m)}-${pad(d)}`;

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** Easter Sunday (Gregorian computus, Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return ymd(year, month, day);
}

/** The first day from `from` (inclusive) up to `from + 6` that falls on `day` (0 = Sunday). */
function firstWeekdayFrom(from: string, day: number): string {
  return addDays(from, (day - weekday(from) + 7) % 7);
}

/** Midsommardagen: the Saturday between 20 and 26 June. */
export function midsummerDay(year: number): string {
  return firstWeekdayFrom(ymd(year, 6, 20), 6);
}

/** Alla helgons dag: the Saturday between 31 October and 6 November. */
export function allSaintsDay(year: number): string {
  return firstWeekdayFrom(ymd(year, 10, 31), 6);
}

/**
 * Allmänna helgdagar by Lag (1989:253), by name. Since 2005 nationaldagen (6 June) is a
 * holiday and annandag pingst is not; before 2005 it was the other way round.
 */
export function publicHolidays(year: number): Map<string, string> {
  const easter = easterSunday(year);
  const days: [string, string][] = [
    [ymd(year, 1, 1), 'nyårsdagen'],
    [ymd(year, 1, 6), 'trettondedag jul'],
    [addDays(easter, -2), 'långfredagen'],
    [easter, 'påskdagen'],
    [addDays(easter, 1), 'annandag påsk'],
    [ymd(year, 5, 1), 'första maj'],
    [addDays(easter, 39), 'Kristi himmelsfärdsdag'],
    [addDays(easter, 49), 'pingstdagen'],
    [midsummerDay(year), 'midsommardagen'],
    [allSaintsDay(year), 'alla helgons dag'],
    [ymd(year, 12, 25), 'juldagen'],
    [ymd(year, 12, 26), 'annandag jul'],
  ];
  if (year >= 2005) days.push([ymd(year, 6, 6), 'nationaldagen']);
  else days.push([addDays(easter, 50), 'annandag pingst']);
  return new Map(days);
}

/**
 * Days that Lag (1930:173) treats like holidays when a deadline ends on them: Saturdays,
 * Sundays, public holidays, midsommarafton, julafton and nyårsafton. Returns the reason, or
 * null on an ordinary weekday.
 */
export function nonWorkingDayReason(date: string): string | null {
  const day = weekday(date);
  if (day === 6) return 'lördag';
  if (day === 0) return 'söndag';
  const year = Number(date.slice(0, 4));
  const holiday = publicHolidays(year).get(date);
  if (holiday) return holiday;
  if (date === addDays(midsummerDay(year), -1)) return 'midsommarafton';
  if (date.endsWith('-12-24')) return 'julafton';
  if (date.endsWith('-12-31')) return 'nyårsafton';
  return null;
}

/** A deadline falling on a non-working day moves to the next weekday that is not one. */
export function nextWorkingDay(date: string): string {
  let day = date;
  while (nonWorkingDayReason(day) !== null) day = addDays(day, 1);
  return day;
}

/** Weeks of the appeal period (Kommunallagen 13 kap. 5 §). */
export const APPEAL_PERIOD_WEEKS = 3;

/**
 * Last day to appeal a decision announced on `postedOn`: three weeks end on the same weekday,
 * moved forward past non-working days (Lag 1930:173).
 * 2025-05-30 → 2025-06-23; 2025-12-05 → 2025-12-29.
 */
export function appealLastDay(postedOn: string, weeks: number = APPEAL_PERIOD_WEEKS): string {
  return nextWorkingDay(addDays(postedOn, weeks * 7));
}

/** The notice comes down the day after the last appeal day. */
export function noticeRemovedOn(appealLast: string): string {
  return addDays(appealLast, 1);
}

/** Minutes are to be adjusted within 14 days of the meeting (5 kap. 69 §). */
export function adjustmentDeadline(meetingDate: string): string {
  return addDays(meetingDate, 14);
}

/** Days after the adjustment within which the notice must be posted (8 kap. 12 §). */
export const POSTING_PERIOD_DAYS = 2;

/**
 * The announcement is due no later than the second day after adjustment (8 kap. 12 §). It is a
 * statutory deadline, so Lag (1930:173) moves it off a Saturday, Sunday, public holiday,
 * midsommarafton, julafton or nyårsafton to the next weekday, like the appeal deadline.
 * 2025-02-27 (Thu) → 2025-03-03 (Mon); 2024-06-19 → 2024-06-24 (Monday after midsommar).
 */
export function announcementDeadline(adjustedOn: string): string {
  return nextWorkingDay(addDays(adjustedOn, POSTING_PERIOD_DAYS));
}
