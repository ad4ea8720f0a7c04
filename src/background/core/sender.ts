import type { Runtime } from '../../common/browser.ts';
import { OFFSCREEN_PATH } from '../../common/config.ts';

/** Where a message came from, judged only on fields the browser sets (sender.id, sender.url, sender.tab). */
export type SenderKind =
  | { kind: 'extension-page' }
  | { kind: 'offscreen' }
  | { kind: 'content'; tabId: number; url: string }
  | { kind: 'untrusted' };

const CONTENT_ORIGINS = [
  'https://app.powerbi.com',
  'https://app.fabric.microsoft.com',
  'https://portal.azure.com',
  'https://ms.portal.azure.com',
  'https://preview.portal.azure.com',
  // Power Platform environment pages (issue 12); kept equal to manifest.json's content_scripts matches.
  'https://admin.powerplatform.microsoft.com',
  'https://make.powerapps.com',
  'https://make.powerautomate.com',
];

/** Whether `url` is on an origin the content script runs on (and the extension has host permission for). */
export function onContentOrigin(url: string): boolean {
  try {
    return CONTENT_ORIGINS.includes(new URL(url).origin);
  } catch {
    return false;
  }
}

export function classifySender(sender: Runtime.MessageSender, extensionId: string, extensionOrigin: string): SenderKind {
  if (sender.id !== extensionId || !sender.url) return { kind: 'untrusted' };
  // A prefix test, not URL.origin: chrome-extension: is not a special scheme everywhere URL is implemented.
  if (sender.url.startsWith(extensionOrigin)) {
    const path = sender.url.slice(extensionOrigin.length).split(/[?#]/)[0];
    return path === OFFSCREEN_PATH ? { kind: 'offscreen' } : { kind: 'extension-page' };
  }
  // The top frame only: the page context is the tab's page, and the content script runs nowhere else.
  if (sender.tab?.id !== undefined && sender.frameId === 0 && onContentOrigin(sender.url)) {
    return { kind: 'content', tabId: sender.tab.id, url: sender.url };
  }
  return { kind: 'untrusted' };
}
