import { t } from '../../common/i18n.ts';
import { MAX_SCHEDULE_DAYS, scheduleProblem } from '../../logic/azure.ts';
import { type AzureChoice, toSchedule } from './azure-choice.ts';

const today = () => new Date(Date.now() - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
const inDays = (from: string, days: number) => new Date(Date.parse(from) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * The schedule as one sentence the person changes in place: "[Eligible (PIM) | Active] [for] 7 days [from now]".
 * Each control names what it sets (issue 25: two radios both called "On", one for the start and one for the end,
 * left the reader to guess which was which); a date field shows only when its choice needs one.
 */
export function ScheduleFields({ choice, onChoice }: { choice: AzureChoice; onChoice: (c: AzureChoice) => void }) {
  const set = (change: Partial<AzureChoice>) => onChoice({ ...choice, ...change });
  const problem = scheduleProblem(toSchedule(choice), Date.now());
  const ends = choice.end === 'never' ? 'never' : 'days' in choice.end ? 'days' : 'on';
  const days = typeof choice.end === 'object' && 'days' in choice.end ? choice.end.days : 7;
  const endOn = typeof choice.end === 'object' && 'on' in choice.end ? choice.end.on : inDays(choice.startOn ?? today(), 7);
  const endAs = (value: string) => set({ end: value === 'never' ? 'never' : value === 'on' ? { on: endOn } : { days } });
  return (
    <div class="schedule">
      <fieldset class="sentence">
        <legend class="sr-only">{t('scheduleLegend')}</legend>
        <span class="segmented" role="radiogroup" aria-label={t('scheduleType')}>
          {(['eligible', 'active'] as const).map((kind) => (
            <label key={kind}>
              <input type="radio" name="kind" checked={choice.kind === kind} onChange={() => set({ kind })} />
              {kind === 'eligible' ? t('scheduleEligible') : t('scheduleActive')}
            </label>
          ))}
        </span>
        <select aria-label={t('scheduleEnds')} value={ends} onChange={(e) => endAs(e.currentTarget.value)}>
          <option value="days">{t('scheduleFor')}</option>
          <option value="on">{t('scheduleUntil')}</option>
          <option value="never">{t('scheduleNoEnd')}</option>
        </select>
        {ends === 'days' ? (
          <span class="days">
            <input
              aria-label={t('scheduleNumberOfDays')}
              type="number"
              min={1}
              max={MAX_SCHEDULE_DAYS}
              value={days}
              onInput={(e) => set({ end: { days: Math.round(Number(e.currentTarget.value)) || 0 } })}
            />
            {t('scheduleDaysUnit')}
          </span>
        ) : null}
        {ends === 'on' ? (
          <input
            aria-label={t('scheduleEndDate')}
            type="date"
            min={choice.startOn ?? today()}
            value={endOn}
            onInput={(e) => set({ end: { on: e.currentTarget.value } })}
          />
        ) : null}
        <select
          aria-label={t('scheduleStarts')}
          value={choice.startOn === null ? 'now' : 'on'}
          onChange={(e) => set({ startOn: e.currentTarget.value === 'now' ? null : today() })}
        >
          <option value="now">{t('scheduleFromNow')}</option>
          <option value="on">{t('scheduleFromDate')}</option>
        </select>
        {choice.startOn !== null ? (
          <input
            aria-label={t('scheduleStartDate')}
            type="date"
            min={today()}
            value={choice.startOn}
            onInput={(e) => set({ startOn: e.currentTarget.value || null })}
          />
        ) : null}
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
