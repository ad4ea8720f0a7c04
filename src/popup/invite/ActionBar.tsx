import { t } from '../../common/i18n.ts';
import type { InviteDraft, Precheck } from '../../common/model.ts';
import type { ConsentState } from '../../common/setup.ts';
import { describeEmailProblem, emailProblem } from '../../logic/email.ts';
import { andList } from './grant-section.ts';

/** What the Invite button would do now, or why it cannot; `blocked`: the button is disabled. */
export interface Action {
  words: string;
  blocked: boolean;
}

/**
 * The action bar's sentence (issue 25: "a sentence before every click"): "Invite sam@northwind.example and make them
 * eligible for Storage Blob Data Reader on stdata01 until Dec 14, 2026", or why the button is disabled. An address
 * typed wrong leaves the button enabled, so a click can take the person to the address and its problem.
 */
export function describeAction(input: {
  draft: InviteDraft;
  check: Precheck | null;
  consent: ConsentState | null;
  /** Each offered section's problem and its part of the sentence. */
  grants: { problem: string | null; sentence: () => string | null }[];
}): Action {
  const { draft, check, consent, grants } = input;
  const email = draft.email.trim();
  const address = emailProblem(draft.email);
  if (address) return { words: describeEmailProblem(address), blocked: address.problem === 'empty' };
  if (check?.invite.allowed === false) return { words: t('actionNotAllowed'), blocked: true };
  if (check?.existing && !check.existing.invited) return { words: t('actionIsMember', email), blocked: true };
  const problem = grants.find((g) => g.problem)?.problem;
  if (problem) return { words: problem, blocked: true };
  const base = check?.existing?.invited
    ? t('actionResend', email)
    : draft.userType === 'Member'
      ? t('actionInviteMember', email)
      : t('actionInvite', email);
  const parts = grants.map((g) => g.sentence()).filter((s): s is string => !!s);
  const sentence = parts.length ? t('actionAnd', base, andList(parts)) : base;
  const notes = [
    draft.sendEmail ? null : t('actionNoEmail'),
    consent === 'yourConsent' ? t('actionConsentFirst') : consent === 'adminConsent' ? t('actionAdminConsentFirst') : null,
  ].filter(Boolean);
  return { words: [`${sentence}.`, ...notes].join(' '), blocked: false };
}

/** The bar at the foot of the form, always in view: the sentence, then the button it describes. */
export function ActionBar({ action, label, busy }: { action: Action; label: string; busy: boolean }) {
  return (
    <div class="action-bar" data-testid="action-bar">
      <p id="action-sentence" data-testid="action-sentence" data-blocked={action.blocked}>
        {action.words}
      </p>
      <button type="submit" disabled={busy || action.blocked} aria-busy={busy} aria-describedby="action-sentence">
        {label}
      </button>
    </div>
  );
}
