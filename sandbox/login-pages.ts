/** The sandbox's sign-in and consent pages: plain HTML in the shape of Entra's, no script. */

const style = `body{font-family:"Segoe UI",system-ui,sans-serif;background:#f2f2f2;margin:0}
main{background:#fff;max-width:440px;margin:64px auto;padding:44px;box-shadow:0 2px 6px rgba(0,0,0,.2)}
h1{font-size:24px;font-weight:600;margin:16px 0}label{display:block;margin:12px 0 4px}
input[type=email],input[type=password],input[type=text]{width:100%;box-sizing:border-box;padding:6px 0;border:0;border-bottom:1px solid #666;font-size:15px}
button{background:#0067b8;color:#fff;border:0;padding:8px 24px;font-size:15px;margin-top:24px;cursor:pointer}
button.secondary{background:#ccc;color:#000}.error{color:#e81123}.tenant{color:#555}ul{padding-left:20px}`;

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

function page(title: string, body: string): string {
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>` +
    `<style>${style}</style></head><body><main>${body}</main></body></html>`
  );
}

export function signInPage(opts: { action: string; tenantName: string; loginHint?: string; error?: string }): string {
  return page(
    'Sign in to your account',
    `
    <div class="tenant">Microsoft · ${escapeHtml(opts.tenantName)} (sandbox)</div>
    <h1>Sign in</h1>
    ${opts.error ? `<p class="error" role="alert">${escapeHtml(opts.error)}</p>` : ''}
    <form method="post" action="${escapeHtml(opts.action)}">
      <label for="login">Email or phone</label>
      <input id="login" name="login" type="email" autocomplete="username" value="${escapeHtml(opts.loginHint ?? '')}" required>
      <label for="passwd">Password</label>
      <input id="passwd" name="passwd" type="password" autocomplete="current-password" required>
      <button type="submit">Sign in</button>
    </form>`,
  );
}

export function consentPage(opts: { action: string; appName: string; account: string; scopes: string[] }): string {
  const items = opts.scopes.map((s) => `<li>${escapeHtml(s)}</li>`).join('');
  return page(
    'Permissions requested',
    `
    <div class="tenant">${escapeHtml(opts.account)}</div>
    <h1>Permissions requested</h1>
    <p><strong>${escapeHtml(opts.appName)}</strong> would like to:</p>
    <ul>${items}</ul>
    <form method="post" action="${escapeHtml(opts.action)}">
      <button type="submit" name="decision" value="accept">Accept</button>
      <button type="submit" name="decision" value="cancel" class="secondary">Cancel</button>
    </form>`,
  );
}

/**
 * Entra's "Need admin approval": the app asks for a permission only an admin may grant, and the person is not one.
 * They may only go back to the app without consenting (learn: entra/identity/enterprise-apps/
 * application-sign-in-unexpected-user-consent-error, AADSTS90094).
 */
export function needAdminApprovalPage(opts: { action: string; appName: string; account: string }): string {
  const app = escapeHtml(opts.appName);
  return page(
    'Need admin approval',
    `
    <div class="tenant">${escapeHtml(opts.account)}</div>
    <h1>Need admin approval</h1>
    <p><strong>${app}</strong> needs permission to access resources in your organization that only an admin can
    grant. Please ask an admin to grant permission to this app before you can use it.</p>
    <form method="post" action="${escapeHtml(opts.action)}">
      <button type="submit" name="decision" value="return" class="secondary">Return to the application without granting consent</button>
    </form>`,
  );
}

/** Entra's "Review permissions" page, shown once when a guest first signs in to the tenant that invited them. */
export function redemptionPage(opts: { action: string; organization: string; account: string }): string {
  const org = escapeHtml(opts.organization);
  return page(
    'Review permissions',
    `
    <div class="tenant">${escapeHtml(opts.account)}</div>
    <h1>Review permissions</h1>
    <p><strong>${org}</strong> would like to:</p>
    <ul><li>Sign you in</li><li>Read your name, email address and photo</li></ul>
    <p>You should only accept if you trust ${org}. By accepting, you allow this organization to access and process
    your data to create, control and administer an account according to their policies.</p>
    <form method="post" action="${escapeHtml(opts.action)}">
      <button type="submit" name="redeem" value="accept">Accept</button>
      <button type="submit" name="redeem" value="cancel" class="secondary">Cancel</button>
    </form>`,
  );
}
