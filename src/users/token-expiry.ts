/** The CLI's --expires: "<n>d" days from now, or an ISO date/time. */
export function parseExpires(value: string | undefined, now = new Date()): Date | undefined {
  if (value === undefined) return undefined;
  const days = /^(\d{1,5})d$/.exec(value);
  const date = days
    ? new Date(now.getTime() + Number(days[1]) * 24 * 60 * 60 * 1000)
    : /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/.test(value)
      ? new Date(value)
      : new Date(NaN);
  if (Number.isNaN(date.getTime()) || date <= now) {
    throw new Error(`--expires must be a number of days (30d) or a future date, not ${value}`);
  }
  return date;
}
