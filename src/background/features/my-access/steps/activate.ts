import type { Activation } from '../../../../common/my-access.ts';
import { defineStep, noEntry, type StepCall } from '../../../engine/steps.ts';
import { type RequestAnswer, sendSelfRequest } from '../activation.ts';

/** A role of the signed-in person's own, activated or ended early (issue 10): one request under a name chosen once. */
export interface ActivationInput {
  activation: Activation;
}

export interface ActivationResult {
  kind: 'activate' | 'deactivate' | 'approval';
  answer: RequestAnswer;
}

/** Sent once; a request that may have left before is looked up by its name first. */
const send =
  (kind: 'activate' | 'deactivate') =>
  async ({ input, session, markSent }: StepCall<ActivationInput>): Promise<ActivationResult> => {
    const mayExist = await markSent();
    return { kind, answer: await sendSelfRequest(session.settings, input.activation, mayExist) };
  };

// An activation writes one Activity entry of its own (recordActivation), not one per step.
export const activateStep = defineStep('activate', { run: send('activate'), entry: noEntry });
export const deactivateStep = defineStep('deactivate', { run: send('deactivate'), entry: noEntry });
