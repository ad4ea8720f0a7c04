import type { Handlers, OffscreenProtocol } from '../common/protocol.ts';
import * as msal from './msal.ts';

/** MSAL's part of the sign-in and tokens, wherever MSAL runs: Chromium's offscreen document, Firefox's event page. */
export const msalHandlers: Handlers<OffscreenProtocol, null> = {
  beginSignIn: async ({ settings, scopes, extraScopes, askForAccount, claims, sameAccount }) => ({
    url: await msal.beginSignIn(settings, scopes, extraScopes, askForAccount, claims, sameAccount === true),
  }),
  beginSilentSignIn: async ({ settings, scopes }) => ({ url: await msal.beginSilentSignIn(settings, scopes) }),
  completeSignIn: async ({ settings, responseUrl }) => ({ account: await msal.completeSignIn(settings, responseUrl) }),
  abandonSignIn: async ({ settings }) => {
    await msal.abandonSignIn(settings);
    return {};
  },
  getAccount: async ({ settings }) => ({ account: await msal.getAccount(settings) }),
  acquireToken: ({ settings, scopes, forceRefresh, accountId }) => msal.acquireToken(settings, scopes, forceRefresh, accountId),
  signOut: async ({ settings }) => {
    await msal.signOut(settings);
    return {};
  },
};
