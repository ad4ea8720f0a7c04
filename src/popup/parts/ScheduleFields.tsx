import { t } from '../../common/i18n.ts';
import { MAX_SCHEDULE_DAYS, scheduleProblem } from '../../logic/azure.ts';
import { type AzureChoice, toSchedule } from './azure-choice.ts';

const today = () => new Date(Date.now() - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
const inDays = (from: string, days: number) => new Date(Date.parse(from) + days * 86_400_000).toISOString().slice(0, 10);

/** Eligible or active; from now or a date; for some days, until a date, or (said plainly) with no end. */
export function ScheduleFields({ choice, onChoice }: { choice: AzureChoice; onChoice: (c: AzureChoice) => void }) {
  const set = (change: Partial<AzureChoice>) => onChoice({ ...choice, ...change });
  const problem = scheduleProblem(toSchedule(choice), Date.now());
  const days = typeof choice.end === 'object' && 'days' in choice.end ? choice.end.days : 7;
  const endOn = typeof choice.end === 'object' && 'on' in choice.end ? choice.end.on : inDays(choice.startOn ?? today(), 7);
  return (
    <div class="schedule">
      <fieldset>
        <legend>{t('scheduleType')}</legend>
        <label class="check">
          <input type="radio" name="kind" checked={choice.kind === 'eligible'} onChange={() => set({ kind: 'eligible' })} />
          {t('scheduleEligible')}
        </label>
        <label class="check">
          <input type="radio" name="kind" checked={choice.kind === 'active'} onChange={() => set({ kind: 'active' })} />
          {t('scheduleActive')}
        </label>
      </fieldset>
      <fieldset>
        <legend>{t('scheduleStarts')}</legend>
        <label class="check">
          <input type="radio" name="start" checked={choice.startOn === null} onChange={() => set({ startOn: null })} />
          {t('scheduleNow')}
        </label>
        <label class="check">
          <input type="radio" name="start" checked={choice.startOn !== null} onChange={() => set({ startOn: today() })} />
          {t('scheduleOn')}
        </label>
        <input
          aria-label={t('scheduleStartDate')}
          type="date"
          min={today()}
          value={choice.startOn ?? ''}
          onInput={(e) => set({ startOn: e.currentTarget.value || null })}
        />
      </fieldset>
      <fieldset class="ends">
        <legend>{t('scheduleEnds')}</legend>
        <label class="check">
          <input
            type="radio"
            name="end"
            checked={typeof choice.end === 'object' && 'days' in choice.end}
            onChange={() => set({ end: { days } })}
          />
          {t('scheduleAfter')}
        </label>
        <input
          aria-label={t('scheduleNumberOfDays')}
          type="number"
          min={1}
          max={MAX_SCHEDULE_DAYS}
          style={{ width: '4em' }}
          value={days}
          onInput={(e) => set({ end: { days: Math.round(Number(e.currentTarget.value)) || 0 } })}
        />
        {t('scheduleDaysUnit')}
        <label class="check">
          <input
            type="radio"
            name="end"
            checked={typeof choice.end === 'object' && 'on' in choice.end}
            onChange={() => set({ end: { on: endOn } })}
          />
          {t('scheduleOn')}
        </label>
        <input
          aria-label={t('scheduleEndDate')}
          type="date"
          min={choice.startOn ?? today()}
          value={endOn}
          onInput={(e) => set({ end: { on: e.currentTarget.value } })}
        />
        <label class="check">
          <input type="radio" name="end" checked={choice.end === 'never'} onChange={() => set({ end: 'never' })} />
          {t('scheduleNever')}
        </label>
      </fieldset>
      {choice.end === 'never' ? (
        <div class="warning" data-testid="role-permanent">
          {choice.kind === 'eligible' ? t('schedulePermanentEligible') : t('schedulePermanentActive')}
        </div>
      ) : null}
      {problem ? (
        <div class="field-error" role="alert">
          {problem}
        </div>
      ) : null}
    </div>
  );
}
