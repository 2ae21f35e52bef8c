/** UTC instant as ISO-8601 with milliseconds: sorts correctly as text on both dialects. */
export function nowIso(now: Date = new Date()): string {
  return now.toISOString();
}

export function addMinutes(iso: string, minutes: number): string {
  return new Date(Date.parse(iso) + minutes * 60_000).toISOString();
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** One formatter per time zone: building an Intl.DateTimeFormat costs far more than using one. */
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The calendar date parts of an instant in a time zone. */
export function datePartsInZone(instant: Date, timeZone: string): { yyyy: string; MM: string; dd: string } {
  const parts = formatterFor(timeZone).formatToParts(instant);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return { yyyy: get('year'), MM: get('month'), dd: get('day') };
}

/** "Today" as a business date (YYYY-MM-DD) in the company's time zone. */
export function todayInZone(timeZone: string, now: Date = new Date()): string {
  // Every zone's offset is a whole number of minutes, so the date cannot change within a UTC
  // minute: the answer is kept per zone for the minute it was computed in.
  const minute = Math.floor(now.getTime() / 60_000);
  const cached = todays.get(timeZone);
  if (cached && cached.minute === minute) return cached.date;
  const p = datePartsInZone(now, timeZone);
  const date = `${p.yyyy}-${p.MM}-${p.dd}`;
  todays.set(timeZone, { minute, date });
  return date;
}
const todays = new Map<string, { minute: number; date: string }>();

/** Adds calendar days to a business date (YYYY-MM-DD). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Whether a string is a real calendar date in YYYY-MM-DD form. */
export function isBusinessDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export function maxDate(a: string, b: string): string {
  return a >= b ? a : b;
}
