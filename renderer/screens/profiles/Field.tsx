import { useId, type ReactNode } from 'react';
import type { FieldErrors, FieldName } from './formModel';

/** A labelled profile-form input with its error (from the shared schema) or help line under it. */
export function Field({
  label,
  name,
  errors,
  help,
  children,
}: {
  label: string;
  name: FieldName;
  errors: FieldErrors;
  help?: string;
  children: (id: string, invalid: true | undefined) => ReactNode;
}) {
  const id = useId();
  const error = errors[name];
  return (
    <div className={error ? 'field has-error' : 'field'} data-field={name}>
      <label htmlFor={id}>{label}</label>
      {children(id, error ? true : undefined)}
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : (
        help && <p className="field-help">{help}</p>
      )}
    </div>
  );
}
