import type { GuestChangeRecord } from '../../../../common/guest-card.ts';
import { defineStep, noEntry, type StepCall } from '../../../engine/steps.ts';
import { applyChange } from '../apply.ts';

/** A change made from a guest's card (issue 11): marked sent before it leaves, looked for before it is sent again. */
export interface ChangeInput {
  change: GuestChangeRecord;
}

export interface ChangeResult {
  kind: 'change';
  outcome: string;
  createdId?: string;
}

export const changeStep = defineStep('change', {
  run: async ({ input, session, markSent }: StepCall<ChangeInput>): Promise<ChangeResult> => {
    const mayExist = await markSent();
    return { kind: 'change', ...(await applyChange(session.settings, session.graph, input.change, mayExist)) };
  },
  // A change writes one Activity entry of its own (recordGuestChange).
  entry: noEntry,
});
