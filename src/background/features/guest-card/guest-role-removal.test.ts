import { beforeEach, describe, expect, it, vi } from 'vitest';
import { SANDBOX_SETTINGS } from '../../../common/config.ts';
import type { CardAzureRole } from '../../../common/guest-card.ts';

const GUEST = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const VIEWERS = '0b6f1a2c-3d4e-4f5a-8b6c-7d8e9f0a1b2c';
const RG = '/subscriptions/11111111-2222-4333-8444-555555555555/resourceGroups/rg-data';
const READER = `/subscriptions/11111111-2222-4333-8444-555555555555/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7`;
const NAME = '5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b';
const ASSIGNMENT = `${RG}/providers/Microsoft.Authorization/roleAssignments/${NAME}`;

/** What ARM lists for the guest, what the assignment's own GET answers, and each write the extension sent. */
let listed: { principalId: string; memberType: string }[] = [];
let assignmentOwner: string | null = null;
let removalTakes = true;
const writes: string[] = [];
vi.mock('../../services/arm/client.ts', () => {
  const client = {
    arm: async (_s: unknown, method: string, path: string) => {
      writes.push(`${method} ${path}`);
      if (removalTakes) {
        listed = [];
        assignmentOwner = null;
      }
      return method === 'DELETE' ? {} : { properties: { status: 'Revoked' } };
    },
    armGet: async (_s: unknown, path: string) => {
      if (path.includes('/roleAssignments/')) {
        const { AppError, ErrorCodes } = await import('../../../common/errors.ts');
        if (!assignmentOwner) throw new AppError(ErrorCodes.notFound, 'gone');
        return { properties: { principalId: assignmentOwner } };
      }
      return {
        value: listed.map((l) => ({
          properties: { scope: RG, roleDefinitionId: READER, originRoleAssignmentId: ASSIGNMENT, ...l },
        })),
      };
    },
  };
  // One page: the list as armGet answers it.
  return {
    ...client,
    armList: async (st: unknown, path: string, v: string) => ({
      items: ((await client.armGet(st, path)) as { value?: unknown[] }).value ?? [],
      complete: true,
      read: 0,
      v,
    }),
  };
});
const { removeRole } = await import('./guest-role-removal.ts');

const role = (removal: CardAzureRole['removal']): CardAzureRole => ({
  removal,
  roleDefinitionId: READER,
  roleName: 'Reader',
  scope: RG,
  scopeWords: 'rg-data',
  end: null,
  ...(removal === 'assignment' ? { assignmentId: ASSIGNMENT } : {}),
});
const remove = (removal: CardAzureRole['removal']) =>
  removeRole(SANDBOX_SETTINGS, role(removal), GUEST, crypto.randomUUID(), false);

beforeEach(() => {
  writes.length = 0;
  removalTakes = true;
});

describe('taking an Azure role back from a guest card', () => {
  it('removes the guest’s own direct assignment, and says removed once ARM no longer lists it', async () => {
    listed = [{ principalId: GUEST, memberType: 'Direct' }];
    assignmentOwner = GUEST;
    expect(await remove('assignment')).toBe('removed');
    expect(writes).toEqual([`DELETE ${ASSIGNMENT}`]);
  });

  it('never deletes a group’s assignment the guest holds through the group', async () => {
    listed = [{ principalId: GUEST, memberType: 'Group' }];
    assignmentOwner = VIEWERS;
    await expect(remove('assignment')).rejects.toMatchObject({ code: 'policy_refused', message: /as Group/ });
    await expect(remove('scheduledAssignment')).rejects.toMatchObject({ code: 'policy_refused' });
    await expect(remove('eligibility')).rejects.toMatchObject({ code: 'policy_refused' });
    expect(writes).toEqual([]);
  });

  it('never deletes an assignment whose principal is not the guest, however ARM lists it', async () => {
    listed = [{ principalId: GUEST, memberType: 'Direct' }];
    assignmentOwner = VIEWERS;
    await expect(remove('assignment')).rejects.toMatchObject({ code: 'policy_refused' });
    listed = [{ principalId: GUEST, memberType: 'Inherited' }];
    await expect(remove('eligibility')).rejects.toMatchObject({ code: 'policy_refused', message: /as Inherited/ });
    expect(writes).toEqual([]);
  });

  it('says plainly that the role is still there when ARM accepted the removal but still lists it', async () => {
    listed = [{ principalId: GUEST, memberType: 'Direct' }];
    assignmentOwner = GUEST;
    removalTakes = false;
    await expect(remove('eligibility')).rejects.toMatchObject({ message: /still lists Reader at rg-data/ });
    await expect(remove('assignment')).rejects.toMatchObject({ message: /still lists Reader at rg-data/ });
    expect(writes).toHaveLength(2);
  });
});
