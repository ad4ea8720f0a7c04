import { describe, expect, it } from 'vitest';
import { detectPageContext } from '../background/features/page/detect.ts';
import { isArmScope, parseArmId, scopePath } from './arm-id.ts';

const SUB = '0b1f6471-1bf0-4dda-aec3-cb9272f09590';
const OTHER_SUB = '11111111-2222-4333-8444-555555555555';
const RG = `/subscriptions/${SUB}/resourceGroups/rg-visible`;
const SA = `${RG}/providers/Microsoft.Storage/storageAccounts/st01`;
const PORTAL = 'https://portal.azure.com';

describe('the ARM id grammar', () => {
  it.each([
    ['a subscription', `/subscriptions/${SUB}`],
    ['a resource group', RG],
    ['a resource', SA],
    ['a child resource', `${SA}/blobServices/default/containers/data`],
    ['an extension resource', `${SA}/providers/Microsoft.Insights/diagnosticSettings/diag1`],
    ['a resource group with dots and parentheses', `/subscriptions/${SUB}/resourceGroups/rg.data_(prod)-1`],
    ['a name with letters beyond ASCII', `/subscriptions/${SUB}/resourceGroups/rg-münchen`],
  ])('accepts %s as it is written', (_what, scope) => {
    expect(isArmScope(scope)).toBe(true);
  });

  it.each([
    ['a dot segment', `${SA}/..`],
    ['a dot-dot segment inside', `${RG}/../rg-other`],
    ['a name that is two dots', `/subscriptions/${SUB}/resourceGroups/..`],
    ['a name that is one dot', `${RG}/providers/Microsoft.Storage/storageAccounts/.`],
    ['an encoded slash in a name', `${RG}/providers/Microsoft.Storage/storageAccounts/st01%2F..%2F..`],
    ['a backslash in a name', `${RG}/providers/Microsoft.Storage/storageAccounts/st01\\..\\..`],
    ['a question mark in a name', `${RG}/providers/Microsoft.Storage/storageAccounts/st01?x=1`],
    ['a hash in a name', `${RG}/providers/Microsoft.Storage/storageAccounts/st01#frag`],
    ['a percent sign', `${RG}/providers/Microsoft.Storage/storageAccounts/st%01`],
    ['a control character', `${RG}/providers/Microsoft.Storage/storageAccounts/st\u000001`],
    ['a double slash', `/subscriptions/${SUB}//resourceGroups/rg-visible`],
    ['a trailing slash', `${RG}/`],
    ['resourceGroups spelled otherwise', `/subscriptions/${SUB}/resourcegroups/rg-visible`],
    ['an upper-case subscription id', `/subscriptions/${SUB.toUpperCase()}`],
    ['a subscription id that is not a GUID', '/subscriptions/not-a-guid'],
    ['no leading slash', `subscriptions/${SUB}`],
    ['a namespace without a dot', `${RG}/providers/Storage/storageAccounts/st01`],
    ['a type with a dot', `${RG}/providers/Microsoft.Storage/storage.Accounts/st01`],
    ['a provider without a name', `${RG}/providers/Microsoft.Storage/storageAccounts`],
    ['a group name ending in a dot', `/subscriptions/${SUB}/resourceGroups/rg.`],
    ['a group name over 90 characters', `/subscriptions/${SUB}/resourceGroups/${'g'.repeat(91)}`],
    ['an id longer than any real one', `${SA}${'/blobServices/default'.repeat(60)}`],
    ['a tenant-root scope', '/'],
    ['a management group', '/providers/Microsoft.Management/managementGroups/mg1'],
    ['not a string', 42],
  ])('refuses %s', (_what, scope) => {
    expect(isArmScope(scope)).toBe(false);
  });

  it('builds a URL path that fetch cannot resolve elsewhere', () => {
    const path = scopePath(`/subscriptions/${SUB}/resourceGroups/rg-münchen`);
    expect(path).toBe(`/subscriptions/${SUB}/resourceGroups/rg-m%C3%BCnchen`);
    expect(new URL(`https://management.azure.com${path}/x`).pathname).toBe(`${path}/x`);
    expect(() => scopePath(`${SA}/../..`)).toThrow(RangeError);
  });

  it('reads only a whole id', () => {
    expect(parseArmId(`${SA}/overview`)).toBeNull();
    expect(parseArmId(SA)?.scope).toBe(SA);
  });
});

describe('portal links that hide another scope', () => {
  const shown = (url: string) => {
    const ctx = detectPageContext(url);
    return ctx?.kind === 'azure-resource' ? ctx.scope : null;
  };

  it.each([
    [
      'encoded slashes and dot segments in a name',
      `${PORTAL}/#resource${RG}/providers/Microsoft.Storage/storageAccounts/st01%2F..%2F..%2F..`,
    ],
    [
      'twice-encoded dot segments',
      `${PORTAL}/#resource${RG}/providers/Microsoft.Storage/storageAccounts/st01%252F..%252F..%252F..`,
    ],
    [
      'a longer tail into another subscription',
      `${PORTAL}/#resource${RG}/providers/Microsoft.Storage/storageAccounts/st01%2F..%2F..%2F..%2F..%2F..%2F${OTHER_SUB}%2FresourceGroups%2Frg-other`,
    ],
    ['a bare dot-dot segment', `${PORTAL}/#resource${SA}/../../overview`],
    ['an encoded dot-dot segment', `${PORTAL}/#resource${SA}/%2E%2E/%2E%2E`],
    ['a backslash in a name', `${PORTAL}/#resource${RG}/providers/Microsoft.Storage/storageAccounts/st01\\..\\..`],
    ['an encoded question mark', `${PORTAL}/#resource${RG}/providers/Microsoft.Storage/storageAccounts/st01%3F/x`],
    ['an encoded hash', `${PORTAL}/#resource${RG}/providers/Microsoft.Storage/storageAccounts/st01%23/x`],
    ['a view link whose id climbs out', `${PORTAL}/#view/x/y/resourceId/${encodeURIComponent(`${SA}/../../..`)}`],
    [
      'a view link with an encoded separator inside a name',
      `${PORTAL}/#view/x/y/resourceId/${encodeURIComponent(`${RG}/providers/Microsoft.Storage/storageAccounts/st01%2F..%2F..`)}`,
    ],
    ['a view link with something after the id', `${PORTAL}/#view/x/y/resourceId/${encodeURIComponent(`${SA}/overview`)}`],
  ])('shows no Azure context for %s', (_what, url) => {
    expect(shown(url)).toBeNull();
  });

  it('names exactly the scope it read, in the form the background accepts', () => {
    const scope = shown(
      `${PORTAL}/#resource/subscriptions/${SUB}/resourcegroups/rg-visible/providers/Microsoft.Storage/storageAccounts/st01/overview`,
    );
    expect(scope).toBe(SA);
    expect(isArmScope(scope)).toBe(true);
  });
});
