import { describe, expect, it } from 'vitest';
import { describePageContext } from '../shared/page-context.ts';
import { detectPageContext } from './detect.ts';

const APP = '5e7c1a3b-8d2f-4c6e-9a1b-2c3d4e5f6a7b';
const WS = '7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const REPORT = '0f4e3d2c-1b0a-4987-8654-3210fedcba98';
const TENANT = '3f8a6c2e-5b1d-4e7a-9c40-1d2e3f4a5b6c';
const SUB = '11111111-2222-4333-8444-555555555555';
const SA = `/subscriptions/${SUB}/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/stdata01`;

describe('detectPageContext on Power BI', () => {
  it.each([
    [`https://app.powerbi.com/groups/me/apps/${APP}`, { kind: 'powerbi-app', appId: APP }],
    [`https://app.powerbi.com/groups/me/apps/${APP}/reports/${REPORT}/ReportSection?experience=power-bi`, { kind: 'powerbi-app', appId: APP, itemType: 'report', itemId: REPORT }],
    [`https://app.powerbi.com/groups/me/apps/${APP}/dashboards/${REPORT}`, { kind: 'powerbi-app', appId: APP, itemType: 'dashboard', itemId: REPORT }],
    [`https://app.powerbi.com/groups/me/apps/${APP.toUpperCase()}/reports/${REPORT}?ctid=${TENANT}`, { kind: 'powerbi-app', appId: APP, itemType: 'report', itemId: REPORT, tenantId: TENANT }],
    [`https://app.fabric.microsoft.com/groups/me/apps/${APP}?experience=fabric-developer`, { kind: 'powerbi-app', appId: APP }],
    [`https://app.powerbi.com/Redirect?action=OpenApp&appId=${APP}&ctid=${TENANT}`, { kind: 'powerbi-app', appId: APP, tenantId: TENANT }],
    [`https://app.powerbi.com/redirect?Action=openapp&AppId=${APP}`, { kind: 'powerbi-app', appId: APP }],
    [`https://app.powerbi.com/groups/${WS}/list`, { kind: 'powerbi-workspace', workspaceId: WS }],
    [`https://app.powerbi.com/groups/${WS}/reports/${REPORT}/ReportSection1`, { kind: 'powerbi-workspace', workspaceId: WS, itemType: 'report', itemId: REPORT }],
    [`https://app.powerbi.com/groups/${WS}/dashboards/${REPORT}?ctid=${TENANT}`, { kind: 'powerbi-workspace', workspaceId: WS, itemType: 'dashboard', itemId: REPORT, tenantId: TENANT }],
    [`https://app.fabric.microsoft.com/groups/${WS}/datasets/${REPORT}/details`, { kind: 'powerbi-workspace', workspaceId: WS }],
  ])('recognises %s', (url, expected) => {
    expect(detectPageContext(url)).toEqual(expected);
  });

  it.each([
    'https://app.powerbi.com/home',
    'https://app.powerbi.com/',
    'https://app.powerbi.com/groups/me/list',
    'https://app.powerbi.com/groups/me/reports/0f4e3d2c-1b0a-4987-8654-3210fedcba98',
    'https://app.powerbi.com/groups/me/apps/not-a-guid/reports/x',
    'https://app.powerbi.com/groups/not-a-guid/list',
    `https://app.powerbi.com/Redirect?action=OpenReport&appId=${APP}`,
    `http://app.powerbi.com/groups/me/apps/${APP}`,
    `https://evil.example/groups/me/apps/${APP}`,
    `https://app.powerbi.com.evil.example/groups/me/apps/${APP}`,
  ])('finds no context at %s', (url) => {
    expect(detectPageContext(url)).toBeNull();
  });
});

describe('detectPageContext on the Azure portal', () => {
  it.each([
    [`https://portal.azure.com/#@contoso.onmicrosoft.com/resource${SA}/overview`, SA, 'contoso.onmicrosoft.com'],
    [`https://portal.azure.com/#@${TENANT}/resource${SA}/iam`, SA, TENANT],
    [`https://portal.azure.com/#resource${SA}`, SA, undefined],
    [`https://portal.azure.com/#@contoso.onmicrosoft.com/resource/subscriptions/${SUB}/resourcegroups/rg-data/providers/Microsoft.Storage/storageAccounts/stdata01/containersList`, SA, 'contoso.onmicrosoft.com'],
    [`https://ms.portal.azure.com/#@contoso.onmicrosoft.com/resource/subscriptions/${SUB.toUpperCase()}/resourceGroups/rg-data/overview`, `/subscriptions/${SUB}/resourceGroups/rg-data`, 'contoso.onmicrosoft.com'],
    [`https://portal.azure.com/#@contoso.onmicrosoft.com/resource/subscriptions/${SUB}/overview`, `/subscriptions/${SUB}`, 'contoso.onmicrosoft.com'],
    [`https://portal.azure.com/#@contoso.onmicrosoft.com/resource/subscriptions/${SUB}/resourceGroups/rg-sql/providers/Microsoft.Sql/servers/sql1/databases/db1/overview`, `/subscriptions/${SUB}/resourceGroups/rg-sql/providers/Microsoft.Sql/servers/sql1/databases/db1`, 'contoso.onmicrosoft.com'],
    [`https://portal.azure.com/#@contoso.onmicrosoft.com/resource/subscriptions/${SUB}/resourceGroups/rg-web/providers/Microsoft.Web/sites/web1/users`, `/subscriptions/${SUB}/resourceGroups/rg-web/providers/Microsoft.Web/sites/web1`, 'contoso.onmicrosoft.com'],
    [`https://portal.azure.com/#view/Microsoft_Azure_Storage/ContainerMenuBlade/~/overview/storageAccountId/${encodeURIComponent(SA)}/path/data`, SA, undefined],
    [`https://portal.azure.com/#blade/HubsExtension/ResourceMenuBlade/id/${encodeURIComponent(SA)}`, SA, undefined],
    [`https://portal.azure.com/#view/Microsoft_Azure_KeyVault/SecretMenuBlade/~/overview/resourceId/${encodeURIComponent(`/subscriptions/${SUB}/resourceGroups/rg-kv/providers/Microsoft.KeyVault/vaults/kv1`)}`, `/subscriptions/${SUB}/resourceGroups/rg-kv/providers/Microsoft.KeyVault/vaults/kv1`, undefined],
    [`https://portal.azure.com/#@contoso.onmicrosoft.com/resource${SA}/overview?feature.x=true`, SA, 'contoso.onmicrosoft.com'],
  ])('recognises %s', (url, scope, tenant) => {
    const ctx = detectPageContext(url);
    expect(ctx).toMatchObject({ kind: 'azure-resource', scope, subscriptionId: SUB });
    expect(ctx && 'tenant' in ctx ? ctx.tenant : undefined).toBe(tenant);
  });

  it('names the resource group of a resource', () => {
    expect(detectPageContext(`https://portal.azure.com/#resource${SA}`)).toMatchObject({ resourceGroup: 'rg-data' });
  });

  it.each([
    'https://portal.azure.com/',
    'https://portal.azure.com/#home',
    'https://portal.azure.com/#view/Microsoft_AAD_IAM/ActiveDirectoryMenuBlade/~/Overview',
    'https://portal.azure.com/#@contoso.onmicrosoft.com/resource/subscriptions/not-a-guid/overview',
    'https://portal.azure.com/#view/x/y/resourceId/%E0%A4%A',
    'not a url',
    '',
  ])('finds no context at %s', (url) => {
    expect(detectPageContext(url)).toBeNull();
  });
});

describe('describePageContext', () => {
  it.each([
    [`https://portal.azure.com/#resource${SA}/overview`, 'Storage account stdata01 in rg-data'],
    [`https://portal.azure.com/#resource/subscriptions/${SUB}/resourceGroups/rg-data/overview`, 'Resource group rg-data'],
    [`https://portal.azure.com/#resource/subscriptions/${SUB}/overview`, `Subscription ${SUB}`],
    [`https://portal.azure.com/#resource/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Sql/servers/s1/databases/db1`, 'SQL database db1 in rg'],
    [`https://portal.azure.com/#resource/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Cache/redis/r1`, 'redis r1 in rg'],
    [`https://app.powerbi.com/groups/me/apps/${APP}`, `Power BI app ${APP}`],
    [`https://app.powerbi.com/groups/${WS}/list`, `Power BI workspace ${WS}`],
  ])('words %s', (url, words) => {
    const ctx = detectPageContext(url);
    expect(ctx && describePageContext(ctx)).toBe(words);
  });
});
