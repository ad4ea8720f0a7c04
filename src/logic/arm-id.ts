import { isGuid } from './guid.ts';

/**
 * Azure Resource Manager ids: one strict grammar, used by the content-side detector on portal URLs and again by the
 * background on every scope a message carries. A scope that passes it has no separators, dot segments or escapes
 * inside its names, so the URL built from it addresses exactly the resource it names (issue 8: a portal link whose
 * name hid `%2F..%2F..` made the popup show a resource group while the grant went to the subscription).
 */

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

/** `Microsoft.Storage`, `Microsoft.Insights`: dotted words, as resource providers are named. */
const NAMESPACE = /^[A-Za-z][A-Za-z0-9]{0,63}(\.[A-Za-z][A-Za-z0-9]{0,63}){1,3}$/;
/** `storageAccounts`, `blobServices`: a resource type is one word. */
const TYPE = /^[A-Za-z][A-Za-z0-9]{0,63}$/;
/** Resource groups: 1–90 letters, digits, `_ - . ( )`, not ending in a period (Azure's naming rules). */
const GROUP = /^[\p{L}\p{N}_\-.()]{0,89}[\p{L}\p{N}_\-()]$/u;
/**
 * Resource names: letters, digits and the few marks Azure names use, never a separator (`/ \ ? # %`), a control
 * character or a name that is only dots; not starting or ending with a dot or a space.
 */
const NAME = /^[\p{L}\p{N}_(@~](?:[\p{L}\p{N}_\-.()@~:+,=' ]{0,258}[\p{L}\p{N}_\-()@~:+,=])?$/u;
/** No real id nests deeper than this; a longer one is not an id. */
const MAX_SEGMENTS = 24;
export const MAX_SCOPE_LENGTH = 1024;

const is = (segment: string | undefined, word: string): boolean => segment?.toLowerCase() === word.toLowerCase();

/**
 * Reads an ARM id from the start of `segments` (each one name, already decoded) and says how many it used. After
 * `providers/<Namespace>` an id is type/name pairs, so an odd trailing segment is a portal blade, not part of the
 * id. A segment that looks like part of the id but breaks the grammar makes the whole id null, never a shorter one.
 */
function readArmId(segments: string[]): { id: ArmId; used: number } | null {
  if (segments.length > MAX_SEGMENTS * 2) return null;
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
  if (is(segments[2], 'resourceGroups') && segments[3] !== undefined) {
    const group = segments[3];
    if (!GROUP.test(group)) return null;
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
  while (is(segments[i], 'providers') && i + 3 < segments.length) {
    const [namespace = '', type = '', name = ''] = segments.slice(i + 1, i + 4);
    if (!NAMESPACE.test(namespace) || !TYPE.test(type) || !NAME.test(name)) return null;
    id = { ...id, scope: `${id.scope}/providers/${namespace}/${type}/${name}`, resourceType: `${namespace}/${type}`, name };
    i += 4;
    while (i + 1 < segments.length && !is(segments[i], 'providers')) {
      const [child = '', childName = ''] = segments.slice(i, i + 2);
      if (!TYPE.test(child) || !NAME.test(childName)) break;
      id = { ...id, scope: `${id.scope}/${child}/${childName}`, resourceType: `${id.resourceType}/${child}`, name: childName };
      i += 2;
    }
  }
  if (i > MAX_SEGMENTS || id.scope.length > MAX_SCOPE_LENGTH) return null;
  return { id, used: i };
}

/** A segment no id or blade has: a separator or escape left after decoding, a control character, `.` or `..`. */
export function hostileSegment(segment: string): boolean {
  return segment === '.' || segment === '..' || /[/\\?#%\p{Cc}]/u.test(segment);
}

/** The id at the start of a portal route's segments (decoded), a blade may follow; null on any hostile segment. */
export function armIdAtStart(segments: string[]): ArmId | null {
  if (segments.some(hostileSegment)) return null;
  return readArmId(segments)?.id ?? null;
}

/** A whole string that is an ARM id (any spelling of the fixed words); null when anything is left over or odd. */
export function parseArmId(path: string): ArmId | null {
  if (!path.startsWith('/') || path.endsWith('/')) return null;
  const segments = path.slice(1).split('/');
  if (segments.some((s) => s === '' || hostileSegment(s))) return null;
  const read = readArmId(segments);
  return read && read.used === segments.length ? read.id : null;
}

/** A scope exactly as the extension writes it: canonical, and nothing else. What the background accepts. */
export function isArmScope(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_SCOPE_LENGTH && parseArmId(value)?.scope === value;
}

/** A role definition as ARM names it in role instances and requests: under a subscription, by GUID. */
export function isRoleDefinitionId(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    /^\/subscriptions\/[0-9a-f-]{36}\/providers\/Microsoft\.Authorization\/roleDefinitions\/[0-9a-f-]{36}$/i.test(value)
  );
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

/** A scope's path for a URL: checked against the grammar again and each segment encoded, so nothing can be resolved away. */
export function scopePath(scope: string): string {
  if (!isArmScope(scope)) throw new RangeError(`not an Azure scope: ${String(scope).slice(0, 200)}`);
  return scope.split('/').map(encodeURIComponent).join('/');
}
