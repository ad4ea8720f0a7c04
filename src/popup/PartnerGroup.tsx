import { useState } from 'preact/hooks';
import { ErrorNote } from '../shared/ErrorNote.tsx';
import type { GuestChangeRecord, PartnerGroupDraft } from '../shared/guest-card.ts';
import { send } from '../shared/send.ts';
import { ConfirmChange } from './ConfirmChange.tsx';

type Preview = { draft: PartnerGroupDraft; admitted: { id: string; displayName: string; mail: string | null }[] };

/**
 * A dynamic security group for every guest of the partner's domain: the rule, who it admits today, and what it
 * takes (Entra ID P1; the audience is set in Power BI itself, which has no API for it).
 */
export function PartnerGroup({
  domain,
  guest,
  onStarted,
}: {
  domain: string;
  guest: GuestChangeRecord['guest'];
  onStarted: () => void;
}) {
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<unknown>(null);
  if (!preview)
    return (
      <div>
        <button
          type="button"
          class="secondary"
          onClick={() => send('previewPartnerGroup', { domain }).then(setPreview, setError)}
        >
          Propose a group for all guests from {domain}
        </button>
        {error ? <ErrorNote error={error} /> : null}
      </div>
    );
  return (
    <div class="note" data-testid="partner-group">
      <p>
        <strong>{preview.draft.displayName}</strong>, a dynamic security group with the rule
      </p>
      <code class="mono" data-testid="partner-rule">
        {preview.draft.membershipRule}
      </code>
      <p>
        It would admit these {preview.admitted.length} users now, and every guest from {domain} invited later:
      </p>
      <ul data-testid="partner-admitted">
        {preview.admitted.map((u) => (
          <li key={u.id}>
            {u.displayName} <span class="muted">{u.mail}</span>
          </li>
        ))}
      </ul>
      <p class="muted">
        Dynamic groups need a Microsoft Entra ID P1 licence for each member. To make it a Power BI app's audience, open the app's
        workspace in Power BI, choose Update app › Audience, and add the group there (Power BI has no API for it).
      </p>
      <ConfirmChange
        label="Create the group"
        guest={guest}
        change={{ kind: 'createGroup', group: preview.draft }}
        onStarted={onStarted}
      />
    </div>
  );
}
