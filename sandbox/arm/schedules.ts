import type { ApiResponse } from '../api.ts';

export interface ScheduleInfo {
  startDateTime?: string;
  expiration?: { type?: string; duration?: string; endDateTime?: string };
}

/** ISO 8601 durations PIM takes: days, hours, minutes and seconds (P7D, PT8H, PT30M, PT1H30M, P1DT12H). */
export function durationMs(duration: string): number | null {
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(duration);
  if (!m || (!m[1] && !m[2] && !m[3] && !m[4])) return null;
  const [d, h, min, sec] = [m[1], m[2], m[3], m[4]].map((n) => Number(n ?? 0)) as [number, number, number, number];
  return (((d * 24 + h) * 60 + min) * 60 + sec) * 1000;
}

/** Start and end of a schedule request, or the error ARM gives for a schedule it cannot take. */
export function readSchedule(info: ScheduleInfo | undefined): { start: string; end: string | null } | ApiResponse {
  const start = info?.startDateTime ?? new Date().toISOString();
  if (Number.isNaN(Date.parse(start))) return invalid('The start time is not a valid date.');
  const exp = info?.expiration ?? { type: 'NoExpiration' };
  if (exp.type === 'NoExpiration') return { start, end: null };
  if (exp.type === 'AfterDateTime') {
    const end = exp.endDateTime ?? '';
    if (Number.isNaN(Date.parse(end)) || Date.parse(end) <= Date.parse(start)) {
      return invalid('The expiration time must come after the start time.');
    }
    return { start, end: new Date(end).toISOString() };
  }
  const ms = exp.type === 'AfterDuration' ? durationMs(exp.duration ?? '') : null;
  if (ms === null) return invalid(`The expiration duration '${exp.duration ?? ''}' is not valid.`);
  return { start, end: new Date(Date.parse(start) + ms).toISOString() };
}

const invalid = (message: string): ApiResponse => ({
  status: 400,
  body: { error: { code: 'InvalidScheduleRequest', message } },
});

/** Whether a role assignment holds now: plain ones always, time-bound ones between their start and end. */
export function holdsNow(a: { startDateTime?: string; endDateTime?: string }, now = Date.now()): boolean {
  return (!a.startDateTime || Date.parse(a.startDateTime) <= now) && (!a.endDateTime || Date.parse(a.endDateTime) > now);
}
