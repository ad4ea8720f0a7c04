/** Azure Resource Manager ids: parsing the ones found in portal URLs into their canonical form. */

export interface ArmId {
  /** Canonical id: `subscriptions`, `resourceGroups` and `providers` spelled as ARM does, subscription id lowercased. */
  scope: string;
  subscriptionId: string;
  resourceGroup?: string;
  /** `Namespace/type[/childType...]`; `Microsoft.Resources/...` for a subscription or resource group. */
  resourceType: string;
  /** The last name in the id: the resource's own, the resource group's or the subscription id. */
  name: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isGuid(value: string | null | undefined): value is string {
  return typeof value === 'string' && GUID.test(value);
}

/** Percent-decodes `value` until it stops changing (portal links are sometimes encoded twice); null if malformed. */
export function decodeFully(value: string): string | null {
  let current = value;
  for (let round = 0; round < 3 && current.includes('%'); round++) {
    try {
      current = decodeURIComponent(current);
    } catch {
      return null;
    }
  }
  return current;
}

const is = (segment: string | undefined, word: string): boolean => segment?.toLowerCase() === word.toLowerCase();

/**
 * Reads an ARM id from the start of `path` (slash-separated, already decoded) and ignores whatever follows it.
 * After `providers/<Namespace>` an id is type/name pairs, so an odd trailing segment is a portal blade, not part of the id.
 */
export function parseArmId(path: string): ArmId | null {
  const segments = path.split('/').filter(Boolean);
  const [subscriptions, subscription] = segments;
  if (!is(subscriptions, 'subscriptions') || !isGuid(subscription)) return null;
  const subscriptionId = subscription.toLowerCase();
  let id: ArmId = {
    scope: `/subscriptions/${subscriptionId}`,
    subscriptionId,
    resourceType: 'Microsoft.Resources/subscriptions',
    name: subscriptionId,
  };
  let i = 2;
  const group = segments[3];
  if (is(segments[2], 'resourceGroups') && group) {
    id = {
      ...id,
      scope: `${id.scope}/resourceGroups/${group}`,
      resourceGroup: group,
      resourceType: 'Microsoft.Resources/resourceGroups',
      name: group,
    };
    i = 4;
  }
  // A loop, because extension resources nest a second `providers/<Namespace>` inside the first resource's id.
  while (is(segments[i], 'providers')) {
    const [namespace, type, name] = segments.slice(i + 1, i + 4);
    if (!namespace || !type || !name) break;
    id = { ...id, scope: `${id.scope}/providers/${namespace}/${type}/${name}`, resourceType: `${namespace}/${type}`, name };
    i += 4;
    for (;;) {
      const [child, childName] = segments.slice(i, i + 2);
      if (!child || !childName || is(child, 'providers')) break;
      id = { ...id, scope: `${id.scope}/${child}/${childName}`, resourceType: `${id.resourceType}/${child}`, name: childName };
      i += 2;
    }
  }
  return id;
}
