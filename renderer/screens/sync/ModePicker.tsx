import { useId } from 'react';
import { ImportModeKind, type ImportMode } from '../../../shared/sync/import-mode';
import { MODE_INFO } from './text';

const DROP_STATUSES = ['deleted', 'completed', 'inactive'] as const;

/** Import mode (standard / batch + term / diffing + data set id), drop status, change_threshold, stickiness. */
export function ModePicker({
  value,
  terms,
  disabled,
  onChange,
}: {
  value: ImportMode;
  terms: ReadonlyArray<{ id: string; name: string }>;
  disabled: boolean;
  onChange(next: ImportMode): void;
}) {
  const id = useId();
  const set = <K extends keyof ImportMode>(key: K, v: ImportMode[K]) => onChange({ ...value, [key]: v });
  return (
    <fieldset className="sync-mode" disabled={disabled}>
      <legend className="visually-hidden">Import mode</legend>
      <div className="mode-cards" role="radiogroup" aria-label="Import mode">
        {ImportModeKind.options.map((mode) => (
          <label key={mode} className={value.mode === mode ? 'radio-card selected' : 'radio-card'}>
            <input
              type="radio"
              name="import-mode"
              value={mode}
              checked={value.mode === mode}
              onChange={() => set('mode', mode)}
            />
            <span className="radio-title">{MODE_INFO[mode].label}</span>
            <span className="radio-help">{MODE_INFO[mode].help}</span>
          </label>
        ))}
      </div>

      <div className="mode-fields">
        {value.mode === 'batch' && (
          <div className="field">
            <label htmlFor={`${id}-term`}>Term (batch_mode_term_id)</label>
            <select
              id={`${id}-term`}
              value={value.termId}
              onChange={(e) => set('termId', e.target.value)}
              aria-invalid={value.termId === ''}
            >
              <option value="">Choose the term…</option>
              {terms.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name} ({t.id})
                </option>
              ))}
            </select>
            {value.termId === '' && <span className="field-error">Batch mode needs a term.</span>}
          </div>
        )}
        {value.mode === 'diffing' && (
          <div className="field">
            <label htmlFor={`${id}-dataset`}>Data set id (diffing_data_set_identifier)</label>
            <input
              id={`${id}-dataset`}
              type="text"
              value={value.dataSetId}
              maxLength={128}
              placeholder="e.g. oneroster:all:2026-2027"
              onChange={(e) => set('dataSetId', e.target.value)}
              aria-invalid={value.dataSetId.trim() === ''}
            />
            <span className="field-help">Keep the same id for every sync of this feed.</span>
          </div>
        )}
        {value.mode !== 'standard' && (
          <div className="field">
            <label htmlFor={`${id}-drop`}>Missing enrollments become</label>
            <select
              id={`${id}-drop`}
              value={value.dropStatus}
              onChange={(e) => set('dropStatus', e.target.value as ImportMode['dropStatus'])}
            >
              {DROP_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor={`${id}-threshold`}>Change threshold (%)</label>
          <input
            id={`${id}-threshold`}
            type="number"
            min={1}
            max={100}
            step={1}
            inputMode="numeric"
            placeholder="none"
            value={value.changeThreshold ?? ''}
            onChange={(e) => {
              const n = Number(e.target.value);
              set(
                'changeThreshold',
                e.target.value === '' || !Number.isInteger(n) ? null : Math.min(100, Math.max(1, n)),
              );
            }}
          />
          <span className="field-help">Canvas stops deleting when more than this share would go.</span>
        </div>
        <label className="check-option">
          <input
            type="checkbox"
            checked={value.overrideStickiness}
            onChange={(e) => set('overrideStickiness', e.target.checked)}
          />
          <span>
            Override stickiness
            <span className="field-help"> — overwrite names and dates edited in Canvas</span>
          </span>
        </label>
      </div>
    </fieldset>
  );
}
