import { t } from '../../common/i18n.ts';
import { type AzureRoleOption, type AzureSchedule, scheduleProblem } from '../../logic/azure.ts';

export interface AzureChoice {
  role?: AzureRoleOption;
  kind: 'eligible' | 'active';
  /** A start date (YYYY-MM-DD, local), or null for now. */
  startOn: string | null;
  end: { days: number } | { on: string } | 'never';
  /** The person confirmed a role that needs it (Owner and the like). */
  confirmed: boolean;
}

/** Eligible through PIM, from now, for 7 days: bounded unless the person chooses otherwise. */
export const DEFAULT_AZURE_CHOICE: AzureChoice = { kind: 'eligible', startOn: null, end: { days: 7 }, confirmed: false };

/** The choice as the background takes it: dates become instants (local midnight; an end date ends that day). */
export function toSchedule(c: AzureChoice): AzureSchedule {
  // An unfinished date stays empty, and scheduleProblem says what is missing.
  const local = (day: string, time: string) => {
    const d = new Date(`${day}T${time}`);
    return Number.isNaN(d.getTime()) ? '' : d.toISOString();
  };
  const end = c.end === 'never' ? null : 'days' in c.end ? { afterDays: c.end.days } : { at: local(c.end.on, '23:59:59') };
  return { kind: c.kind, start: c.startOn ? local(c.startOn, '00:00:00') : null, end };
}

/**
 * Why the role choice cannot go ahead as it is, in words, or null: no role (an invitation alone) goes, a role needs
 * its confirmation when it is broad, and a sound schedule.
 */
export function azureChoiceProblem(c: AzureChoice, now = Date.now()): string | null {
  if (!c.role) return null;
  if (c.role.risk && !c.confirmed) return t('azureConfirmFirst', c.role.name);
  return scheduleProblem(toSchedule(c), now);
}
