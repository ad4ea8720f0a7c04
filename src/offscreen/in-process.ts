import { browser } from '../common/browser.ts';
import { AppError, ErrorCodes, isErrorCode, serializeError } from '../common/errors.ts';
import type { OffscreenProtocol } from '../common/protocol.ts';
import { session } from '../common/storage.ts';
import { installCookieJar } from './cookie-jar.ts';
import { msalHandlers } from './handlers.ts';
import { useRedirectUri } from './msal.ts';

/**
 * MSAL in Firefox's event page, which has the DOM and localStorage MSAL needs (Firefox has no offscreen documents).
 * The cookie jar is kept in the same memory-only session storage as in Chromium, so an event page unloaded while
 * idle finds MSAL's cache key again when it wakes.
 */
let ready: Promise<void> | undefined;

function start(): Promise<void> {
  useRedirectUri(browser.identity.getRedirectURL());
  return installCookieJar(
    () => session.msalCookie.get(),
    (jar) => void session.msalCookie.set(jar),
  );
}

export async function callInProcess<N extends keyof OffscreenProtocol & string>(
  name: N,
  payload: OffscreenProtocol[N]['request'],
): Promise<OffscreenProtocol[N]['response']> {
  ready ??= start();
  await ready;
  const handler = msalHandlers[name] as (req: OffscreenProtocol[N]['request'], ctx: null) => Promise<unknown>;
  try {
    return (await handler(payload, null)) as OffscreenProtocol[N]['response'];
  } catch (e) {
    // As the message from the offscreen document would bring it: the code and detail, never MSAL's own objects.
    const error = serializeError(e);
    throw new AppError(isErrorCode(error.code) ? error.code : ErrorCodes.unknown, error.detail);
  }
}
