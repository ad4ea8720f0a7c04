import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import { consentStep } from './consent.ts';
import { html, readForm, resourceOf, SILENT_SCOPES } from './login-helpers.ts';
import { consentPage, needAdminApprovalPage, redemptionPage, signInPage } from './login-pages.ts';
import type { SandboxTenant, Store } from './store.ts';

/** A consent page as shown: to whom, which kind, listing which permissions. */
export interface ConsentPageShown {
  tenantId: string;
  userId: string;
  account: string;
  page: 'consent' | 'needAdminApproval';
  scopes: string[];
}

/** The sign-in and consent steps of an authorization request, as Entra shows them. */
export async function interaction(
  provider: Provider,
  tenant: SandboxTenant,
  req: IncomingMessage,
  res: ServerResponse,
  store: Store,
  shown: (page: ConsentPageShown) => void,
): Promise<void> {
  const details = await provider.interactionDetails(req, res);
  const action = `/${tenant.id}/login/${details.uid}`;
  const appName = tenant.applications.find((a) => a.appId === details.params.client_id)?.displayName ?? 'An application';
  if (details.prompt.name === 'login') {
    if (req.method !== 'POST') {
      html(res, 200, signInPage({ action, tenantName: tenant.displayName, loginHint: String(details.params.login_hint ?? '') }));
      return;
    }
    const form = await readForm(req);
    const login = form.get('login') ?? '';
    const found = store.signInAccount(tenant, login);
    if (!found?.password || found.password !== form.get('passwd')) {
      const error = found
        ? 'Your account or password is incorrect.'
        : `We couldn't find an account with that username in ${tenant.displayName}.`;
      html(res, 200, signInPage({ action, tenantName: tenant.displayName, loginHint: login, error }));
      return;
    }
    // A disabled account (accountEnabled false, in this tenant) is refused after its password, as Entra does.
    if (found.user.accountEnabled === false) {
      await provider.interactionFinished(req, res, {
        error: 'access_denied',
        error_description: 'AADSTS50057: The user account is disabled.',
      });
      return;
    }
    // An authentication context asked for (login.ts turns the claims request into acr_values) is met by this
    // fresh sign-in: the sandbox's stand-in for the multi-factor step Entra would add.
    const acr = typeof details.params.acr_values === 'string' ? details.params.acr_values : undefined;
    const login_ = { accountId: found.user.id, ...(acr ? { acr } : {}) };
    await provider.interactionFinished(req, res, { login: login_ }, { mergeWithLastSubmission: false });
    return;
  }
  const signedIn = tenant.users.find((u) => u.id === details.session?.accountId);
  // Entra's just-in-time redemption: a guest's first sign-in reviews the organization's permissions and accepts.
  if (signedIn?.userType === 'Guest' && signedIn.externalUserState === 'PendingAcceptance') {
    if (req.method !== 'POST') {
      const account = store.homeOf(tenant, signedIn)?.user.userPrincipalName ?? signedIn.mail ?? '';
      html(res, 200, redemptionPage({ action, organization: tenant.displayName, account }));
      return;
    }
    const form = await readForm(req);
    if (form.get('redeem') !== 'accept') {
      await provider.interactionFinished(req, res, {
        error: 'access_denied',
        error_description: `AADSTS90072: The invitation to ${tenant.displayName} was not accepted.`,
      });
      return;
    }
    Object.assign(signedIn, { externalUserState: 'Accepted', externalUserStateChangeDateTime: new Date().toISOString() });
    store.save();
    // Back to the same step: the app's own consent follows, as after any first sign-in.
    res.writeHead(303, { location: action, 'cache-control': 'no-store' });
    res.end();
    return;
  }
  const missing = details.prompt.details as { missingOIDCScope?: string[]; missingResourceScopes?: Record<string, string[]> };
  const app = tenant.applications.find((a) => a.appId === details.params.client_id);
  const existing = details.grantId ? await provider.Grant.find(details.grantId) : undefined;
  // The provider weighs the token's resource only; Entra's consent covers every resource asked for at once (MSAL's
  // extraScopesToConsent), so the other resources' scopes are weighed here against the user's grant.
  // A user's own consent outlives the sign-in it was given in: a new session's grant starts from it.
  const own = signedIn ? (app?.userConsents?.[signedIn.id] ?? []) : [];
  const held = new Set([...Object.values(existing?.resources ?? {}).flatMap((s) => String(s).split(' ')), ...own]);
  const asked = [
    ...new Set([
      ...Object.values(missing.missingResourceScopes ?? {}).flat(),
      ...String(details.params.scope ?? '')
        .split(' ')
        .filter((s) => resourceOf(s) && !s.endsWith('/.default') && !held.has(s)),
    ]),
  ];
  // The page lists only what is new: neither in this user's grant nor consented by an admin for the tenant.
  const ownLower = new Set(own.map((s) => s.toLowerCase()));
  const step = consentStep(
    signedIn,
    asked.filter((s) => !ownLower.has(s.toLowerCase())),
    app?.consentedScopes ?? [],
  );
  const scopes = [...(missing.missingOIDCScope ?? []).filter((s) => !SILENT_SCOPES.has(s)), ...step.scopes];
  const account = signedIn?.userPrincipalName ?? '';
  const record = (page: ConsentPageShown['page']) =>
    shown({ tenantId: tenant.id, userId: signedIn?.id ?? '', account, page, scopes });
  // A permission only an admin may grant, asked by someone who is not one: no consent is possible.
  if (step.page === 'needAdminApproval') {
    if (req.method !== 'POST') {
      record('needAdminApproval');
      html(res, 200, needAdminApprovalPage({ action, appName, account }));
      return;
    }
    await provider.interactionFinished(req, res, {
      error: 'access_denied',
      error_description: `AADSTS90094: ${appName} needs permission to access resources in your organization that only an admin can grant. Please ask an admin to grant permission to this app before you can use it.`,
    });
    return;
  }
  // Entra asks for consent once per user and app; with nothing new to consent to, the grant is simply extended.
  if (req.method !== 'POST' && scopes.length > 0) {
    record('consent');
    html(res, 200, consentPage({ action, appName, account, scopes }));
    return;
  }
  const form = req.method === 'POST' ? await readForm(req) : new URLSearchParams({ decision: 'accept' });
  if (form.get('decision') !== 'accept') {
    await provider.interactionFinished(req, res, {
      error: 'access_denied',
      error_description: 'AADSTS65004: User declined to consent to access the app.',
    });
    return;
  }
  const grant = details.grantId
    ? await provider.Grant.find(details.grantId)
    : new provider.Grant({ accountId: details.session?.accountId, clientId: String(details.params.client_id) });
  if (!grant) throw new Error('grant vanished during consent');
  if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
  // What the tenant consented joins the grant too, so the provider's own check finds nothing missing; the user's
  // consent adds to what they granted before (incremental consent).
  for (const scope of app?.consentedScopes ?? []) {
    const resource = resourceOf(scope);
    if (resource) grant.addResourceScope(resource, scope);
  }
  for (const scope of [...own, ...asked]) {
    const resource = resourceOf(scope);
    if (resource) grant.addResourceScope(resource, scope);
  }
  if (app && signedIn && step.scopes.length > 0) {
    app.userConsents = { ...app.userConsents, [signedIn.id]: [...new Set([...own, ...step.scopes])] };
    store.save();
  }
  await provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
}
