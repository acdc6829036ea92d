import { useMemo } from 'react';
import { Field } from './Field';
import {
  PROXY_OPTIONS,
  machineTimeZone,
  timeZoneChoices,
  type FieldErrors,
  type FormValues,
} from './formModel';

interface Props {
  values: FormValues;
  errors: FieldErrors;
  set(field: keyof FormValues): (value: string) => void;
}

/** The zone the district's dates mean: Canvas CSV term and enrollment dates are written in it. */
export function TimeZoneField({ values, errors, set }: Props) {
  const zones = useMemo(() => timeZoneChoices(values.timeZone), [values.timeZone]);
  return (
    <div className="canvas-settings">
      <Field
        label="Time zone"
        name="timeZone"
        errors={errors}
        help="Term and enrollment dates sent to Canvas are written in this zone."
      >
        {(id, invalid) => (
          <select
            id={id}
            value={values.timeZone}
            onChange={(e) => set('timeZone')(e.target.value)}
            aria-invalid={invalid}
          >
            <option value="">{`This computer's (${machineTimeZone()})`}</option>
            {zones.map((zone) => (
              <option key={zone} value={zone}>
                {zone}
              </option>
            ))}
          </select>
        )}
      </Field>
    </div>
  );
}

/** Proxy and extra trusted CA for district networks behind a web filter (saved with the profile, not secret). */
export function NetworkFields({ values, errors, set }: Props) {
  return (
    <fieldset className="canvas-settings network-settings">
      <legend>Network</legend>
      <fieldset className="auth-choice">
        <legend>Proxy</legend>
        {PROXY_OPTIONS.map((opt) => (
          <label
            key={opt.value}
            className={values.proxyMode === opt.value ? 'radio-card selected' : 'radio-card'}
          >
            <input
              type="radio"
              name="proxyMode"
              value={opt.value}
              checked={values.proxyMode === opt.value}
              onChange={() => set('proxyMode')(opt.value)}
            />
            <span className="radio-title">{opt.label}</span>
            <span className="radio-help">{opt.help}</span>
          </label>
        ))}
      </fieldset>
      {values.proxyMode === 'manual' && (
        <Field
          label="Proxy URL"
          name="proxyUrl"
          errors={errors}
          help="e.g. http://proxy.district.k12:8080 (no user name or password here)"
        >
          {(id, invalid) => (
            <input
              id={id}
              value={values.proxyUrl}
              onChange={(e) => set('proxyUrl')(e.target.value)}
              aria-invalid={invalid}
              placeholder="http://host:port"
              spellCheck={false}
            />
          )}
        </Field>
      )}
      <Field
        label="Extra trusted CA file"
        name="caFile"
        errors={errors}
        help="Path to a PEM file, e.g. your web filter's root certificate. Leave empty if not needed."
      >
        {(id, invalid) => (
          <input
            id={id}
            value={values.caFile}
            onChange={(e) => set('caFile')(e.target.value)}
            aria-invalid={invalid}
            placeholder="/path/to/filter-root.pem"
            spellCheck={false}
          />
        )}
      </Field>
    </fieldset>
  );
}
