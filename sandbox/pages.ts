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

/** The environment an admin-center or maker URL names: `…/environments/environment/{id}/…` or `…/environments/{id}/…`. */
function environmentIn(path: string, state: SandboxState) {
  const id = /\/environments\/(?:environment\/)?([^/]+)/i.exec(path)?.[1]?.toLowerCase();
  const env = id
    ? state.tenants.flatMap((t) => t.powerPlatform?.environments ?? []).find((e) => e.name.toLowerCase() === id)
    : undefined;
  return { id, env };
}

/**
 * Look-alike Power Platform admin center pages (`/environments/environment/{id}/hub` and its other blades): the
 * environment's name in the heading, as the real page shows it, for the content script to recognise the page.
 */
export function adminCenterPage(path: string, state: SandboxState): string {
  const { id, env } = environmentIn(path, state);
  const heading = env?.displayName ?? (id ? `Environment ${id}` : 'Environments');
  return shell(
    `${heading} - Power Platform admin center`,
    '#0b556a',
    `<h1>${escapeHtml(heading)}</h1><p>Sandbox admin center page: ${escapeHtml(path)}</p>`,
  );
}

/** Look-alike Power Apps maker pages (`/environments/{id}/home`, `/environments/{id}/apps`, …). */
export function makerPage(path: string, state: SandboxState): string {
  const { id, env } = environmentIn(path, state);
  const heading = env?.displayName ?? (id ? `Environment ${id}` : 'Power Apps');
  return shell(
    `${heading} - Power Apps`,
    '#742774',
    `<h1>${escapeHtml(heading)}</h1><p>Environment: <span id="environment">${escapeHtml(heading)}</span></p>` +
      `<p>Sandbox maker page: ${escapeHtml(path)}</p>`,
  );
}
