import { useMemo, useState } from 'react';
import { ImportJobEvent, ImportJobResult, type BundleKind } from '../../../shared/ipc/channels/snapshots';
import type { IpcError } from '../../../shared/ipc/define';
import { call, toDisplayError } from '../../api/client';
import { useCancelJob, useJob } from '../../app/jobs';
import { setJobSlot, useJobSlot } from '../../app/jobSlots';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Icon } from '../../components/Icon';
import { formatCount, plural } from '../../format';
import { ProgressBar } from '../pull/ProgressTable';

const SHOWN_PROBLEMS = 6;

/** "Import OneRoster CSV": pick a zip or a folder in the native dialog, import it as a snapshot of the district. */
export function ImportCsvButtons({ profileId, disabled }: { profileId: string; disabled: boolean }) {
  const [error, setError] = useState<IpcError | undefined>();
  const [choosing, setChoosing] = useState(false);

  const choose = async (kind: BundleKind) => {
    setError(undefined);
    setChoosing(true);
    try {
      const { path } = await call('dialog:openCsvBundle', { kind });
      if (path === null) return;
      const { jobId } = await call('snapshots:importCsv', { profileId, path });
      setJobSlot('import', profileId, jobId);
    } catch (err) {
      setError(toDisplayError(err));
    } finally {
      setChoosing(false);
    }
  };

  return (
    <div className="import-buttons">
      <div className="btn-group" role="group" aria-label="Import OneRoster CSV">
        <span className="btn-group-label">Import CSV</span>
        <button
          type="button"
          className="btn btn-small"
          onClick={() => void choose('zip')}
          disabled={disabled || choosing}
        >
          <Icon name="upload" size={14} />
          Zip file…
        </button>
        <button
          type="button"
          className="btn btn-small"
          onClick={() => void choose('folder')}
          disabled={disabled || choosing}
        >
          Folder…
        </button>
      </div>
      {error && <ErrorNotice error={error} onDismiss={() => setError(undefined)} />}
    </div>
  );
}

/** The running or last import of this district: progress, then its outcome and the problems it reported. */
export function ImportStatus({ profileId }: { profileId: string }) {
  const jobId = useJobSlot('import', profileId)?.jobId;
  const job = useJob(jobId);
  const [dismissed, setDismissed] = useState<string | undefined>();
  const [cancelError, setCancelError] = useState<IpcError | undefined>();
  const cancel = useCancelJob(jobId, setCancelError);

  const progress = useMemo(() => {
    const events = job?.events ?? [];
    const last = events[events.length - 1];
    const parsed = last === undefined ? undefined : ImportJobEvent.safeParse(last);
    return parsed?.success ? parsed.data : undefined;
  }, [job?.events]);

  if (!jobId || !job || dismissed === jobId) return null;
  const dismiss = () => setDismissed(jobId);

  if (!job.done) {
    const pct =
      progress && progress.bytesTotal > 0
        ? Math.round((progress.bytesDone / progress.bytesTotal) * 100)
        : null;
    return (
      <>
        <div className="banner banner-running import-status" role="status">
          <span className="spinner" aria-hidden="true" />
          <div className="import-body">
            <strong>Importing CSV bundle…</strong>
            <span className="muted">
              {progress
                ? ` ${progress.file} · ${plural(progress.rows, 'row', 'rows')}`
                : ' Opening the bundle'}
            </span>
            <ProgressBar percent={pct} busy label="Import progress" />
          </div>
          <button type="button" className="btn btn-small" onClick={() => void cancel()}>
            <Icon name="stop" size={14} />
            Cancel
          </button>
        </div>
        {cancelError && <ErrorNotice error={cancelError} onDismiss={() => setCancelError(undefined)} />}
      </>
    );
  }

  if (!job.done.ok) {
    return job.done.error ? <ErrorNotice error={job.done.error} onDismiss={dismiss} /> : null;
  }
  const parsed = ImportJobResult.safeParse(job.done.result);
  if (!parsed.success) return null;
  const result = parsed.data;
  const total = Object.values(result.counts).reduce((n, c) => n + c, 0);
  const problems = result.errors;
  const errors = problems.filter((p) => p.severity === 'error').length;
  const tone = result.status !== 'complete' ? 'bad' : errors > 0 ? 'warn' : 'ok';
  return (
    <section
      className={`banner import-result result-${tone}`}
      aria-label="Import result"
      data-status={result.status}
    >
      <Icon
        name={tone === 'ok' ? 'pass' : tone === 'warn' ? 'warn' : 'fail'}
        size={22}
        className="result-icon"
      />
      <div className="import-body">
        <strong>
          {result.status === 'complete'
            ? `CSV bundle imported: ${plural(total, 'record', 'records')}`
            : `The import ${result.status === 'cancelled' ? 'was cancelled' : 'failed'}`}
        </strong>
        {result.error && <p className="muted">{result.error}</p>}
        {problems.length > 0 && (
          <ul className="problem-list" aria-label="Import problems">
            {problems.slice(0, SHOWN_PROBLEMS).map((p, i) => (
              <li key={i} className={`problem problem-${p.severity}`}>
                <span className="mono">
                  {p.file}
                  {p.line !== null ? `:${p.line}` : ''}
                  {p.column ? ` (${p.column})` : ''}
                </span>{' '}
                {p.message}
              </li>
            ))}
            {problems.length + result.moreErrors > SHOWN_PROBLEMS && (
              <li className="muted">
                and {formatCount(problems.length + result.moreErrors - SHOWN_PROBLEMS)} more (every rejected
                row is kept in the snapshot)
              </li>
            )}
          </ul>
        )}
      </div>
      <button type="button" className="btn-icon" onClick={dismiss} aria-label="Dismiss">
        <Icon name="x" size={16} />
      </button>
    </section>
  );
}
