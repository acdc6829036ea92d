import { useId } from 'react';
import type { MappingOptions } from '../../../shared/mapping/options';
import { CANVAS_ROLES, ROLE_KEYS, ROLE_LABEL, type OptionField } from './fields';

type RoleMap = MappingOptions['roleMap'];

/** One mapping option as a labelled control with its help text; `changed` marks an unsaved edit. */
export function OptionInput({
  field,
  value,
  changed,
  onChange,
}: {
  field: OptionField;
  value: unknown;
  changed: boolean;
  onChange(value: unknown): void;
}) {
  const id = useId();
  const helpId = `${id}-help`;
  const cls = changed ? 'option-field option-changed' : 'option-field';
  if (field.kind === 'switch') {
    return (
      <div className={cls} data-option={field.key}>
        <label className="option-switch">
          <input
            type="checkbox"
            checked={value === true}
            aria-describedby={helpId}
            onChange={(e) => onChange(e.target.checked)}
          />
          <span className="field-label">{field.label}</span>
        </label>
        <p id={helpId} className="field-help">
          {field.help}
        </p>
      </div>
    );
  }
  if (field.kind === 'text') {
    const nullable = field.key === 'rootOrgId';
    return (
      <div className={cls} data-option={field.key}>
        <label htmlFor={id} className="field-label">
          {field.label}
        </label>
        <input
          id={id}
          type="text"
          value={typeof value === 'string' ? value : ''}
          placeholder={field.placeholder}
          aria-describedby={helpId}
          onChange={(e) => onChange(nullable && e.target.value.trim() === '' ? null : e.target.value)}
        />
        <p id={helpId} className="field-help">
          {field.help}
        </p>
      </div>
    );
  }
  const long = field.choices.some((c) => c.help);
  return (
    <fieldset className={cls} data-option={field.key} aria-describedby={helpId}>
      <legend className="field-label">{field.label}</legend>
      <p id={helpId} className="field-help">
        {field.help}
      </p>
      <div className={long ? 'option-cards' : 'option-radios'}>
        {field.choices.map((c) => (
          <label key={c.value} className={long ? 'radio-card option-card' : 'option-radio'}>
            <input
              type="radio"
              name={id}
              value={c.value}
              checked={value === c.value}
              onChange={() => onChange(c.value)}
            />
            <span>
              <span className="radio-title">{c.label}</span>
              {c.help && <span className="radio-help">{c.help}</span>}
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** OneRoster enrollment role → Canvas role ("not enrolled" = null, reported as ENR-ROLE-UNMAPPED). */
export function RoleMapEditor({
  value,
  saved,
  onChange,
}: {
  value: RoleMap;
  saved: RoleMap;
  onChange(v: RoleMap): void;
}) {
  return (
    <fieldset className="option-field" data-option="roleMap">
      <legend className="field-label">Canvas role for each OneRoster role</legend>
      <p className="field-help">
        “Not enrolled” leaves those enrollments out of Canvas (finding ENR-ROLE-UNMAPPED).
      </p>
      <div className="role-grid">
        {ROLE_KEYS.map((role) => {
          const current = value[role];
          const options = [
            ...CANVAS_ROLES,
            ...(current && !(CANVAS_ROLES as readonly string[]).includes(current) ? [current] : []),
          ];
          return (
            <label key={role} className={current !== saved[role] ? 'role-row option-changed' : 'role-row'}>
              <span>{ROLE_LABEL[role]}</span>
              <select
                value={current ?? ''}
                aria-label={`Canvas role for ${ROLE_LABEL[role].toLowerCase()}`}
                onChange={(e) =>
                  onChange({ ...value, [role]: e.target.value === '' ? null : e.target.value })
                }
              >
                {options.map((o) => (
                  <option key={o} value={o}>
                    {o}
                  </option>
                ))}
                <option value="">Not enrolled</option>
              </select>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
