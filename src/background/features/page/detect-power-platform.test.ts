import { describe, expect, it } from 'vitest';
import { describePageContext, detectPageContext } from './detect.ts';

const ENV = '8fcc484b-d74e-e479-84da-ad5a78d6d55b';
const OTHER = '584c706d-38a2-e52e-b6e3-24a809f10508';
const ORG = '2352de63-16b1-f111-8add-0022486f7065';
const TENANT = 'e1dd4023-a656-480a-8a0e-c1b1eec51e1d';
const DEFAULT = `Default-${TENANT}`;
const SOLUTION = '6c561a02-0963-f011-bec3-000d3ad05c95';
const ADMIN = 'https://admin.powerplatform.microsoft.com';
const APPS = 'https://make.powerapps.com';
const FLOWS = 'https://make.powerautomate.com';

const admin = (environmentId = ENV, tenantId?: string) => ({
  kind: 'power-platform-environment',
  environmentId,
  source: 'admin',
  ...(tenantId && { tenantId }),
});
const maker = (environmentId = ENV, tenantId?: string) => ({ ...admin(environmentId, tenantId), source: 'maker' });

describe('detectPageContext on the Power Platform admin center', () => {
  it.each([
    ["an environment's hub", `${ADMIN}/environments/environment/${ENV}/hub`, admin()],
    ['the hub with a trailing slash', `${ADMIN}/environments/environment/${ENV}/hub/`, admin()],
    ['an environment with no blade', `${ADMIN}/environments/environment/${ENV}`, admin()],
    ['the settings blade', `${ADMIN}/environments/environment/${ENV}/settings`, admin()],
    ['the apps resources blade', `${ADMIN}/environments/environment/${ENV}/resources/apps`, admin()],
    ['the security roles blade', `${ADMIN}/environments/environment/${ENV}/securityroles`, admin()],
    ['a hub with a hash', `${ADMIN}/environments/environment/${ENV}/hub#details`, admin()],
    ['the newer navigation, with its geo', `${ADMIN}/manage/environments/environment/${ENV}/hub?geo=Che`, admin()],
    ['the older hub link', `${ADMIN}/environments/${ENV}/hub`, admin()],
    ['a Dataverse users link by organization and environment', `${ADMIN}/manage/environments/${ORG}/${ENV}/users`, admin()],
    ['an upper-case GUID, lowercased', `${ADMIN}/environments/environment/${ENV.toUpperCase()}/hub`, admin()],
    ['mixed-case fixed words', `${ADMIN}/Manage/Environments/Environment/${ENV}/hub`, admin()],
    ['a default environment and its tenant', `${ADMIN}/environments/environment/${DEFAULT}/hub`, admin(DEFAULT, TENANT)],
    [
      'a default environment in upper case, as Microsoft writes it',
      `${ADMIN}/environments/environment/DEFAULT-${TENANT.toUpperCase()}/hub`,
      admin(DEFAULT, TENANT),
    ],
  ])('recognises %s', (_behaviour, url, expected) => {
    expect(detectPageContext(url)).toEqual(expected);
  });

  it.each([
    ['the home page', `${ADMIN}/home`],
    ['the environments list', `${ADMIN}/environments`],
    ['an environment route with no id', `${ADMIN}/environments/environment/`],
    ['an id that is not a GUID', `${ADMIN}/environments/environment/contoso-prod/hub`],
    ['a GUID with a character too many', `${ADMIN}/environments/environment/${ENV}0/hub`],
    ['a default prefix with no GUID', `${ADMIN}/environments/environment/Default-/hub`],
    ['a default prefix with something else', `${ADMIN}/environments/environment/Default-contoso/hub`],
    ['another prefix', `${ADMIN}/environments/environment/Sandbox-${TENANT}/hub`],
    ['an id spelled with escapes', `${ADMIN}/environments/environment/%38${ENV.slice(1)}/hub`],
    ['an encoded slash after the id', `${ADMIN}/environments/environment/${ENV}%2F..%2F${OTHER}/hub`],
    ['an encoded slash in a blade', `${ADMIN}/environments/environment/${ENV}/hub%2F..%2F..%2Fenvironment%2F${OTHER}`],
    ['a twice-encoded slash in a blade', `${ADMIN}/environments/environment/${ENV}/hub%252F..`],
    ['an encoded backslash in a blade', `${ADMIN}/environments/environment/${ENV}/hub%5C..`],
    ['a twice-encoded dot segment', `${ADMIN}/environments/environment/${ENV}/%252e%252e/hub`],
    ['malformed percent-encoding', `${ADMIN}/environments/environment/${ENV}/%E0%A4%A`],
    ['a control character', `${ADMIN}/environments/environment/${ENV}/hub%00`],
    ['the newer navigation with one GUID and a blade', `${ADMIN}/manage/environments/${ENV}/hub`],
    ['an organization that is not a GUID', `${ADMIN}/manage/environments/contoso/${ENV}/users`],
    ['plain http', `http://admin.powerplatform.microsoft.com/environments/environment/${ENV}/hub`],
    ['a look-alike host', `https://admin.powerplatform.microsoft.com.evil.example/environments/environment/${ENV}/hub`],
    ['the retired Power Apps admin center', `https://admin.powerapps.com/environments/${ENV}/hub`],
  ])('finds no context on %s', (_behaviour, url) => {
    expect(detectPageContext(url)).toBeNull();
  });
});

describe('detectPageContext on the maker portals', () => {
  it.each([
    ['the Power Apps home', `${APPS}/environments/${ENV}/home`, maker()],
    ['the apps list, with its query', `${APPS}/environments/${ENV}/apps?utm_source=PAMarketing&utm_medium=header`, maker()],
    ['a solution', `${APPS}/environments/${ENV}/solutions/${SOLUTION}`, maker()],
    ['the tables list with a trailing slash', `${APPS}/environments/${ENV}/entities/`, maker()],
    ['a table by its name', `${APPS}/environments/${ENV}/tables/cr6f1_contactsubmission/data`, maker()],
    ['a default environment', `${APPS}/environments/${DEFAULT}/logicflows`, maker(DEFAULT, TENANT)],
    ['a default environment in lower case', `${APPS}/environments/default-${TENANT}/home`, maker(DEFAULT, TENANT)],
    [
      'the canvas Studio by the short form',
      `${APPS}/e/${ENV.toUpperCase()}/canvas/?action=edit&app-id=%2Fproviders%2FMicrosoft.PowerApps%2Fapps%2F${OTHER}`,
      maker(),
    ],
    ['the solution designer by the short form', `${APPS}/e/${DEFAULT}/s/${SOLUTION}/app/edit/${OTHER}`, maker(DEFAULT, TENANT)],
    ['the tenant from tenantId', `${APPS}/environments/${ENV}/home?tenantId=${TENANT.toUpperCase()}`, maker(ENV, TENANT)],
    ['a home with a hash', `${APPS}/environments/${ENV}/home#create`, maker()],
    ['a tenantId that is not a GUID, dropped', `${APPS}/environments/${ENV}/home?tenantId=contoso.onmicrosoft.com`, maker()],
    [
      "a default environment's own tenant over a tenantId",
      `${APPS}/environments/${DEFAULT}/home?tenantId=${OTHER}`,
      maker(DEFAULT, TENANT),
    ],
    ['Power Automate flows', `${FLOWS}/environments/${ENV}/flows`, maker()],
    ['a Power Automate flow', `${FLOWS}/environments/${DEFAULT}/flows/${OTHER}/details`, maker(DEFAULT, TENANT)],
    // The browser resolves dot segments before the page loads; this is the page it shows.
    ['the page a dot-segment link resolves to', `${APPS}/environments/${ENV}/../${OTHER}/home`, maker(OTHER)],
  ])('recognises %s', (_behaviour, url, expected) => {
    expect(detectPageContext(url)).toEqual(expected);
  });

  it.each([
    ['the Power Apps root', `${APPS}/`],
    ['a page outside an environment', `${APPS}/home?tenantId=${TENANT}`],
    ['the environments route with no id', `${APPS}/environments/`],
    ['an id that is not a GUID', `${APPS}/environments/${ENV.slice(0, -1)}/home`],
    ['a short form with no GUID', `${APPS}/e/studio/canvas`],
    ['an encoded slash in the id', `${APPS}/environments/${ENV}%2F${OTHER}/home`],
    ['an encoded dot segment behind the id', `${APPS}/environments/${ENV}/%252E%252E/${OTHER}/home`],
    ['the short form on Power Automate', `${FLOWS}/e/${ENV}/flows`],
    ['another Power Platform host', `https://make.powerpages.microsoft.com/environments/${ENV}/portals/home`],
    ['a look-alike host', `https://make.powerapps.com.evil.example/environments/${ENV}/home`],
    ['plain http', `http://make.powerapps.com/environments/${ENV}/home`],
  ])('finds no context on %s', (_behaviour, url) => {
    expect(detectPageContext(url)).toBeNull();
  });
});

describe('describePageContext on a Power Platform page', () => {
  it("names the kind of page, not the id, until the popup has the environment's name", () => {
    const ctx = detectPageContext(`${ADMIN}/environments/environment/${DEFAULT}/hub`);
    expect(ctx && describePageContext(ctx)).toBe('Power Platform environment');
  });
});
