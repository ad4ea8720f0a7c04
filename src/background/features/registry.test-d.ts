import type { OperationKind, STEP_WORDS, StepKind, StepWords } from '../../common/operation.ts';
import type { KindRegistry, StepRegistry } from '../engine/registry.ts';
import { defineStep } from '../engine/steps.ts';
import type { KINDS, STEPS } from './registry.ts';

/**
 * Checked by `npm run typecheck`, never run: the registries hold every kind that stored records name, each under its
 * own name and with its handler. Each line marked @ts-expect-error must fail to compile; if one ever compiles, the
 * type check fails on the unused mark.
 */
export function registryTypeChecks(steps: typeof STEPS, kinds: typeof KINDS, words: typeof STEP_WORDS): void {
  // The registries as they are compile.
  steps satisfies StepRegistry<StepKind>;
  kinds satisfies KindRegistry<OperationKind>;

  const { envLicense: _step, ...withoutEnvLicense } = steps;
  // @ts-expect-error A step kind without its definition.
  withoutEnvLicense satisfies StepRegistry<StepKind>;
  // @ts-expect-error A new step kind named in common/operation.ts and not yet defined.
  steps satisfies StepRegistry<StepKind | 'sponsor'>;
  // @ts-expect-error A definition filed under another kind's name.
  ({ ...steps, envLicense: steps.environment }) satisfies StepRegistry<StepKind>;
  // @ts-expect-error A step kind defined without its Activity entry (`noEntry` when it writes none).
  defineStep('sponsor', { run: async () => null });

  // The progress list's words (common/operation.ts, read by the popup) name every step kind too.
  words satisfies StepWords<StepKind>;
  const { envLicense: _words, ...wordsWithoutEnvLicense } = words;
  // @ts-expect-error A step kind without its words.
  wordsWithoutEnvLicense satisfies StepWords<StepKind>;
  // @ts-expect-error A new step kind named in common/operation.ts and without words.
  words satisfies StepWords<StepKind | 'sponsor'>;

  const { guestChange: _kind, ...withoutGuestChange } = kinds;
  // @ts-expect-error An operation kind without its definition.
  withoutGuestChange satisfies KindRegistry<OperationKind>;
  // @ts-expect-error An operation kind that cannot open its pool.
  ({ ...kinds, bulk: {} }) satisfies KindRegistry<OperationKind>;
}
