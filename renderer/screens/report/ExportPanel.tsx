import { useState } from 'react';
import type { ExportedReportFile, FormatAvailability } from '../../../shared/ipc/channels/report';
import type { IpcError } from '../../../shared/ipc/define';
import { PageSize, type ReportFormat } from '../../../shared/report/model';
import { call, toDisplayError } from '../../api/client';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Icon } from '../../components/Icon';
import { plural } from '../../format';
import { DEFAULT_FORMATS, FORMAT_INFO, formatBytes } from './text';

/** The folder picked in this app run (main only writes into folders picked through its dialog). */
let lastFolder: string | null = null;

/** Formats, page size, output folder, Export, and the list of written files. */
export function ExportPanel({
  profileId,
  formats,
  pageSize,
  onPageSize,
}: {
  profileId: string;
  formats: readonly FormatAvailability[];
  pageSize: PageSize;
  onPageSize(size: PageSize): void;
}) {
  const available = new Set(formats.filter((f) => f.available).map((f) => f.format));
  const [chosen, setChosen] = useState<ReadonlySet<ReportFormat>>(
    () => new Set(DEFAULT_FORMATS.filter((f) => available.has(f))),
  );
  const [folder, setFolder] = useState<string | null>(lastFolder);
  const [busy, setBusy] = useState(false);
  const [files, setFiles] = useState<ExportedReportFile[] | undefined>();
  const [error, setError] = useState<IpcError | undefined>();
  const selected = formats.filter((f) => f.available && chosen.has(f.format)).map((f) => f.format);

  const toggle = (format: ReportFormat, on: boolean) =>
    setChosen((prev) => {
      const next = new Set(prev);
      if (on) next.add(format);
      else next.delete(format);
      return next;
    });

  const chooseFolder = async () => {
    setError(undefined);
    try {
      const { path } = await call('dialog:chooseFolder', { title: 'Choose where to save the report' });
      if (path !== null) {
        lastFolder = path;
        setFolder(path);
      }
    } catch (err) {
      setError(toDisplayError(err));
    }
  };

  const runExport = async () => {
    if (!folder || selected.length === 0) return;
    setBusy(true);
    setError(undefined);
    setFiles(undefined);
    try {
      const out = await call('report:export', { profileId, formats: selected, pageSize, outDir: folder });
      setFiles(out.files);
    } catch (err) {
      setError(toDisplayError(err));
    } finally {
      setBusy(false);
    }
  };

  const reveal = async (path: string) => {
    try {
      await call('report:reveal', { path });
    } catch (err) {
      setError(toDisplayError(err));
    }
  };

  return (
    <section className="panel report-export" aria-labelledby="report-export-title">
      <div className="panel-head">
        <h2 id="report-export-title">Export</h2>
        <span className="muted small">{plural(selected.length, 'format', 'formats')} chosen</span>
      </div>
      <fieldset className="report-formats">
        <legend className="field-label">Formats</legend>
        {formats.map((f) => (
          <label key={f.format} className={f.available ? 'format-option' : 'format-option unavailable'}>
            <input
              type="checkbox"
              name="format"
              value={f.format}
              checked={f.available && chosen.has(f.format)}
              disabled={!f.available || busy}
              onChange={(e) => toggle(f.format, e.target.checked)}
            />
            <span className="format-text">
              <span className="format-label">{FORMAT_INFO[f.format].label}</span>
              <span className="muted small">{f.available ? FORMAT_INFO[f.format].detail : f.reason}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <fieldset className="report-page-size" disabled={busy}>
        <legend className="field-label">Page size (PDF and HTML)</legend>
        {PageSize.options.map((size) => (
          <label key={size} className="inline-option">
            <input
              type="radio"
              name="page-size"
              value={size}
              checked={pageSize === size}
              onChange={() => onPageSize(size)}
            />
            {size}
          </label>
        ))}
      </fieldset>
      <div className="report-folder">
        <span className="field-label">Save to</span>
        <div className="folder-row">
          <span
            className={folder ? 'mono folder-path' : 'muted folder-path'}
            data-testid="report-folder"
            title={folder ?? undefined}
          >
            {folder ?? 'No folder chosen yet'}
          </span>
          <button type="button" className="btn btn-small" onClick={() => void chooseFolder()} disabled={busy}>
            Choose folder…
          </button>
        </div>
      </div>
      <div className="form-actions">
        <button
          type="button"
          className="btn btn-primary"
          onClick={() => void runExport()}
          disabled={busy || !folder || selected.length === 0}
          aria-describedby={!folder ? 'report-export-why' : undefined}
        >
          <Icon name="download" size={16} />
          {busy ? 'Exporting…' : 'Export'}
        </button>
        {!folder && (
          <span id="report-export-why" className="muted small">
            Choose a folder first.
          </span>
        )}
        {busy && (
          <span className="muted small" role="status">
            <span className="spinner spinner-inline" aria-hidden="true" /> Writing{' '}
            {plural(selected.length, 'file', 'files')}…
          </span>
        )}
      </div>
      {error && <ErrorNotice error={error} onDismiss={() => setError(undefined)} />}
      {files && (
        <div className="report-files" role="status" aria-label="Written files">
          <p className="ok-text">
            <Icon name="pass" size={16} /> Wrote {plural(files.length, 'file', 'files')}
          </p>
          <ul>
            {files.map((f) => (
              <li key={f.path} data-format={f.format}>
                <span className="file-name mono" title={f.path}>
                  {f.name}
                </span>
                <span className="muted small">{formatBytes(f.bytes)}</span>
                <button type="button" className="btn btn-small" onClick={() => void reveal(f.path)}>
                  Show in folder
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
