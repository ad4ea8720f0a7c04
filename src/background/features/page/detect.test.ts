import { describe, expect, it } from 'vitest';
import { describePageContext, detectPageContext, type PageContext } from './detect.ts';

const APP = '5e7c1a3b-8d2f-4c6e-9a1b-2c3d4e5f6a7b';
const WS = '7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const REPORT = '0f4e3d2c-1b0a-4987-8654-3210fedcba98';
const TENANT = '3f8a6c2e-5b1d-4e7a-9c40-1d2e3f4a5b6c';
const SUB = '11111111-2222-4333-8444-555555555555';
const RG = `/subscriptions/${SUB}/resourceGroups/rg-data`;
const SA = `${RG}/providers/Microsoft.Storage/storageAccounts/stdata01`;
const DB = `/subscriptions/${SUB}/resourceGroups/rg-sql/providers/Microsoft.Sql/servers/sql1/databases/db1`;
const KV = `/subscriptions/${SUB}/resourceGroups/rg-kv/providers/Microsoft.KeyVault/vaults/kv1`;
const PBI = 'https://app.powerbi.com';
const PORTAL = 'https://portal.azure.com';
const CONTOSO = 'contoso.onmicrosoft.com';

const app = (extra: Partial<Extract<PageContext, { kind: 'powerbi-app' }>> = {}) => ({
  kind: 'powerbi-app',
  appId: APP,
  ...extra,
});
const workspace = (extra: Partial<Extract<PageContext, { kind: 'powerbi-workspace' }>> = {}) => ({
  kind: 'powerbi-workspace',
  workspaceId: WS,
  ...extra,
});
const report = { itemType: 'report', itemId: REPORT } as const;
const dashboard = { itemType: 'dashboard', itemId: REPORT } as const;

describe('detectPageContext on Power BI', () => {
  it.each([
    ['an app home page', `${PBI}/groups/me/apps/${APP}`, app()],
    ['an app home page with a trailing slash', `${PBI}/groups/me/apps/${APP}/`, app()],
    ['a report inside an app', `${PBI}/groups/me/apps/${APP}/reports/${REPORT}/ReportSection?experience=power-bi`, app(report)],
    ['a dashboard inside an app', `${PBI}/groups/me/apps/${APP}/dashboards/${REPORT}`, app(dashboard)],
    [
      'an app given in upper case, lowercased',
      `${PBI}/groups/me/apps/${APP.toUpperCase()}/reports/${REPORT.toUpperCase()}`,
      app(report),
    ],
    [
      'the tenant from ctid',
      `${PBI}/groups/me/apps/${APP}/reports/${REPORT}?ctid=${TENANT.toUpperCase()}`,
      app({ ...report, tenantId: TENANT }),
    ],
    ['an app on the Fabric host', `https://app.fabric.microsoft.com/groups/me/apps/${APP}?experience=fabric-developer`, app()],
    ['an OpenApp redirect link', `${PBI}/Redirect?action=OpenApp&appId=${APP}&ctid=${TENANT}`, app({ tenantId: TENANT })],
    [
      'an OpenApp redirect with parameter names in any case',
      `${PBI}/redirect?Action=openapp&AppId=${APP}&CTID=${TENANT}`,
      app({ tenantId: TENANT }),
    ],
    [
      'the app workspace from groupObjectId',
      `${PBI}/Redirect?action=OpenApp&appId=${APP}&groupObjectId=${WS}`,
      app({ workspaceId: WS }),
    ],
    [
      'a report in an app from an OpenReport link',
      `${PBI}/Redirect?action=OpenReport&appId=${APP}&reportObjectId=${REPORT}`,
      app(report),
    ],
    [
      'a workspace report from an OpenReport link',
      `${PBI}/Redirect?action=OpenReport&groupObjectId=${WS}&reportObjectId=${REPORT}`,
      workspace(report),
    ],
    ['an app, dropping a ctid that is not a GUID', `${PBI}/groups/me/apps/${APP}?ctid=contoso`, app()],
    ['a workspace content list', `${PBI}/groups/${WS}/list`, workspace()],
    [
      'a workspace report page',
      `${PBI}/groups/${WS}/reports/${REPORT}/ReportSection1?ctid=${TENANT}`,
      workspace({ ...report, tenantId: TENANT }),
    ],
    ['a workspace dashboard', `${PBI}/groups/${WS}/dashboards/${REPORT}`, workspace(dashboard)],
    ['a workspace paginated report', `${PBI}/groups/${WS}/rdlreports/${REPORT}`, workspace(report)],
    [
      'a workspace semantic model, as the workspace alone',
      `https://app.fabric.microsoft.com/groups/${WS}/datasets/${REPORT}/details`,
      workspace(),
    ],
    ['a workspace with a mixed-case path', `${PBI}/Groups/${WS.toUpperCase()}/Reports/${REPORT}`, workspace(report)],
  ])('recognises %s', (_behaviour, url, expected) => {
    expect(detectPageContext(url)).toEqual(expected);
  });

  it.each([
    ['the home page', `${PBI}/home`],
    ['the site root', `${PBI}/`],
    ['My workspace', `${PBI}/groups/me/list`],
    ['a report in My workspace', `${PBI}/groups/me/reports/${REPORT}`],
    ['the apps list', `${PBI}/groups/me/apps`],
    ['an app id that is not a GUID', `${PBI}/groups/me/apps/sales-app`],
    ['an app report id that is not a GUID', `${PBI}/groups/me/apps/${APP}/reports/not-a-guid`],
    ['a workspace id that is not a GUID', `${PBI}/groups/finance/list`],
    ['a workspace dashboard id that is not a GUID', `${PBI}/groups/${WS}/dashboards/123`],
    ['a redirect with no app', `${PBI}/Redirect?action=OpenApp&ctid=${TENANT}`],
    ['a redirect with a malformed app id', `${PBI}/Redirect?action=OpenApp&appId=${APP}x`],
    ['a redirect with an unknown action', `${PBI}/Redirect?action=OpenSomething&appId=${APP}`],
    ['plain http', `http://app.powerbi.com/groups/me/apps/${APP}`],
    ['another host with the same path', `https://evil.example/groups/me/apps/${APP}`],
    ['a look-alike host', `https://app.powerbi.com.evil.example/groups/me/apps/${APP}`],
    ['the Power BI API host', `https://api.powerbi.com/v1.0/myorg/groups/${WS}`],
  ])('finds no context on %s', (_behaviour, url) => {
    expect(detectPageContext(url)).toBeNull();
  });
});

describe('detectPageContext on the Azure portal', () => {
  const resource = (scope: string, resourceGroup: string | undefined, tenant?: string) => ({
    kind: 'azure-resource',
    scope,
    subscriptionId: SUB,
    ...(resourceGroup && { resourceGroup }),
    ...(tenant && { tenant }),
  });

  it.each([
    ['a resource with a domain tenant', `${PORTAL}/#@${CONTOSO}/resource${SA}/overview`, resource(SA, 'rg-data', CONTOSO)],
    [
      'a resource with a GUID tenant, lowercased',
      `${PORTAL}/#@${TENANT.toUpperCase()}/resource${SA}/iam`,
      resource(SA, 'rg-data', TENANT),
    ],
    ['a resource with no tenant', `${PORTAL}/#resource${SA}`, resource(SA, 'rg-data')],
    [
      'a resource on ms.portal.azure.com',
      `https://ms.portal.azure.com/#@${CONTOSO}/resource${SA}/overview`,
      resource(SA, 'rg-data', CONTOSO),
    ],
    [
      'a resource on preview.portal.azure.com',
      `https://preview.portal.azure.com/#resource${SA}/overview`,
      resource(SA, 'rg-data'),
    ],
    ['a resource group', `${PORTAL}/#@${CONTOSO}/resource${RG}/overview`, resource(RG, 'rg-data', CONTOSO)],
    [
      'a subscription',
      `${PORTAL}/#@${CONTOSO}/resource/subscriptions/${SUB}/overview`,
      resource(`/subscriptions/${SUB}`, undefined, CONTOSO),
    ],
    [
      'a subscription from its resource groups blade',
      `${PORTAL}/#resource/subscriptions/${SUB}/resourceGroups`,
      resource(`/subscriptions/${SUB}`, undefined),
    ],
    [
      'a subscription id in upper case, lowercased',
      `${PORTAL}/#resource/subscriptions/${SUB.toUpperCase()}/resourceGroups/rg-data/users`,
      resource(RG, 'rg-data'),
    ],
    ['a nested SQL database', `${PORTAL}/#@${CONTOSO}/resource${DB}/overview`, resource(DB, 'rg-sql', CONTOSO)],
    ['a nested SQL database with no blade', `${PORTAL}/#resource${DB}`, resource(DB, 'rg-sql')],
    [
      'a lowercase resourcegroups segment',
      `${PORTAL}/#resource/subscriptions/${SUB}/resourcegroups/rg-data/providers/Microsoft.Storage/storageAccounts/stdata01/containersList`,
      resource(SA, 'rg-data'),
    ],
    [
      'capitalised Subscriptions and Providers segments',
      `${PORTAL}/#resource/Subscriptions/${SUB}/ResourceGroups/rg-data/Providers/Microsoft.Storage/storageAccounts/stdata01`,
      resource(SA, 'rg-data'),
    ],
    ['a resource behind the accessControl blade', `${PORTAL}/#resource${KV}/accessControl`, resource(KV, 'rg-kv')],
    ['a resource behind the properties blade', `${PORTAL}/#resource${KV}/properties`, resource(KV, 'rg-kv')],
    [
      'a resource with a query string in the hash',
      `${PORTAL}/#@${CONTOSO}/resource${SA}/overview?feature.x=true`,
      resource(SA, 'rg-data', CONTOSO),
    ],
    ['a resource with a trailing slash', `${PORTAL}/#resource${SA}/`, resource(SA, 'rg-data')],
    [
      'a percent-encoded resource path',
      `${PORTAL}/#resource/subscriptions/${SUB}/resourceGroups/rg%2Ddata/providers/Microsoft.Storage/storageAccounts/stdata01`,
      resource(SA, 'rg-data'),
    ],
    ['a resource, ignoring an empty tenant', `${PORTAL}/#@/resource${SA}`, resource(SA, 'rg-data')],
    [
      'a portal query string before the hash',
      `${PORTAL}/?feature.customportal=false#@${CONTOSO}/resource${SA}`,
      resource(SA, 'rg-data', CONTOSO),
    ],
    [
      'a storageAccountId parameter of a view link',
      `${PORTAL}/#view/Microsoft_Azure_Storage/ContainerMenuBlade/~/overview/storageAccountId/${encodeURIComponent(SA)}/path/data`,
      resource(SA, 'rg-data'),
    ],
    [
      'an id parameter of a blade link',
      `${PORTAL}/#blade/HubsExtension/ResourceMenuBlade/id/${encodeURIComponent(SA)}`,
      resource(SA, 'rg-data'),
    ],
    [
      'a resourceId parameter of a view link',
      `${PORTAL}/#@${CONTOSO}/view/Microsoft_Azure_KeyVault/SecretMenuBlade/~/overview/resourceId/${encodeURIComponent(KV)}`,
      resource(KV, 'rg-kv', CONTOSO),
    ],
    [
      'a twice-encoded view link parameter',
      `${PORTAL}/#view/Microsoft_Azure_Storage/ContainerMenuBlade/~/overview/storageAccountId/${encodeURIComponent(encodeURIComponent(SA))}`,
      resource(SA, 'rg-data'),
    ],
    [
      'an extension resource',
      `${PORTAL}/#resource${SA}/providers/Microsoft.Insights/diagnosticSettings/diag1/overview`,
      resource(`${SA}/providers/Microsoft.Insights/diagnosticSettings/diag1`, 'rg-data'),
    ],
    [
      'a subscription-level provider resource',
      `${PORTAL}/#resource/subscriptions/${SUB}/providers/Microsoft.Security/pricings/VirtualMachines/overview`,
      resource(`/subscriptions/${SUB}/providers/Microsoft.Security/pricings/VirtualMachines`, undefined),
    ],
  ])('recognises %s', (_behaviour, url, expected) => {
    expect(detectPageContext(url)).toEqual(expected);
  });

  it.each([
    ['the portal home', `${PORTAL}/`],
    ['the #home hash', `${PORTAL}/#home`],
    ['a view link without a resource', `${PORTAL}/#view/Microsoft_AAD_IAM/ActiveDirectoryMenuBlade/~/Overview`],
    ['a resource route with no id', `${PORTAL}/#@${CONTOSO}/resource/`],
    ['a subscription id that is not a GUID', `${PORTAL}/#@${CONTOSO}/resource/subscriptions/not-a-guid/overview`],
    ['malformed percent-encoding in a view parameter', `${PORTAL}/#view/x/y/resourceId/%E0%A4%A`],
    ['malformed percent-encoding in a resource path', `${PORTAL}/#resource/subscriptions/${SUB}/resourceGroups/rg%ZZ`],
    ['an id parameter that is not an ARM id', `${PORTAL}/#view/x/y/id/${encodeURIComponent('https://example.com/')}`],
    ['plain http', `http://portal.azure.com/#resource${SA}`],
    ['a look-alike host', `https://portal.azure.com.evil.example/#resource${SA}`],
  ])('finds no context on %s', (_behaviour, url) => {
    expect(detectPageContext(url)).toBeNull();
  });
});

describe('detectPageContext on anything else', () => {
  it.each(['', 'not a url', 'https://', 'javascript:alert(1)', 'about:blank', `${PORTAL}/#@`, '%%%'])(
    'returns null without throwing for %j',
    (url) => {
      expect(detectPageContext(url)).toBeNull();
    },
  );
});

describe('describePageContext', () => {
  it.each([
    ['a storage account', `${PORTAL}/#resource${SA}/overview`, 'Storage account stdata01 in rg-data'],
    ['a key vault', `${PORTAL}/#resource${KV}`, 'Key vault kv1 in rg-kv'],
    ['a nested SQL database', `${PORTAL}/#resource${DB}`, 'SQL database db1 in rg-sql'],
    ['a resource group', `${PORTAL}/#resource${RG}/overview`, 'Resource group rg-data'],
    ['a subscription', `${PORTAL}/#resource/subscriptions/${SUB}/overview`, `Subscription ${SUB}`],
    [
      'an uncommon type by its last type segment',
      `${PORTAL}/#resource${RG}/providers/Microsoft.Cache/redis/r1`,
      'redis r1 in rg-data',
    ],
    ['a Power BI app', `${PBI}/groups/me/apps/${APP}/reports/${REPORT}`, 'Power BI app'],
    ['a Power BI workspace', `${PBI}/groups/${WS}/list`, 'Power BI workspace'],
  ])('words %s', (_behaviour, url, words) => {
    const ctx = detectPageContext(url);
    expect(ctx && describePageContext(ctx)).toBe(words);
  });
});
