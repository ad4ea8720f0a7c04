import { uiLanguage } from '../common/i18n.ts';

/** Dates, times, numbers and durations in the browser's language, through Intl. */
export const formatNumber = (n: number, options?: Intl.NumberFormatOptions) =>
  new Intl.NumberFormat(uiLanguage(), options).format(n);

export const formatDate = (at: string | number | Date) =>
  new Intl.DateTimeFormat(uiLanguage(), { dateStyle: 'medium' }).format(new Date(at));

/**
 * The one way an instant is shown: the day as `formatDate` shows it, then the time (issue 25: a card showed
 * "07/12/2026", "2026-12-07" and "7 Dec 2026" side by side). Days and instants share the medium date style.
 */
export const formatDateTime = (at: string | number | Date) =>
  new Intl.DateTimeFormat(uiLanguage(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(at));

export const formatTime = (at: string | number | Date) =>
  new Intl.DateTimeFormat(uiLanguage(), { timeStyle: 'short' }).format(new Date(at));

/** "12 minutes ago", "2 hours ago" in the browser's language: whole minutes under an hour, else whole hours. */
export function formatAgo(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  const words = new Intl.RelativeTimeFormat(uiLanguage(), { numeric: 'auto' });
  return minutes < 60 ? words.format(-minutes, 'minute') : words.format(-Math.floor(minutes / 60), 'hour');
}

const UNITS = [
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
  ['second', 1],
] as const;

/** "2 hours", "1 day, 4 hours" in the browser's language: the `most` (two) largest units that are not zero. */
export function formatDuration(seconds: number, most = 2): string {
  const parts: string[] = [];
  let rest = Math.max(0, Math.round(seconds));
  for (const [unit, size] of UNITS) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0 && parts.length < most) {
      parts.push(new Intl.NumberFormat(uiLanguage(), { style: 'unit', unit, unitDisplay: 'long' }).format(n));
    }
  }
  if (parts.length === 0)
    return new Intl.NumberFormat(uiLanguage(), { style: 'unit', unit: 'second', unitDisplay: 'long' }).format(0);
  return new Intl.ListFormat(uiLanguage(), { style: 'narrow', type: 'unit' }).format(parts);
}
