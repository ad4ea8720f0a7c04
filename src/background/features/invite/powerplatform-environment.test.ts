import { describe, expect, it, vi } from 'vitest';
import { SANDBOX_SETTINGS } from '../../../common/config.ts';
import { elevatingRolesFilter } from '../../../logic/power-platform.ts';

vi.mock('../../../common/browser.ts', () => import('../../../../test/support/fake-extension.ts'));

const ROLES = [
  {
    roleid: 'b0000000-0000-4000-8000-000000000001',
    name: 'Basic User',
    _roletemplateid_value: '236750cd-45ae-4939-ab12-b24b920ced93',
  },
  {
    roleid: 'b0000000-0000-4000-8000-000000000002',
    name: 'System Customizer',
    _roletemplateid_value: '119f245c-3cc8-4b62-b31c-d1a046ced15d',
  },
  { roleid: 'b0000000-0000-4000-8000-000000000003', name: 'Sales Assistant', _roletemplateid_value: null },
  { roleid: 'b0000000-0000-4000-8000-000000000004', name: 'Delegated Admin', _roletemplateid_value: null },
];
// Dataverse as the environment answers: every role, and the ones holding an elevating privilege.
const answer = vi.hoisted(() => ({ privilegesReadable: true }));
vi.mock('../../services/powerplatform/client.ts', () => ({
  dataverseList: async (_settings: unknown, _url: string, path: string) => {
    if (!path.includes('$filter')) return { items: ROLES };
    if (!answer.privilegesReadable) throw new Error('lambda filters refused');
    expect(decodeURIComponent(path)).toContain(elevatingRolesFilter);
    return { items: [{ roleid: 'B0000000-0000-4000-8000-000000000003' }, { roleid: 'b0000000-0000-4000-8000-000000000004' }] };
  },
  bap: async () => ({}),
}));

const { environmentRoles } = await import('./powerplatform-environment.ts');
const confirmed = async () =>
  (await environmentRoles(SANDBOX_SETTINGS, 'https://contoso.crm.dynamics.com/')).filter((r) => r.confirm).map((r) => r.name);

describe('environmentRoles', () => {
  it('asks to confirm System Customizer and any role that may assign roles or change the system, whatever its name', async () => {
    answer.privilegesReadable = true;
    expect(await confirmed()).toEqual(['System Customizer', 'Delegated Admin', 'Sales Assistant']);
  });

  it('still knows the broad templates when the privileges cannot be read', async () => {
    answer.privilegesReadable = false;
    expect(await confirmed()).toEqual(['System Customizer']);
  });
});
