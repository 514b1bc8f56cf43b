import {
  comparePartialDates,
  formatPartialDateSv,
  isPartialDate,
  partialDatePrecision,
  partialDateRange,
  splitPartialDate,
} from './partial-date';

describe('partial dates', () => {
  it('accepts a year, a year and month, or a real calendar day', () => {
    expect(partialDatePrecision('2014')).toBe('year');
    expect(partialDatePrecision('2014-03')).toBe('month');
    expect(partialDatePrecision('2014-03-18')).toBe('day');
    for (const bad of [
      '14',
      '2014-3',
      '2014-13',
      '2014-02-30',
      '0000',
      '2014-03-18T00:00',
      '',
      null,
      2014,
    ]) {
      expect(isPartialDate(bad)).toBe(false);
    }
  });

  it('prints Swedish text and "datum okänt" when nothing is known', () => {
    expect(formatPartialDateSv('2014')).toBe('2014');
    expect(formatPartialDateSv('2014-03')).toBe('mars 2014');
    expect(formatPartialDateSv('2014-03-18')).toBe('18 mars 2014');
    expect(formatPartialDateSv(null)).toBe('datum okänt');
  });

  it('gives ranges, never one guessed day, and compares only when certain', () => {
    expect(partialDateRange('2016-02')).toEqual({ from: '2016-02-01', to: '2016-02-29' });
    expect(partialDateRange('2014')).toEqual({ from: '2014-01-01', to: '2014-12-31' });
    expect(partialDateRange(null)).toBeNull();
    expect(comparePartialDates('2014-02', '2014-03-01')).toBe('before');
    expect(comparePartialDates('2014-03', '2014-03-18')).toBe('unknown');
    expect(comparePartialDates('2014-03-18', '2014-03-18')).toBe('same');
    expect(comparePartialDates(null, '2014')).toBe('unknown');
    expect(splitPartialDate('2014-03')).toEqual({ full: null, partial: '2014-03' });
    expect(splitPartialDate('2014-03-18')).toEqual({ full: '2014-03-18', partial: null });
  });
});
