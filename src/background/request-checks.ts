import type { BackgroundProtocol, OffscreenToBackgroundProtocol } from '../common/protocol.ts';
import { backgroundRequests, offscreenRequests } from '../common/requests.ts';
import { refine, type Schema } from '../common/schema.ts';
import { own } from '../logic/own.ts';
import { changeProblem } from './features/guest-card/change-problem.ts';

/**
 * The check every incoming payload meets before any handler runs: its message's schema (src/common/requests.ts),
 * and where the background alone knows more, that too. Handlers then take the payload as its type says.
 */

/** A change has no request name until it is stored; the stored check wants one, of the shape it will have. */
const UNNAMED = '00000000-0000-4000-8000-000000000000';

type Checks = Readonly<Record<string, Schema<unknown>>>;
/** A check for every message of a protocol, of its request's type: a message without one does not compile. */
export type ChecksOf<P extends Record<string, { request: unknown }>> = { readonly [N in keyof P]: Schema<P[N]['request']> };

export const backgroundChecks: ChecksOf<BackgroundProtocol> = {
  ...backgroundRequests,
  // A change the stored check would stop before its first step (an id out of grammar, a member not acknowledged, a
  // rule the extension does not propose) is refused as it arrives.
  startGuestChange: refine(backgroundRequests.startGuestChange, (p) => changeProblem({ ...p, requestName: UNNAMED }) === null),
};

export const offscreenChecks: ChecksOf<OffscreenToBackgroundProtocol> = offscreenRequests;

/** Whether a payload fits the message it is sent as; a name the table does not hold as its own fits nothing. */
export const fits = (checks: Checks, name: string, payload: unknown): boolean => own(checks, name)?.(payload) === true;
