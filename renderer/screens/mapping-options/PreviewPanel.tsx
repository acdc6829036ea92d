import type { MappingPreview } from '../../../shared/ipc/channels/settings';
import type { IpcError } from '../../../shared/ipc/define';
import { CANVAS_TYPES } from '../../../shared/plan/types';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatCount } from '../../format';
import { PLAN_LABEL } from '../findings/text';
import { ROLE_LABEL, SECTIONS, type RoleKey } from './fields';

/** Current → proposed plan counts per Canvas type, with the differences highlighted. */
export function PreviewPanel({
  preview,
  error,
  loading,
}: {
  preview: MappingPreview | undefined;
  error: IpcError | undefined;
  loading: boolean;
}) {
  const types = CANVAS_TYPES.filter(
    (t) => t !== 'user_observers' || (preview && (preview.current[t] > 0 || preview.proposed[t] > 0)),
  );
  return (
    <section className="panel preview-panel" aria-labelledby="preview-title" aria-busy={loading}>
      <div className="panel-head">
        <h2 id="preview-title">What changes in Canvas</h2>
        {loading && <span className="spinner" role="status" aria-label="Updating preview" />}
      </div>
      {error && <ErrorNotice error={error} />}
      {!preview && !error && <p className="muted">Computing the plan…</p>}
      {preview && (
        <>
          <table className="data-table preview-table" data-testid="mapping-preview">
            <thead>
              <tr>
                <th>Canvas rows</th>
                <th className="num">Saved</th>
                <th className="num">Proposed</th>
                <th className="num">Change</th>
              </tr>
            </thead>
            <tbody>
              {types.map((t) => {
                const delta = preview.proposed[t] - preview.current[t];
                return (
                  <tr key={t} data-type={t} className={delta !== 0 ? 'changed' : undefined}>
                    <td>{PLAN_LABEL[t]}</td>
                    <td className="num" data-col="current">
                      {formatCount(preview.current[t])}
                    </td>
                    <td className="num" data-col="proposed">
                      {formatCount(preview.proposed[t])}
                    </td>
                    <td className={`num delta ${delta > 0 ? 'delta-up' : delta < 0 ? 'delta-down' : ''}`}>
                      {delta === 0 ? '—' : `${delta > 0 ? '+' : '−'}${formatCount(Math.abs(delta))}`}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <p className="muted small preview-note">
            {preview.changed.length === 0
              ? 'No unsaved changes: this is the current plan.'
              : `Not saved yet: ${preview.changed.map(optionLabel).join(', ')}.`}
          </p>
        </>
      )}
    </section>
  );
}

/** "roleMap.administrator" → "Role: Administrator"; "courseMode" → its label in the editor. */
function optionLabel(key: string): string {
  const [head, role] = key.split('.');
  if (head === 'roleMap' && role) return `Canvas role for ${ROLE_LABEL[role as RoleKey] ?? role}`;
  for (const section of SECTIONS) {
    const field = section.fields.find((f) => f.key === head);
    if (field) return field.label;
  }
  return key;
}
