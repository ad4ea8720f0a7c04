import { OFFSCREEN_PATH } from '../../common/config.ts';
import { sendTo } from '../../common/messaging.ts';
import type { OffscreenProtocol } from '../../common/protocol.ts';

let ensuring: Promise<void> | undefined;

/** The offscreen document has no chrome.identity; it learns the redirect URL from its own address. */
const documentPath = () => `${OFFSCREEN_PATH}?${new URLSearchParams({ redirectUri: chrome.identity.getRedirectURL() })}`;

async function openOffscreen(): Promise<void> {
  const url = chrome.runtime.getURL(documentPath());
  const existing = await chrome.runtime.getContexts({
    contextTypes: ['OFFSCREEN_DOCUMENT' as chrome.runtime.ContextType],
    documentUrls: [url],
  });
  if (existing.length > 0) return;
  try {
    await chrome.offscreen.createDocument({
      url: documentPath(),
      reasons: ['LOCAL_STORAGE' as chrome.offscreen.Reason],
      justification: 'MSAL needs a DOM and keeps its token cache in localStorage.',
    });
  } catch (e) {
    // Made meanwhile by another context of this worker's life (Chrome allows one): it is there, which is the point.
    if (!/single offscreen document/i.test(e instanceof Error ? e.message : String(e))) throw e;
  }
}

/**
 * The offscreen document may have been closed (by Chrome or by hand); make sure it is there before talking to it.
 * The look and the creation are one step: two callers at once (the popup's state and the driver's account after a
 * token expired) would otherwise both see none and both create one, and the second creation fails.
 */
function ensureOffscreen(): Promise<void> {
  ensuring ??= openOffscreen().finally(() => {
    ensuring = undefined;
  });
  return ensuring;
}

/**
 * MSAL's answer to one request. Chromium: from the offscreen document, the only context with the DOM MSAL needs.
 * Firefox has no offscreen documents but its event page has a DOM, so MSAL runs right here; the build decides, and
 * the Chromium worker never holds MSAL (nor could it: a service worker may not import() anything).
 */
export async function callOffscreen<N extends keyof OffscreenProtocol & string>(
  name: N,
  payload: OffscreenProtocol[N]['request'],
): Promise<OffscreenProtocol[N]['response']> {
  if (import.meta.env.FIREFOX) return (await import('../../offscreen/in-process.ts')).callInProcess(name, payload);
  await ensureOffscreen();
  return sendTo<OffscreenProtocol, N>('offscreen', name, payload);
}
