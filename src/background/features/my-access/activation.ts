import type { Settings } from '../../../common/config.ts';
import { AppError, ErrorCodes } from '../../../common/errors.ts';
import { t } from '../../../common/i18n.ts';
import { type Activation, type ActivationDraft, isoMinutes } from '../../../common/my-access.ts';
import { scopePath } from '../../../logic/arm-id.ts';
import { arm, armGet } from '../../services/arm/client.ts';
import { path } from '../../services/url-path.ts';

const AUTH = '/providers/Microsoft.Authorization';
const PIM = '2020-10-01';

interface ScheduleRequest {
  properties: {
    status?: string;
    scheduleInfo?: { startDateTime?: string; expiration?: { endDateTime?: string | null; duration?: string | null } };
  };
}

export type RequestAnswer = NonNullable<Activation['result']>;

const requestPath = (scope: string, name: string) => `${scopePath(scope)}${AUTH}${path`/roleAssignmentScheduleRequests/${name}`}`;

function answer(r: ScheduleRequest, a: Activation): RequestAnswer {
  const info = r.properties.scheduleInfo;
  const start = info?.startDateTime ?? null;
  const minutes = a.kind === 'activate' ? (a.draft as ActivationDraft).minutes : 0;
  const end =
    info?.expiration?.endDateTime ?? (start && minutes ? new Date(Date.parse(start) + minutes * 60_000).toISOString() : null);
  return { status: r.properties.status ?? 'Provisioned', start, end };
}

function body(a: Activation) {
  const common = { principalId: a.principalId, roleDefinitionId: a.draft.roleDefinitionId };
  if (a.kind === 'deactivate') return { properties: { ...common, requestType: 'SelfDeactivate' } };
  const d = a.draft as ActivationDraft;
  return {
    properties: {
      ...common,
      requestType: 'SelfActivate',
      linkedRoleEligibilityScheduleId: d.eligibilityScheduleId,
      justification: d.justification.trim() || undefined,
      ...(d.ticketNumber.trim()
        ? { ticketInfo: { ticketNumber: d.ticketNumber.trim(), ticketSystem: d.ticketSystem.trim() || undefined } }
        : {}),
      scheduleInfo: {
        startDateTime: d.start ?? new Date().toISOString(),
        expiration: { type: 'AfterDuration', duration: isoMinutes(d.minutes) },
      },
    },
  };
}

/** The request under its name, or null when ARM has none by that name. */
async function lookUp(settings: Settings, a: Activation): Promise<RequestAnswer | null> {
  try {
    return answer(await armGet<ScheduleRequest>(settings, requestPath(a.draft.scope, a.requestName), PIM), a);
  } catch (e) {
    if (e instanceof AppError && e.code === ErrorCodes.notFound) return null;
    throw e;
  }
}

/**
 * The SelfActivate or SelfDeactivate request, sent under the activation's own name. When an earlier send went
 * unanswered (`mayExist`) it is looked up by that name first, and a refusal that says it exists is looked up too,
 * so a worker stopped mid-request never makes a second one.
 */
export async function sendSelfRequest(settings: Settings, a: Activation, mayExist: boolean): Promise<RequestAnswer> {
  if (mayExist) {
    const there = await lookUp(settings, a);
    if (there) return there;
  }
  try {
    return answer(await arm<ScheduleRequest>(settings, 'PUT', requestPath(a.draft.scope, a.requestName), PIM, body(a)), a);
  } catch (e) {
    const exists = e instanceof AppError && (e.code === ErrorCodes.roleAssignmentExists || e.code === ErrorCodes.requestPending);
    const there = exists ? await lookUp(settings, a) : null;
    if (there) return there;
    throw e;
  }
}

/** Where a request waiting for approval stands now. */
export async function requestNow(settings: Settings, a: Activation): Promise<RequestAnswer> {
  const there = await lookUp(settings, a);
  if (!there) throw new AppError(ErrorCodes.notFound, t('azureRequestGone'));
  return there;
}
