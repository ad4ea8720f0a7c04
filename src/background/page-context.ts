import { detectPageContext } from '../shared/detect.ts';
import type { PageInfo } from '../shared/model.ts';
import { describePageContext } from '../shared/page-context.ts';
import { session } from '../shared/storage.ts';

/**
 * Remembers what each tab shows, so the popup can say it and default the redirect URL to it. `url` is the
 * sender.url the browser gave with the content script's message; the context is read from it here, never taken
 * from the page's own word.
 */
export async function rememberPage(tabId: number, url: string): Promise<PageInfo> {
  const context = detectPageContext(url);
  const contexts = (await session.get('pageContexts')) ?? {};
  contexts[String(tabId)] = { context, url, at: Date.now() };
  await session.set('pageContexts', contexts);
  await session.set('lastPageTabId', tabId);
  return { context, url, description: context ? describePageContext(context) : null };
}

export async function forgetTab(tabId: number): Promise<void> {
  const contexts = (await session.get('pageContexts')) ?? {};
  delete contexts[String(tabId)];
  await session.set('pageContexts', contexts);
}

/** The page shown in `tabId`; without one (the popup opened in a tab of its own), the last page reported. */
export async function pageInfo(tabId: number | undefined): Promise<PageInfo> {
  const id = tabId ?? (await session.get('lastPageTabId'));
  const contexts = (await session.get('pageContexts')) ?? {};
  const entry = id === undefined ? undefined : contexts[String(id)];
  if (!entry) return { context: null, url: null, description: null };
  return { context: entry.context, url: entry.url, description: entry.context ? describePageContext(entry.context) : null };
}
