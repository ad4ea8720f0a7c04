import type { BackgroundProtocol, OffscreenToBackgroundProtocol } from '../shared/protocol.ts';

/** Shape checks for every incoming payload: a message that does not fit is refused before any handler runs. */
type Guards<P> = { [N in keyof P]: (payload: unknown) => boolean };

type Obj = Record<string, unknown>;
const obj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown) => typeof v === 'string';
const optStr = (v: unknown) => v === undefined || typeof v === 'string';
const empty = (v: unknown) => obj(v);

export const backgroundShapes: Guards<BackgroundProtocol> = {
  getSession: empty,
  signIn: empty,
  signOut: empty,
  getPageInfo: (p) => obj(p) && (p.tabId === undefined || Number.isInteger(p.tabId)),
  pageChanged: (p) => obj(p) && str(p.url) && (p.url as string).length < 8192,
  inviteGuest: (p) =>
    obj(p) && str(p.email) && str(p.redirectUrl) && typeof p.sendEmail === 'boolean' &&
    (p.userType === 'Guest' || p.userType === 'Member') && optStr(p.displayName) && optStr(p.message),
  getSettings: empty,
  saveSettings: (p) => obj(p) && (p.cloud === 'sandbox' || p.cloud === 'microsoft') && str(p.tenant) && str(p.clientId),
};

export const offscreenShapes: Guards<OffscreenToBackgroundProtocol> = {
  readCookieJar: empty,
  writeCookieJar: (p) => obj(p) && str(p.jar),
};
