import type { Settings } from '../../../common/config.ts';
import { AppError, ErrorCodes, errorWords } from '../../../common/errors.ts';
import { type ActivationDraft, activationProblem, type MyAccess } from '../../../common/my-access.ts';
import { graphSession } from '../../services/graph/client.ts';
import { myApps, withPaths } from './apps.ts';
import { myDirectory } from './directory.ts';
import { myRoles, myTenants, rolePolicy } from './roles.ts';

/**
 * Everything "My access" shows, read side by side as the person signed in. A part that cannot be read (no ARM
 * access, Power BI not consented) is said in words beside the rest, which is still shown.
 */
export async function myAccess(settings: Settings): Promise<MyAccess> {
  // Side by side: only the licence paths wait for my licences, and only once the apps are read.
  const [directory, tenants, roles, apps] = await Promise.allSettled([
    myDirectory(graphSession(settings).client),
    myTenants(settings),
    myRoles(settings),
    myApps(settings),
  ]);
  if (directory.status === 'rejected') throw directory.reason;
  const problems: MyAccess['problems'] = [];
  const kept = <T>(section: MyAccess['problems'][number]['section'], r: PromiseSettledResult<T>, none: T): T => {
    if (r.status === 'fulfilled') return r.value;
    if (r.reason instanceof AppError && [ErrorCodes.interactionRequired, ErrorCodes.notSignedIn].some((c) => c === r.reason.code))
      throw r.reason;
    problems.push({ section, message: errorWords(r.reason) });
    return none;
  };
  const { eligible, active } = kept('roles', roles, { eligible: [], active: [] });
  return {
    ...directory.value,
    tenants: kept('tenants', tenants, []),
    eligible,
    active,
    apps: withPaths(
      kept('apps', apps, []),
      directory.value.licenses.map((l) => l.skuId),
    ),
    problems,
  };
}

/** The background checks an activation against the role's policy too: the popup's form is only the first check. */
export async function checkedActivation(settings: Settings, draft: ActivationDraft): Promise<ActivationDraft> {
  const policy = await rolePolicy(settings, draft.scope, draft.roleDefinitionId);
  const problem = activationProblem(draft, policy, Date.now());
  if (problem) throw new AppError(ErrorCodes.invalidActivation, problem);
  return draft;
}
