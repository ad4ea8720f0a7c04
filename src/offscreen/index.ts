import { AppError, ErrorCodes } from '../common/errors.ts';
import { dispatch, isEnvelope, MARK, sendTo } from '../common/messaging.ts';
import type { Handlers, OffscreenProtocol, OffscreenToBackgroundProtocol } from '../common/protocol.ts';
import { installCookieJar } from './cookie-jar.ts';
import { msalHandlers } from './handlers.ts';
import { useRedirectUri } from './msal.ts';

/** The offscreen document: the only context that runs MSAL in Chromium. It answers the background and no one else. */
const toBackground = <N extends keyof OffscreenToBackgroundProtocol & string>(
  name: N,
  payload: OffscreenToBackgroundProtocol[N]['request'],
) => sendTo<OffscreenToBackgroundProtocol, N>('background', name, payload);

// Offscreen documents have no chrome.identity: the worker put identity.getRedirectURL() in this document's URL.
useRedirectUri(new URLSearchParams(location.search).get('redirectUri') ?? '');

const ready = installCookieJar(
  async () => (await toBackground('readCookieJar', {})).jar,
  (jar) => void toBackground('writeCookieJar', { jar }),
);

// Offscreen documents have no chrome.runtime.getManifest(); read the packaged manifest to know the worker's URL.
const backgroundUrl = fetch(chrome.runtime.getURL('manifest.json'))
  .then((r) => r.json() as Promise<{ background?: { service_worker?: string } }>)
  .then((m) => chrome.runtime.getURL(m.background?.service_worker ?? 'missing'));

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (!isEnvelope(message, 'offscreen') || message.mark !== MARK) return undefined;
  backgroundUrl
    .then((url) =>
      dispatch<null>('offscreen', message, withReady(msalHandlers), () =>
        sender.id === chrome.runtime.id && sender.url === url
          ? null
          : new AppError(ErrorCodes.badMessage, 'offscreen answers the background only'),
      ),
    )
    .then(sendResponse);
  return true;
});

function withReady(h: Handlers<OffscreenProtocol, null>): Handlers<OffscreenProtocol, null> {
  return Object.fromEntries(
    Object.entries(h).map(([name, fn]) => [
      name,
      async (req: never, ctx: null) => {
        await ready;
        return (fn as (r: never, c: null) => Promise<unknown>)(req, ctx);
      },
    ]),
  ) as unknown as Handlers<OffscreenProtocol, null>;
}
