import type { SandboxState } from './store.ts';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);

function shell(title: string, header: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{margin:0;font-family:"Segoe UI",system-ui,sans-serif}header{background:${header};color:#fff;padding:10px 16px;font-weight:600}
main{padding:24px}</style></head><body><header>${escapeHtml(title)}</header><main>${body}</main></body></html>`;
}

/** Look-alike Power BI pages: enough of the real URL shapes for the extension's content script to recognise. */
export function powerBiPage(path: string, state: SandboxState): string {
  const appId = /\/groups\/me\/apps\/([0-9a-f-]{36})/i.exec(path)?.[1]?.toLowerCase();
  const app = appId && state.tenants.flatMap((t) => t.powerbi?.apps ?? []).find((a) => a.id === appId);
  const heading = app ? `${app.name} (app)` : appId ? `App ${appId}` : 'Power BI';
  return shell(
    `${heading} - Power BI`,
    '#252423',
    `<h1>${escapeHtml(heading)}</h1><p>Sandbox Power BI page: ${escapeHtml(path)}</p>`,
  );
}

/** The Azure portal keeps the resource in the URL hash, so one shell page serves every portal URL. */
export function portalPage(): string {
  return shell(
    'Microsoft Azure',
    '#0078d4',
    '<h1 id="blade">Azure portal</h1><p>Sandbox portal page.</p>' +
      '<script>document.getElementById("blade").textContent = decodeURIComponent(location.hash.slice(1)) || "Home"</script>',
  );
}
