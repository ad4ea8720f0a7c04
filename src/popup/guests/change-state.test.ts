import { describe, expect, it } from 'vitest';
import type { GuestChangeRecord } from '../../common/guest-card.ts';
import type { OperationStep } from '../../common/operation.ts';
import { changeState } from './change-state.ts';

const NOW = Date.parse('2026-12-08T09:00:00Z');
const change = (o: Partial<GuestChangeRecord>, step: Partial<OperationStep> = {}): GuestChangeRecord => ({
  id: 'c',
  tenantId: 't',
  principalId: 'p',
  username: 'megan@contoso.example',
  createdAt: 0,
  status: 'running',
  requestName: 'r',
  guest: { id: 'g', mail: 'ines@relecloud.example', displayName: 'Ines Moreau' },
  change: { kind: 'leaveGroup', group: { id: 'x', displayName: 'Relecloud contractors' } },
  steps: [{ kind: 'change', state: 'pending', ...step }],
  ...o,
});

describe('where a change stands', () => {
  it('says what a done change did, and why a failed one failed', () => {
    expect(changeState(change({ status: 'done', outcome: 'removed' }, { state: 'done' }), NOW)).toEqual({
      state: 'done',
      words: 'removed',
    });
    expect(changeState(change({ status: 'done' }, { state: 'failed', error: 'Access denied' }), NOW)).toEqual({
      state: 'failed',
      words: 'Access denied',
    });
  });

  it('says it waits for a sign-in, and for Microsoft after a 429 or a 503 until when', () => {
    const signIn = change({ status: 'waiting', waitingFor: 'Your sign-in needs renewing: sign in again and it carries on.' });
    expect(changeState(signIn, NOW)).toEqual({ state: 'waiting', words: signIn.waitingFor });
    const held = changeState(change({}, { notBefore: NOW + 30_000 }), NOW);
    expect(held.state).toBe('waiting');
    expect(held.words).toMatch(/^waiting: Microsoft asked to wait or did not answer; tried again at /);
    expect(changeState(change({}, { notBefore: NOW - 1 }), NOW).state).toBe('pending');
  });
});
