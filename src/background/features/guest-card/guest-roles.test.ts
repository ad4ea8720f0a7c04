import { describe, expect, it, vi } from 'vitest';
import { SANDBOX_SETTINGS } from '../../../common/config.ts';

const SUB = '/subscriptions/11111111-2222-4333-8444-555555555555';
const RG = `${SUB}/resourceGroups/rg-data`;
const STAR = `${RG}/providers/Microsoft.Network/dnszones/contoso.com/A/*`;
const READER = `${SUB}/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7`;
const instance = (scope: string, name: string, memberType = 'Direct') => ({
  properties: {
    scope,
    roleDefinitionId: READER,
    principalId: 'guest',
    memberType,
    expandedProperties: { roleDefinition: { displayName: name } },
  },
});
let active: ReturnType<typeof instance>[] = [];
const answer = (path: string) =>
  path.includes('roleAssignmentScheduleInstances') ? { value: active } : path.includes('Instances') ? { value: [] } : {};
vi.mock('../../services/arm/client.ts', () => ({
  arm: async () => null,
  armGet: async (_s: unknown, path: string) => answer(path),
  armList: async (_s: unknown, path: string) => ({
    items: (answer(path) as { value?: unknown[] }).value ?? [],
    complete: true,
    read: 0,
  }),
}));
const { rolesAt } = await import('./guest-roles.ts');

describe("the card's Azure roles", () => {
  it('shows a role at a scope the grammar cannot read, as ARM gave it, apart from those it can act on', async () => {
    active = [instance(STAR, 'DNS Zone Contributor'), instance(`${SUB}/resourcegroups/rg-data`, 'Reader')];
    const { roles, unreadable } = await rolesAt(SANDBOX_SETTINGS, RG, 'guest');
    expect(unreadable).toEqual([{ roleName: 'DNS Zone Contributor', scope: STAR, eligible: false, end: null }]);
    expect(roles.map((r) => [r.roleName, r.scope])).toEqual([['Reader', RG]]);
  });

  it('shows a role held through a group or from above without offering to take it back', async () => {
    active = [instance(RG, 'Reader', 'Group'), instance(RG, 'Contributor', 'Inherited'), instance(RG, 'Owner')];
    const { roles, unreadable } = await rolesAt(SANDBOX_SETTINGS, RG, 'guest');
    expect(roles.map((r) => r.roleName)).toEqual(['Owner']);
    expect(unreadable.map((r) => [r.roleName, r.notOwn])).toEqual([
      ['Reader', true],
      ['Contributor', true],
    ]);
  });

  it('leaves out roles above the page scope or beside it, readable or not', async () => {
    active = [
      instance(SUB, 'Reader'),
      instance(`${SUB}/resourceGroups/rg-other/providers/Microsoft.Network/dnszones/x.com/A/*`, 'x'),
    ];
    const { roles, unreadable } = await rolesAt(SANDBOX_SETTINGS, RG, 'guest');
    expect(roles).toEqual([]);
    expect(unreadable).toEqual([]);
  });
});
