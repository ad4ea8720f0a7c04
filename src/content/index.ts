import { send } from '../common/send.ts';

/**
 * Tells the background that this tab's page changed, on load and on every in-page navigation (Power BI and the
 * Azure portal are single-page apps). It says nothing about the page: the background reads it from sender.url,
 * which the browser sets, with the same detector (src/background/features/page/detect.ts).
 */
let last = '';
function report(): void {
  if (document.visibilityState !== 'visible' && last) return;
  last = location.href;
  send('pageChanged', {}).catch(() => {
    // The extension was reloaded or updated; this old content script has no one to talk to.
  });
}

report();
addEventListener('hashchange', report);
addEventListener('popstate', report);
document.addEventListener('visibilitychange', report);
// The Navigation API also sees pushState navigations, which fire no event a content script can hear otherwise.
(globalThis as { navigation?: EventTarget }).navigation?.addEventListener('navigatesuccess', report);
