import { useState } from 'preact/hooks';
import { t } from '../../common/i18n.ts';
import type { PowerPlatformGrantRequest } from '../../common/power-platform-schema.ts';

/** The article's last step, "notify your invited users": the environment's link to send the guest. */
export function EnvironmentLink({ environment }: { environment: PowerPlatformGrantRequest }) {
  const [copied, setCopied] = useState(false);
  return (
    <div class="pbi" data-testid="environment-link">
      <label for="environmentUrl">{t('envLinkSend', environment.environmentName)}</label>
      <div class="row">
        <input id="environmentUrl" readOnly value={environment.url} onFocus={(e) => e.currentTarget.select()} />
        <button type="button" onClick={() => navigator.clipboard.writeText(environment.url).then(() => setCopied(true))}>
          {copied ? t('copied') : t('copy')}
        </button>
      </div>
    </div>
  );
}
