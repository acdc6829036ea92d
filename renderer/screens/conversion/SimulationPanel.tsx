import { useState, type FormEvent } from 'react';
import type { ConversionState } from '../../../shared/ipc/channels/conversion';
import type { IpcError } from '../../../shared/ipc/define';
import type { ThresholdSimulation } from '../../../shared/conversion/types';
import { formatPercent, THRESHOLDED, thresholdShare } from '../../../shared/conversion/shares';
import { ImportMode, type ImportModeKind } from '../../../shared/sync/import-mode';
import { call, toDisplayError } from '../../api/client';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatCount, plural } from '../../format';
import { SIM_LABEL } from './text';

const MODES: ReadonlyArray<{ value: ImportModeKind; label: string; help: string }> = [
  { value: 'standard', label: 'Standard', help: 'Only rows in the file change; nothing is deleted.' },
  {
    value: 'batch',
    label: 'Batch (one term)',
    help: 'Deletes the term’s SIS objects missing from the file.',
  },
  { value: 'diffing', label: 'Diffing', help: 'Compares with the last import of the same data set.' },
];

interface Draft {
  mode: ImportModeKind;
  termId: string;
  dataSetId: string;
  dropStatus: ImportMode['dropStatus'];
  threshold: string;
}

function draftOf(m: ImportMode): Draft {
  return {
    mode: m.mode,
    termId: m.termId,
    dataSetId: m.dataSetId,
    dropStatus: m.dropStatus,
    threshold: m.changeThreshold === null ? '' : String(m.changeThreshold),
  };
}

/**
 * What a SIS import in the chosen mode would do per type and term, and the percentages Canvas's change_threshold
 * compares. The chosen mode is saved for the district (the sync uses it too). Keyed by the saved mode, so the
 * form starts over from it after each save.
 */
export function SimulationPanel({
  profileId,
  state,
  onChanged,
}: {
  profileId: string;
  state: ConversionState;
  onChanged(): void;
}) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(state.importMode));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<IpcError | undefined>();
  const sim = state.summary!.simulation;

  const termName = new Map(state.terms.map((t) => [t.id, t.name]));
  // What batch mode would replace: the SIS courses Canvas holds in each term today.
  const coursesInCanvas = new Map(
    sim.rows.filter((r) => r.type === 'courses' && r.term !== null).map((r) => [r.term!, r.existing]),
  );
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const threshold = draft.threshold.trim();
    const parsed = ImportMode.safeParse({
      ...state.importMode,
      mode: draft.mode,
      termId: draft.mode === 'batch' ? draft.termId : '',
      dataSetId: draft.dataSetId.trim(),
      dropStatus: draft.dropStatus,
      changeThreshold: threshold === '' ? null : Number(threshold),
    });
    if (!parsed.success) {
      setError({
        code: 'invalid_input',
        message: 'The change threshold must be a whole number from 1 to 100.',
        hint: 'Leave it empty to send no threshold.',
      });
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await call('conversion:simulate', { profileId, importMode: parsed.data, save: true });
      onChanged();
    } catch (err) {
      setError(toDisplayError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="simulation">
      <form className="panel sim-form" onSubmit={submit} aria-label="Import mode">
        <fieldset className="auth-choice sim-modes">
          <legend>Import mode</legend>
          {MODES.map((m) => (
            <label key={m.value} className={draft.mode === m.value ? 'radio-card selected' : 'radio-card'}>
              <input
                type="radio"
                name="import-mode"
                value={m.value}
                checked={draft.mode === m.value}
                onChange={() => setDraft((d) => ({ ...d, mode: m.value }))}
              />
              <span className="radio-title">{m.label}</span>
              <span className="radio-help">{m.help}</span>
            </label>
          ))}
        </fieldset>
        <div className="sim-options">
          {draft.mode === 'batch' && (
            <label className="field">
              <span className="field-label">Term</span>
              <select
                value={draft.termId}
                onChange={(e) => setDraft((d) => ({ ...d, termId: e.target.value }))}
              >
                <option value="">Choose a term…</option>
                {state.terms.map((t) => (
                  <option key={t.id} value={t.id} data-courses={coursesInCanvas.get(t.id) ?? 0}>
                    {t.name} ({t.id}) · {plural(coursesInCanvas.get(t.id) ?? 0, 'course', 'courses')} in
                    Canvas
                  </option>
                ))}
              </select>
            </label>
          )}
          {draft.mode === 'diffing' && (
            <label className="field">
              <span className="field-label">Data set id</span>
              <input
                value={draft.dataSetId}
                onChange={(e) => setDraft((d) => ({ ...d, dataSetId: e.target.value }))}
                placeholder="e.g. oneroster-nightly"
                spellCheck={false}
              />
            </label>
          )}
          {draft.mode !== 'standard' && (
            <label className="field">
              <span className="field-label">Missing enrollments become</span>
              <select
                value={draft.dropStatus}
                onChange={(e) =>
                  setDraft((d) => ({ ...d, dropStatus: e.target.value as Draft['dropStatus'] }))
                }
              >
                <option value="deleted">deleted</option>
                <option value="completed">completed</option>
                <option value="inactive">inactive</option>
              </select>
            </label>
          )}
          <label className="field">
            <span className="field-label">change_threshold (%)</span>
            <input
              inputMode="numeric"
              value={draft.threshold}
              onChange={(e) => setDraft((d) => ({ ...d, threshold: e.target.value }))}
              placeholder="none"
            />
          </label>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? 'Simulating…' : 'Simulate'}
          </button>
        </div>
        {error && <ErrorNotice error={error} onDismiss={() => setError(undefined)} />}
      </form>
      <ThresholdBars sim={sim} />
      <SimulationTable sim={sim} termName={termName} />
    </div>
  );
}

function ThresholdBars({ sim }: { sim: ThresholdSimulation }) {
  const limit = sim.importMode.changeThreshold;
  return (
    <section className="threshold-bars" aria-label="Deletions compared with change_threshold">
      {THRESHOLDED.map((t) => {
        const value = sim.percentages[t];
        const over = sim.exceeds.includes(t);
        // The count beside the share, from the same rows the table below lists (one formula: shared/conversion/shares).
        const share = thresholdShare(sim.rows, sim.importMode, t);
        return (
          <div key={t} className={over ? 'panel threshold over' : 'panel threshold'} data-type={t}>
            <div className="threshold-head">
              <span>{SIM_LABEL[t]} deleted</span>
              <strong data-testid={`threshold-${t}`}>{formatPercent(value, share.count)}</strong>
              <span className="muted small" data-testid={`threshold-${t}-count`}>
                {formatCount(share.count)} of {formatCount(share.of)}
              </span>
            </div>
            <div className="threshold-track" aria-hidden="true">
              <span className="threshold-fill" style={{ width: `${Math.min(100, value)}%` }} />
              {limit !== null && <span className="threshold-limit" style={{ left: `${limit}%` }} />}
            </div>
            <span className="muted small">
              {limit === null
                ? 'No change_threshold sent'
                : over
                  ? `Above the ${limit} % threshold: Canvas would refuse the import`
                  : `Within the ${limit} % threshold`}
            </span>
          </div>
        );
      })}
    </section>
  );
}

function SimulationTable({ sim, termName }: { sim: ThresholdSimulation; termName: Map<string, string> }) {
  const cell = (n: number, kind: string) => (
    <td className={n > 0 ? `num sim-${kind}` : 'num muted'}>{formatCount(n)}</td>
  );
  return (
    <div className="panel sim-table-wrap">
      <table className="sim-table" aria-label="Simulated changes per type and term">
        <thead>
          <tr>
            <th scope="col">Type</th>
            <th scope="col">Term</th>
            <th scope="col" className="num">
              Create
            </th>
            <th scope="col" className="num">
              Update
            </th>
            <th scope="col" className="num">
              Delete
            </th>
            <th scope="col" className="num">
              Conclude
            </th>
            <th scope="col" className="num">
              Unchanged
            </th>
            <th scope="col" className="num">
              In Canvas today
            </th>
          </tr>
        </thead>
        <tbody>
          {sim.rows.map((r) => (
            <tr key={`${r.type}:${r.term ?? ''}`} data-type={r.type} data-term={r.term ?? ''}>
              <th scope="row">{SIM_LABEL[r.type]}</th>
              <td className="muted">{r.term === null ? '—' : (termName.get(r.term) ?? r.term)}</td>
              {cell(r.create, 'create')}
              {cell(r.update, 'update')}
              {cell(r.delete, 'delete')}
              {cell(r.conclude, 'conclude')}
              {cell(r.unchanged, 'unchanged')}
              <td className="num">{formatCount(r.existing)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
