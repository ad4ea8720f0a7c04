import { browser } from '../../../common/browser.ts';
import type { PageInfo } from '../../../common/model.ts';
import { describePageContext } from '../../../common/page-context.ts';
import { session } from '../../../common/storage.ts';
import { oneAtATime } from '../../../logic/one-at-a-time.ts';
import { markTab } from '../../core/badge.ts';
import { onContentOrigin } from '../../core/sender.ts';
import { detectPageContext } from './detect.ts';

const NOTHING: PageInfo = { context: null, url: null, description: null };

// One change of the tabs' record at a time: two tabs reporting together would otherwise write over each other.
const change = oneAtATime();

/**
 * Brings what the popup knows about a tab in line with the tab's own URL as the browser has it (host permission for
 * the matched origins lets it tell us; anywhere else it says nothing and the tab is forgotten). Read afresh on every
 * report and every tab update, so the order they arrive in does not matter. `reported`: a content script asked, so
 * this tab is the page the popup follows when it runs in a tab of its own.
 */
export function syncTab(tabId: number, reported: boolean): Promise<PageInfo> {
  return change(async () => {
    const url = (await browser.tabs.get(tabId).catch(() => undefined))?.url;
    const contexts = await session.pageContexts.get();
    if (!url || !onContentOrigin(url)) {
      if (!contexts[String(tabId)]) return NOTHING;
      await markTab(tabId, null);
      delete contexts[String(tabId)];
      await session.pageContexts.set(contexts);
      return NOTHING;
    }
    const context = detectPageContext(url);
    contexts[String(tabId)] = { context, url, at: Date.now() };
    await session.pageContexts.set(contexts);
    await markTab(tabId, context);
    if (reported) await session.lastPageTabId.set(tabId);
    return { context, url, description: context ? describePageContext(context) : null };
  });
}

export function forgetTab(tabId: number): Promise<void> {
  return change(async () => {
    const contexts = await session.pageContexts.get();
    delete contexts[String(tabId)];
    await session.pageContexts.set(contexts);
  });
}

/** The page shown in `tabId`; without one (the popup opened in a tab of its own), the last page reported. */
export async function pageInfo(tabId: number | undefined): Promise<PageInfo> {
  const id = tabId ?? (await session.lastPageTabId.get());
  const contexts = await session.pageContexts.get();
  const entry = id === null ? undefined : contexts[String(id)];
  if (!entry) return NOTHING;
  return { context: entry.context, url: entry.url, description: entry.context ? describePageContext(entry.context) : null };
}
