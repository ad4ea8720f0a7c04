import type { Settings } from '../../../common/config.ts';
import { errorWords } from '../../../common/errors.ts';
import type { GuestCard } from '../../../common/guest-card.ts';
import type { SignedInAccount } from '../../../common/model.ts';
import { needsSignIn } from '../../engine/rules.ts';
import { graphSession } from '../../services/graph/client.ts';
import { guestDirectory } from '../../services/graph/guests.ts';
import { activity } from '../activity/activity-log.ts';
import { audiencesByGroup, workspaceRolesOf } from './guest-access.ts';
import { azureRolesOf } from './guest-azure.ts';

/**
 * A guest's card: the directory's part in one JSON batch, then Power BI and ARM side by side (ARM in every
 * subscription the admin can read, whatever page the popup is on). A part that cannot be read is said beside the rest.
 */
export async function guestCard(
  settings: Settings,
  account: SignedInAccount,
  userId: string,
  { allWorkspaces = false, readAudiencesAgain = false }: { allWorkspaces?: boolean; readAudiencesAgain?: boolean } = {},
): Promise<GuestCard> {
  const directory = await guestDirectory(graphSession(settings).client, userId);
  const names = [directory.identity.mail ?? '', directory.identity.userPrincipalName];
  const [workspaces, audiences, azure, history] = await Promise.allSettled([
    workspaceRolesOf(settings, names, allWorkspaces),
    audiencesByGroup(settings, account, readAudiencesAgain),
    azureRolesOf(settings, userId),
    activity(account, 'all'),
  ]);
  const problems: GuestCard['problems'] = [...directory.problems];
  const kept = <T>(section: GuestCard['problems'][number]['section'], r: PromiseSettledResult<T>, none: T): T => {
    if (r.status === 'fulfilled') return r.value;
    if (needsSignIn(r.reason)) throw r.reason;
    problems.push({ section, message: errorWords(r.reason) });
    return none;
  };
  const byGroup = audiences.status === 'fulfilled' ? audiences.value.byGroup : new Map<string, string[]>();
  const roles = kept('azure', azure, null);
  const pbi = kept('workspaces', workspaces, null);
  const addresses = new Set(names.filter(Boolean).map((n) => n.toLowerCase()));
  return {
    identity: directory.identity,
    groups: directory.groups.map((g) => ({ ...g, audienceOf: byGroup.get(g.id) ?? [] })),
    groupsRead: directory.groupsRead,
    audiencesRead: audiences.status === 'fulfilled' ? audiences.value.read : null,
    licenses: directory.licenses,
    workspaces: pbi?.roles ?? null,
    workspacesRead: pbi?.extent ?? null,
    azure: roles,
    audits: directory.audits,
    ...(directory.auditMissing ? { auditMissing: directory.auditMissing } : {}),
    // This account's own entries only, newest first, as its Activity tab lists them.
    activity: (history.status === 'fulfilled' ? history.value : []).filter((e) => addresses.has(e.subject.toLowerCase())),
    problems,
  };
}
