import type { CardAzure, CardAzureRole, GuestCard, GuestChangeRecord } from '../../common/guest-card.ts';
import { t } from '../../common/i18n.ts';
import { formatDate, formatDateTime } from '../../logic/format.ts';
import { ConfirmChange } from './ConfirmChange.tsx';

const until = (end: string | null) => (end ? `, ${t('cardRoleUntil', formatDate(end))}` : `, ${t('cardRoleNoEnd')}`);
const roleKey = (r: CardAzureRole) => `${r.scope}|${r.roleDefinitionId}|${r.removal}`;

/** What was not read of the subscriptions, in sentences: those past the cap, those ARM refused. */
function readWords(azure: CardAzure): string[] {
  const words: string[] = [];
  if (!azure.read.complete)
    words.push(
      azure.read.total !== null && azure.read.total > azure.read.read
        ? t('cardSubscriptionsReadOf', azure.read.read, azure.read.total)
        : t('cardSubscriptionsReadFirst', azure.read.read),
    );
  if (azure.skipped) words.push(t('cardSubscriptionsSkipped', azure.skipped));
  return words;
}

/**
 * An eligibility's running activation, said before it is removed: Microsoft does not document that removing the
 * eligibility ends an activation made from it (learn: PIM for Azure resources, Role Eligibility Schedule Requests),
 * so the card says it may run until its end, and offers to end it in the same change.
 */
function activationWords(r: CardAzureRole): string | null {
  if (!r.activation) return null;
  return r.activation.end ? t('cardActivationRunning', formatDateTime(r.activation.end)) : t('cardActivationRunningNoEnd');
}

function RoleRow({ r, guest, onStarted }: { r: CardAzureRole; guest: GuestChangeRecord['guest']; onStarted: () => void }) {
  const activation = activationWords(r);
  return (
    <li>
      <strong>{r.roleName}</strong>{' '}
      {r.removal === 'eligibility'
        ? t('cardRoleEligibleAt', r.place ?? r.scopeWords)
        : t('cardRoleActiveAt', r.place ?? r.scopeWords)}
      {until(r.end)}
      {activation ? <span class="muted"> · {t('cardRoleActivated')}</span> : null}
      <ConfirmChange
        label={t('cardRemoveRole')}
        confirmLabel={t('cardConfirmRemoveRole')}
        danger
        guest={guest}
        change={{ kind: 'removeAzureRole', role: r }}
        {...(activation
          ? {
              summary: (
                <p class="warning" data-testid="activation-note">
                  {activation}
                </p>
              ),
              choice: {
                label: t('cardEndActivationToo'),
                change: { kind: 'removeAzureRole', role: r, endActivation: true } as const,
              },
            }
          : {})}
        onStarted={onStarted}
      />
    </li>
  );
}

/** The guest's Azure roles in every subscription the admin can read, under each subscription's name. */
export function AzureRoles({
  azure,
  guest,
  onStarted,
}: {
  azure: CardAzure;
  guest: GuestChangeRecord['guest'];
  onStarted: () => void;
}) {
  return (
    <div data-testid="card-azure">
      {readWords(azure).map((w) => (
        <p class="warning" key={w} data-testid="card-subscriptions-read">
          {w}
        </p>
      ))}
      {azure.subscriptions.length === 0 ? <p class="muted">{t('cardNoAzureRoles')}</p> : null}
      {azure.subscriptions.map((s) => (
        <section key={s.subscriptionId} aria-label={s.displayName} data-testid="card-subscription">
          <h4>{s.displayName}</h4>
          <ul class="access" data-testid="card-roles">
            {s.roles.map((r) => (
              <RoleRow key={roleKey(r)} r={r} guest={guest} onStarted={onStarted} />
            ))}
          </ul>
          <ul class="access" data-testid="card-roles-read-only">
            {s.unreadable.map((r) => (
              <li key={`${r.scope}|${r.roleName}|${r.eligible}`}>
                <strong>{r.roleName}</strong> {r.eligible ? t('cardRoleEligibleAt', r.scope) : t('cardRoleActiveAt', r.scope)}
                {until(r.end)}
                <span class="muted"> · {r.notOwn ? t('cardRoleNotOwn') : t('cardRoleReadOnly')}</span>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

/** Every Azure role on the card, one line each, named with its subscription: what a deletion takes away. */
export function azureStillLines(card: GuestCard): { key: string; text: string }[] {
  return (card.azure?.subscriptions ?? []).flatMap((s) => [
    ...s.roles.map((r) => ({
      key: roleKey(r),
      text:
        r.removal === 'eligibility'
          ? t('cardStillEligibleRole', r.roleName, r.scopeWords)
          : t('cardStillActiveRole', r.roleName, r.scopeWords),
    })),
    ...s.unreadable.map((r) => ({
      key: `${r.scope}|${r.roleName}|${r.eligible}`,
      text: r.eligible ? t('cardStillEligibleRole', r.roleName, r.scope) : t('cardStillActiveRole', r.roleName, r.scope),
    })),
  ]);
}
