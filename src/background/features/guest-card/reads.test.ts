import { afterEach, describe, expect, it, vi } from 'vitest';
import { serveGraph } from '../../../../test/support/graph-fetch.ts';
import { SANDBOX_SETTINGS } from '../../../common/config.ts';

vi.mock('../../core/auth.ts', () => ({ graphToken: async () => ({ accessToken: 'graph', scopes: [] }) }));
const { graphSession } = await import('../../services/graph/client.ts');
const { partnerGuests } = await import('./directory-changes.ts');
const { externalSettings } = await import('./external-settings.ts');
const { precheck } = await import('../invite/prechecks.ts');

const NEXT = 'https://graph.microsoft.com/v1.0/page2';
const GUEST_INVITER = '95e79109-95c0-4d8e-aee3-d01accf2d47b';
/** Graph answering `first` to the list asked, then `second` at its next link; `{}` to anything else. */
const paged = (list: string, first: unknown[], second: unknown[]) =>
  serveGraph((url) =>
    url === NEXT
      ? { body: { value: second } }
      : new URL(url, 'https://graph.microsoft.com/v1.0/').pathname.endsWith(list)
        ? { body: { value: first, '@odata.nextLink': NEXT } }
        : { body: {} },
  );
afterEach(() => vi.unstubAllGlobals());

describe('the directory reads behind the guest card and the partner group', () => {
  it('counts every guest a partner rule would admit, over every page', async () => {
    paged('/users', [{ id: 'a', mail: 'a@fabrikam.example' }], [{ id: 'b', mail: 'b@fabrikam.example' }]);
    const admitted = await partnerGuests(graphSession(SANDBOX_SETTINGS).client, 'fabrikam.example');
    expect(admitted.map((u) => u.id)).toEqual(['a', 'b']);
  });

  it('lists the cross-tenant partners of every page', async () => {
    paged('/partners', [{ tenantId: 't1' }], [{ tenantId: 't2' }]);
    const settings = await externalSettings(graphSession(SANDBOX_SETTINGS).client);
    expect(settings.partners.map((p) => p.tenantId)).toEqual(['t1', 't2']);
  });

  it('names each partner organization by its tenant information, and says why a name could not be read', async () => {
    const { asked } = serveGraph((url) => {
      if (url.endsWith('/partners')) return { body: { value: [{ tenantId: 't1' }, { tenantId: 't2' }, { tenantId: 't3' }] } };
      if (url.includes("(tenantId='t1')"))
        return { body: { tenantId: 't1', displayName: 'Partner Ltd', defaultDomainName: 'partner.example' } };
      if (url.includes("(tenantId='t2')"))
        return { status: 404, body: { error: { code: 'Directory_ObjectNotFound', message: 'Unable to read' } } };
      if (url.includes("(tenantId='t3')"))
        return { status: 403, body: { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges' } } };
      return { body: {} };
    });
    const { partners } = await externalSettings(graphSession(SANDBOX_SETTINGS).client);
    expect(asked).toContain("/tenantRelationships/findTenantInformationByTenantId(tenantId='t1')");
    expect(partners.map((p) => [p.tenantId, p.name, p.domain])).toEqual([
      ['t1', 'Partner Ltd', 'partner.example'],
      ['t2', null, null],
      ['t3', null, null],
    ]);
    expect(partners[0]?.unread).toBeNull();
    expect(partners[1]?.unread).toContain('knows no organization with this tenant ID');
    expect(partners[2]?.unread).toContain('CrossTenantInformation.ReadBasic.All');
  });

  it('finds an inviter role on a later page of memberOf, so a guest inviter in many groups may invite', async () => {
    serveGraph((url) =>
      url === NEXT
        ? { body: { value: [{ roleTemplateId: GUEST_INVITER }] } }
        : url.startsWith('/me/memberOf')
          ? { body: { value: [{ id: 'g1' }], '@odata.nextLink': NEXT } }
          : url.startsWith('/me')
            ? { body: { id: 'me', userType: 'Member' } }
            : { body: { allowInvitesFrom: 'adminsAndGuestInviters' } },
    );
    const { invite } = await precheck(graphSession(SANDBOX_SETTINGS));
    expect(invite.allowed).toBe(true);
  });
});
