import { OFFSCREEN_PATH } from '../shared/config.ts';
import { sendTo } from '../shared/messaging.ts';
import type { OffscreenProtocol } from '../shared/protocol.ts';

let creating: Promise<void> | undefined;

/** The offscreen document may have been closed (by Chrome or by hand); make sure it is there before talking to it. */
async function ensureOffscreen(): Promise<void> {
  const url = chrome.runtime.getURL(OFFSCREEN_PATH);
  const existing = await chrome.runtime.getContexts({
    contextTypes: ['OFFSCREEN_DOCUMENT' as chrome.runtime.ContextType],
    documentUrls: [url],
  });
  if (existing.length > 0) return;
  creating ??= chrome.offscreen
    .createDocument({
      url: OFFSCREEN_PATH,
      reasons: ['LOCAL_STORAGE' as chrome.offscreen.Reason],
      justification: 'MSAL needs a DOM and keeps its token cache in localStorage.',
    })
    .finally(() => {
      creating = undefined;
    });
  await creating;
}

export async function callOffscreen<N extends keyof OffscreenProtocol & string>(
  name: N,
  payload: OffscreenProtocol[N]['request'],
) {
  await ensureOffscreen();
  return sendTo<OffscreenProtocol, N>('offscreen', name, payload);
}
