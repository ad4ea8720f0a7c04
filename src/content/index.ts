import { send } from '../shared/send.ts';
import { detectPageContext } from './detect.ts';

/**
 * Tells the background which page this tab shows, on load and on every in-page navigation (Power BI and the
 * Azure portal are single-page apps). The background checks the URL against the tab's own before keeping it.
 */
let last = '';
function report(): void {
  if (document.visibilityState !== 'visible' && last) return;
  last = location.href;
  send('pageChanged', { url: location.href, context: detectPageContext(location.href) }).catch(() => {
    // The extension was reloaded or updated; this old content script has no one to talk to.
  });
}

report();
addEventListener('hashchange', report);
addEventListener('popstate', report);
document.addEventListener('visibilitychange', report);
// The Navigation API also sees pushState navigations, which fire no event a content script can hear otherwise.
(globalThis as { navigation?: EventTarget }).navigation?.addEventListener('navigatesuccess', report);
