import type { GuestChangeRecord } from '../../common/guest-card.ts';
import { t } from '../../common/i18n.ts';
import { formatTime } from '../../logic/format.ts';

export type ChangeState = 'done' | 'failed' | 'waiting' | 'pending';

/**
 * Where a change stands, in words: done (what it did), failed (why), waiting for a sign-in or for the service (a
 * 429 or a 503 waited out: until when), or under way.
 */
export function changeState(c: GuestChangeRecord, now: number): { state: ChangeState; words: string } {
  const failed = c.steps.find((s) => s.state === 'failed');
  if (failed) return { state: 'failed', words: failed.error ?? t('cardChangeNotDone') };
  if (c.status === 'done') return { state: 'done', words: c.outcome ?? t('cardChangeDone') };
  if (c.status === 'waiting') return { state: 'waiting', words: c.waitingFor ?? t('cardChangeUnderWay') };
  const step = c.steps.find((s) => s.state === 'pending');
  if (step?.notBefore && step.notBefore > now)
    return { state: 'waiting', words: t('changeWaitingService', formatTime(step.notBefore)) };
  return { state: 'pending', words: t('cardChangeUnderWay') };
}
