import { describe, expect, it } from 'vitest';
import { describeSchedule, isoDay, requestStatusWords, scheduleEnd, scheduleProblem } from './azure.ts';
import { formatDate } from './format.ts';

const NOW = Date.parse('2026-11-28T10:00:00Z');
const day = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

describe('scheduleProblem', () => {
  it('takes a bounded schedule from now or a later start', () => {
    expect(scheduleProblem({ kind: 'eligible', start: null, end: { afterDays: 7 } }, NOW)).toBeNull();
    expect(scheduleProblem({ kind: 'active', start: iso(NOW + 2 * day), end: { at: iso(NOW + 9 * day) } }, NOW)).toBeNull();
    expect(scheduleProblem({ kind: 'active', start: null, end: null }, NOW)).toBeNull();
  });

  it.each([
    [
      'an end before the start',
      { start: iso(NOW + 3 * day), end: { at: iso(NOW + day) } },
      'The end date must come after the start.',
    ],
    ['a start in the past', { start: iso(NOW - 3 * day), end: null }, 'The start date is in the past.'],
    ['zero days', { start: null, end: { afterDays: 0 } }, 'Choose between 1 and 365 days.'],
    ['more than a year', { start: null, end: { afterDays: 400 } }, 'Choose between 1 and 365 days.'],
    [
      'an end date more than a year on',
      { start: null, end: { at: iso(NOW + 400 * day) } },
      'The end date is more than a year after the start.',
    ],
    ['a missing end date', { start: null, end: { at: '' } }, 'Choose an end date.'],
  ])('refuses %s', (_why, schedule, message) => {
    expect(scheduleProblem({ kind: 'eligible', ...schedule }, NOW)).toBe(message);
  });
});

describe('describeSchedule', () => {
  it('says the kind, the start and the end in a few words, the days through Intl', () => {
    expect(describeSchedule({ kind: 'active', startDateTime: '2026-11-28T10:00:00.000Z', endDateTime: null })).toBe(
      `active from ${formatDate('2026-11-28T10:00:00.000Z')}, with no end`,
    );
    expect(formatDate('2026-11-28T10:00:00.000Z')).toMatch(/Nov/);
    expect(
      describeSchedule(
        { kind: 'eligible', startDateTime: '2026-11-28T10:00:00.000Z', endDateTime: '2026-12-05T10:00:00.000Z' },
        isoDay,
      ),
    ).toBe('eligible (PIM) from 2026-11-28 until 2026-12-05');
    expect(describeSchedule({ kind: 'eligible', startDateTime: null, endDateTime: null })).toBe(
      'eligible (PIM) from now, with no end',
    );
  });

  it('ends a schedule of days that many days after its start', () => {
    expect(scheduleEnd({ kind: 'eligible', start: null, end: { afterDays: 7 } }, new Date(NOW))).toBe(iso(NOW + 7 * day));
  });
});

describe("ARM's request statuses in words", () => {
  it('says Removed for Revoked and Pending approval for PendingApproval, keeping a status it does not know', () => {
    expect(requestStatusWords('Revoked')).toBe('Removed');
    expect(requestStatusWords('PendingApproval')).toBe('Pending approval');
    expect(requestStatusWords('Provisioned')).toBe('Active');
    expect(requestStatusWords('TimedOut')).toBe('TimedOut');
  });
});
