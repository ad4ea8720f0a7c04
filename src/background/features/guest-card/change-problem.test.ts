import { describe, expect, it } from 'vitest';
import type { GuestChangeRecord } from '../../../common/guest-card.ts';
import { changeProblem } from './change-problem.ts';

/** As the card sends it and changes.ts stores it: the ids as Graph read them, the request name the background's. */
const stored = (change: unknown): Pick<GuestChangeRecord, 'guest' | 'change' | 'requestName' | 'activationRequestName'> => ({
  guest: { id: '0A1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D', mail: 'nora@partner.example', displayName: 'Nora' },
  change: change as GuestChangeRecord['change'],
  requestName: crypto.randomUUID(),
});

describe('a stored guest change', () => {
  it('passes as the current version writes it', () => {
    expect(
      changeProblem(
        stored({
          kind: 'removeLicense',
          license: { skuId: 'F30DB892-07E9-47E9-837C-80727F46FD3D', skuPartNumber: 'POWER_BI_PRO' },
        }),
      ),
    ).toBeNull();
    expect(
      changeProblem(stored({ kind: 'addSponsor', sponsor: { id: '0b6f1a2c-3d4e-4f5a-8b6c-7d8e9f0a1b2c', displayName: 'Lee' } })),
    ).toBeNull();
  });

  it('is refused, without throwing, when a part the card sends is missing', () => {
    for (const change of [{ kind: 'addSponsor' }, { kind: 'removeLicense', license: null }, { kind: 'deleteUser' }]) {
      expect(() => changeProblem(stored(change))).not.toThrow();
      expect(changeProblem(stored(change))).toBe('the stored change is not one the extension makes');
    }
  });

  it('is refused when the guest is not named as the card names them', () => {
    const r = stored({ kind: 'leaveGroup', group: { id: '0b6f1a2c-3d4e-4f5a-8b6c-7d8e9f0a1b2c', displayName: 'Sales' } });
    expect(changeProblem({ ...r, guest: { id: r.guest.id } as never })).toBe('the stored change is not one the extension makes');
  });

  it('ends an activation only at a scope of the grammar, under a request name the background chose', () => {
    const SUB = '/subscriptions/11111111-2222-4333-8444-555555555555';
    const role = {
      removal: 'eligibility',
      roleDefinitionId: `${SUB}/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7`,
      roleName: 'Reader',
      scope: `${SUB}/resourceGroups/rg-data`,
      scopeWords: 'Resource group rg-data',
      end: null,
      activation: { scope: `${SUB}/resourceGroups/rg-data`, end: null },
    };
    const r = stored({ kind: 'removeAzureRole', role, endActivation: true });
    expect(changeProblem({ ...r, activationRequestName: crypto.randomUUID() })).toBeNull();
    expect(changeProblem({ ...r, activationRequestName: 'not-a-guid' })).toBe(
      'the stored change names an id the extension would not write',
    );
    const elsewhere = { ...role, activation: { scope: `${SUB}/resourcegroups/rg-data/../..`, end: null } };
    expect(changeProblem(stored({ kind: 'removeAzureRole', role: elsewhere, endActivation: true }))).toBe(
      'the stored activation is not of a scope the extension accepts',
    );
    const { activation: _none, ...without } = role;
    expect(changeProblem(stored({ kind: 'removeAzureRole', role: without, endActivation: true }))).toBe(
      'the stored activation is not of a scope the extension accepts',
    );
  });
});
