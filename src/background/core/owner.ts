import type { SignedInAccount } from '../../common/model.ts';

/** Who confirmed a unit of queued work: the tenant and the account's object id in it, and the name to show. */
export interface Owner {
  tenantId: string;
  principalId: string;
  username: string;
}

export const ownerOf = (account: SignedInAccount): Owner => ({
  tenantId: account.tenantId,
  principalId: account.id,
  username: account.username,
});

/**
 * Whether the account signed in is the one that confirmed the unit. Queued work is sent with this account's token and
 * shown to it alone: a record without an owner (written before owners were kept) belongs to nobody.
 */
export function ownedBy(account: SignedInAccount | null | undefined, unit: Partial<Owner>): boolean {
  return (
    !!account &&
    typeof unit.principalId === 'string' &&
    unit.principalId.length > 0 &&
    unit.principalId.toLowerCase() === account.id.toLowerCase() &&
    unit.tenantId?.toLowerCase() === account.tenantId.toLowerCase()
  );
}
