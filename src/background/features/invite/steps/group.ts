import { t } from '../../../../common/i18n.ts';
import { type OperationStep, stepOf } from '../../../../common/operation.ts';
import { missed, succeed } from '../../../engine/rules.ts';
import { defineBatchStep, inputOf } from '../../../engine/steps.ts';
import { BATCH_LIMIT } from '../../../services/graph/batch.ts';
import { itemAppError } from '../../../services/graph/errors.ts';
import { addGroupMembers } from '../../../services/graph/groups.ts';

/** The group the guest joins: a Power BI audience group, or an environment's security group. */
export interface GroupInput {
  groupId: string;
}

export interface GroupResult {
  kind: 'group';
  /** Added now (false: already a member). */
  added: boolean;
}

/** The due units' group joins, in one JSON batch. */
export const groupStep = defineBatchStep<'group', GroupInput, GroupResult>('group', {
  limit: BATCH_LIMIT,
  needsGuest: true,
  take: async (pool, units, s) => {
    const stepFor = (u: (typeof units)[number]) => stepOf(pool.steps(u), 'group') as OperationStep;
    const answers = await addGroupMembers(
      s.graph.client,
      units.map((u) => ({
        userId: pool.guestId(u) ?? '',
        groupId: inputOf<GroupInput, typeof u>(pool, u, 'group')?.groupId ?? '',
      })),
    );
    for (const [n, u] of units.entries()) {
      const a = answers[n] ?? { error: t('graphNoAnswer'), status: 0 };
      if ('added' in a) succeed(pool, u, stepFor(u), { kind: 'group', added: a.added } satisfies GroupResult);
      // Throttled past the batch's own retries, or unavailable: tried again later, by the same rules as any step.
      else missed(pool, u, stepFor(u), itemAppError(a.status, a.error));
    }
    return 0;
  },
  entry: (op, base) => [{ ...base, action: 'group', detail: t('loggedGroup', op.powerBi?.group?.displayName ?? '') }],
});
