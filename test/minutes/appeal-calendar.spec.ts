import {
  adjustmentDeadline,
  allSaintsDay,
  announcementDeadline,
  appealLastDay,
  easterSunday,
  midsummerDay,
  nonWorkingDayReason,
  noticeRemovedOn,
  publicHolidays,
} from '../../src/minutes/appeal-calendar';

// Published Easter Sundays (Gregorian), 2000–2040.
const EASTER: Record<number, string> = {
  2000: '04-23',
  2001: '04-15',
  2002: '03-31',
  2003: '04-20',
  2004: '04-11',
  2005: '03-27',
  2006: '04-16',
  2007: '04-08',
  2008: '03-23',
  2009: '04-12',
  2010: '04-04',
  2011: '04-24',
  2012: '04-08',
  2013: '03-31',
  2014: '04-20',
  2015: '04-05',
  2016: '03-27',
  2017: '04-16',
  2018: '04-01',
  2019: '04-21',
  2020: '04-12',
  2021: '04-04',
  2022: '04-17',
  2023: '04-09',
  2024: '03-31',
  2025: '04-20',
  2026: '04-05',
  2027: '03-28',
  2028: '04-16',
  2029: '04-01',
  2030: '04-21',
  2031: '04-13',
  2032: '03-28',
  2033: '04-17',
  2034: '04-09',
  2035: '03-25',
  2036: '04-13',
  2037: '04-05',
  2038: '04-25',
  2039: '04-10',
  2040: '04-01',
};

// Midsommardagen and alla helgons dag as printed in Swedish almanacs.
const MIDSUMMER: Record<number, string> = {
  2015: '06-20',
  2016: '06-25',
  2017: '06-24',
  2018: '06-23',
  2019: '06-22',
  2020: '06-20',
  2021: '06-26',
  2022: '06-25',
  2023: '06-24',
  2024: '06-22',
  2025: '06-21',
  2026: '06-20',
  2027: '06-26',
  2028: '06-24',
  2029: '06-23',
  2030: '06-22',
};
const ALL_SAINTS: Record<number, string> = {
  2015: '10-31',
  2016: '11-05',
  2017: '11-04',
  2018: '11-03',
  2019: '11-02',
  2020: '10-31',
  2021: '11-06',
  2022: '11-05',
  2023: '11-04',
  2024: '11-02',
  2025: '11-01',
  2026: '10-31',
  2027: '11-06',
  2028: '11-04',
  2029: '11-03',
  2030: '11-02',
};

describe('Swedish calendar for appeal deadlines', () => {
  it.each(Object.entries(EASTER))('Easter Sunday %s', (year, date) => {
    expect(easterSunday(Number(year))).toBe(`${year}-${date}`);
  });

  it.each(Object.entries(MIDSUMMER))('midsommardagen %s', (year, date) => {
    expect(midsummerDay(Number(year))).toBe(`${year}-${date}`);
  });

  it.each(Object.entries(ALL_SAINTS))('alla helgons dag %s', (year, date) => {
    expect(allSaintsDay(Number(year))).toBe(`${year}-${date}`);
  });

  it('knows the moving holidays of 2025 and 2026 by name', () => {
    const h2025 = publicHolidays(2025);
    expect(h2025.get('2025-04-18')).toBe('långfredagen');
    expect(h2025.get('2025-04-21')).toBe('annandag påsk');
    expect(h2025.get('2025-05-29')).toBe('Kristi himmelsfärdsdag');
    expect(h2025.get('2025-06-08')).toBe('pingstdagen');
    expect(h2025.get('2025-06-06')).toBe('nationaldagen');
    expect(publicHolidays(2026).get('2026-05-14')).toBe('Kristi himmelsfärdsdag');
    expect(publicHolidays(2026).get('2026-04-03')).toBe('långfredagen');
    // 13 named holidays a year (incl. påskdagen and pingstdagen), unless two coincide:
    // in 2008 Kristi himmelsfärdsdag fell on 1 May.
    for (let year = 2000; year <= 2040; year++) {
      expect(publicHolidays(year).size).toBe(year === 2008 ? 12 : 13);
    }
  });

  it('annandag pingst was a holiday before 2005, nationaldagen from 2005', () => {
    expect(publicHolidays(2004).get('2004-05-31')).toBe('annandag pingst');
    expect(publicHolidays(2004).has('2004-06-06')).toBe(false);
    expect(publicHolidays(2005).get('2005-06-06')).toBe('nationaldagen');
    expect(publicHolidays(2005).has('2005-05-16')).toBe(false);
  });

  it('treats the eves and weekends as non-working days, ordinary days not', () => {
    expect(nonWorkingDayReason('2025-06-20')).toBe('midsommarafton');
    expect(nonWorkingDayReason('2026-06-19')).toBe('midsommarafton');
    expect(nonWorkingDayReason('2025-12-24')).toBe('julafton');
    expect(nonWorkingDayReason('2025-12-31')).toBe('nyårsafton');
    expect(nonWorkingDayReason('2025-01-06')).toBe('trettondedag jul');
    expect(nonWorkingDayReason('2025-05-01')).toBe('första maj');
    expect(nonWorkingDayReason('2025-06-21')).toBe('lördag');
    expect(nonWorkingDayReason('2025-06-22')).toBe('söndag');
    expect(nonWorkingDayReason('2025-06-23')).toBeNull();
    expect(nonWorkingDayReason('2025-10-31')).toBeNull(); // not an eve in law
    expect(nonWorkingDayReason('2026-06-26')).toBeNull();
  });

  it.each([
    // the examples of DOMAIN.md
    ['2025-05-30', '2025-06-23'], // ends on midsommarafton → Monday
    ['2025-12-05', '2025-12-29'], // ends on annandag jul (Friday) → Monday
    ['2024-12-03', '2024-12-27'], // julafton, juldagen, annandag jul
    ['2024-12-10', '2025-01-02'], // nyårsafton, nyårsdagen
    ['2025-03-28', '2025-04-22'], // långfredagen … annandag påsk
    ['2025-05-08', '2025-05-30'], // Kristi himmelsfärdsdag
    ['2026-05-16', '2026-06-08'], // nationaldagen on a Saturday
    ['2025-12-16', '2026-01-07'], // trettondedag jul (Tuesday)
    ['2025-10-10', '2025-10-31'], // an ordinary Friday
    ['2026-06-05', '2026-06-26'], // midsommarafton 2026 is the 19th, the 26th is ordinary
    ['2025-10-17', '2025-11-07'], // ordinary Friday after alla helgons dag
  ])('posted %s → last appeal day %s', (posted, last) => {
    expect(appealLastDay(posted)).toBe(last);
  });

  it('the notice comes down the day after the last appeal day; other deadlines', () => {
    expect(noticeRemovedOn('2025-06-23')).toBe('2025-06-24');
    expect(noticeRemovedOn('2025-12-31')).toBe('2026-01-01');
    expect(adjustmentDeadline('2024-11-12')).toBe('2024-11-26');
    // 2025-03-01 is a Saturday: Lag (1930:173) moves the posting deadline to Monday.
    expect(announcementDeadline('2025-02-27')).toBe('2025-03-03');
  });
});
