import { t } from '../common/i18n.ts';
import { dateText, type Infer, integer, isRecord, literal, nullable, object } from '../common/schema.ts';
import { formatDate, formatNumber } from './format.ts';
import { own } from './own.ts';

/** Azure roles as the popup offers them. */
export interface AzureRoleOption {
  /** Role definition GUID. */
  id: string;
  name: string;
  description: string;
  /** What it lets the guest do, in plain words. */
  words: string;
  /** Why it needs confirmation (too broad), or null. */
  risk: string | null;
}

export interface AzureAssignment {
  scope: string;
  roleId: string;
  kind: 'active' | 'eligible';
  /** ISO start and end; the end is null when the role has none. */
  startDateTime: string | null;
  endDateTime: string | null;
  /** How long the assignment waited for the new guest to reach Azure (PrincipalNotFound). */
  waitedMs: number;
}

export interface AzureRoles {
  suggested: AzureRoleOption[];
  all: AzureRoleOption[];
  /** Whether the signed-in user holds Microsoft.Authorization/roleAssignments/write at this scope. */
  mayAssign: boolean;
}

/** The longest bounded schedule offered; PIM's default policy also ends eligibility after a year. */
export const MAX_SCHEDULE_DAYS = 365;

/** A schedule's length in days: the one rule for the popup, the messages and the stored bulk job. */
export const scheduleDays = integer(1, MAX_SCHEDULE_DAYS);

/** The end: a number of days (when the object names one), else a date. */
const scheduleEndShape = (v: unknown): v is { afterDays: number } | { at: string } =>
  isRecord(v) && ('afterDays' in v ? scheduleDays(v.afterDays) : dateText(v.at));

/**
 * When a role holds: eligible through PIM (the guest activates it when needed) or active; from now or a later
 * start (ISO; null: now); for a number of days, until a date, or, only when chosen explicitly, with no end (null).
 * The one schedule rule (issue 24): what is true of a schedule at any time. `scheduleProblem` adds what depends on
 * the day it is checked.
 */
export const azureSchedule = object({
  kind: literal('eligible', 'active'),
  start: nullable(dateText),
  end: nullable(scheduleEndShape),
});
export type AzureSchedule = Infer<typeof azureSchedule>;

/** What is wrong with a schedule, in words, or null. `now` is passed in so the check is testable. */
export function scheduleProblem(s: AzureSchedule, now: number): string | null {
  const start = s.start === null ? now : Date.parse(s.start);
  if (Number.isNaN(start)) return t('scheduleChooseStart');
  // A start a little in the past is "now" said late; a day back is a mistake.
  if (start < now - 86_400_000) return t('scheduleStartPast');
  if (start > now + MAX_SCHEDULE_DAYS * 86_400_000) return t('scheduleStartFar');
  if (s.end === null) return null;
  if ('afterDays' in s.end) {
    return scheduleDays(s.end.afterDays) ? null : t('scheduleDaysRange', formatNumber(1), formatNumber(MAX_SCHEDULE_DAYS));
  }
  const end = Date.parse(s.end.at);
  if (Number.isNaN(end)) return t('scheduleChooseEnd');
  if (end <= start) return t('scheduleEndBeforeStart');
  if (end > start + MAX_SCHEDULE_DAYS * 86_400_000) return t('scheduleEndFar');
  return null;
}

/** The day of an ISO instant, as ISO (2026-11-28). */
export const isoDay = (iso: string) => iso.slice(0, 10);

/** When the schedule ends (ISO), or null when it has no end. */
export function scheduleEnd(s: AzureSchedule, start: Date): string | null {
  if (s.end === null) return null;
  if ('at' in s.end) return new Date(s.end.at).toISOString();
  return new Date(start.getTime() + s.end.afterDays * 86_400_000).toISOString();
}

/**
 * "eligible (PIM) from 28 Nov 2026 until 5 Dec 2026", "active from 28 Nov 2026, with no end": the days in the
 * language of the words (Intl), on the card and in Activity alike, the way every date is shown.
 */
export function describeSchedule(
  a: { kind: 'eligible' | 'active'; startDateTime: string | null; endDateTime: string | null },
  day: (iso: string) => string = formatDate,
) {
  const kind = a.kind === 'eligible' ? t('scheduleKindEligible') : t('scheduleKindActive');
  const { startDateTime: start, endDateTime: end } = a;
  if (start) return end ? t('scheduleFromUntil', kind, day(start), day(end)) : t('scheduleFromNoEnd', kind, day(start));
  return end ? t('scheduleNowUntil', kind, day(end)) : t('scheduleNowNoEnd', kind);
}

/** ARM's request statuses in the words Microsoft's portal uses for the role's state; getters, read when shown. */
const REQUEST_STATUS_WORDS: Record<string, () => string> = {
  revoked: () => t('statusRemoved'),
  provisioned: () => t('statusActive'),
  granted: () => t('statusActive'),
  adminapproved: () => t('statusActive'),
  accepted: () => t('statusActive'),
  pendingapproval: () => t('statusPendingApproval'),
  pendingadmindecision: () => t('statusPendingApproval'),
  denied: () => t('statusDenied'),
  canceled: () => t('statusCanceled'),
};

/** "Removed" for ARM's `Revoked`, "Pending approval" for `PendingApproval`; a status not listed as ARM spells it. */
export function requestStatusWords(status: string): string {
  return own(REQUEST_STATUS_WORDS, status.toLowerCase())?.() ?? status;
}
