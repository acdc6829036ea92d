import { useState } from 'react';
import type { ProfileView } from '../../../shared/ipc/channels/profiles';
import type { PageSize } from '../../../shared/report/model';
import { useApp } from '../../app/state';
import { EmptyState, NoDistrictState, NoSnapshotState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Icon } from '../../components/Icon';
import { formatDateTime } from '../../format';
import { useEvaluation } from '../findings/useEvaluation';
import { ExportPanel } from './ExportPanel';
import { ReportContents } from './ReportContents';
import { useReportPreview } from './useReportPreview';
import './report.css';

export function ReportScreen() {
  const app = useApp();
  const active = app.activeProfile;
  if (!active) {
    return (
      <NoDistrictState icon="document" title="No district to report on yet">
        <p>
          Add a district (or open the demo district), pull and evaluate it; its readiness report is built
          here.
        </p>
      </NoDistrictState>
    );
  }
  return <ReportPanel key={active.profile.id} view={active} />;
}

function ReportPanel({ view }: { view: ProfileView }) {
  const { profile } = view;
  const evaluation = useEvaluation(profile.id);
  const [pageSize, setPageSize] = useState<PageSize>('A4');
  const evaluationKey = evaluation.data?.summary?.evaluationId;
  const { data, error } = useReportPreview(profile.id, pageSize, evaluationKey);

  if (error) return <ErrorNotice error={error} />;
  if (!data) {
    return (
      <div className="banner banner-running" role="status">
        <span className="spinner" aria-hidden="true" />
        <strong>Building the report…</strong>
      </div>
    );
  }
  if (data.preview === null) {
    if (!data.latestSnapshot) {
      return (
        <NoSnapshotState icon="document" title="Nothing to report on yet">
          <p>
            The report describes a pulled and evaluated snapshot. Pull {profile.name} (or import a CSV bundle)
            first.
          </p>
        </NoSnapshotState>
      );
    }
    return (
      <EmptyState
        icon="document"
        title="Evaluate the snapshot to build its report"
        actions={
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => void evaluation.start()}
            disabled={evaluation.running}
          >
            <Icon name="play" size={16} />
            {evaluation.running ? 'Evaluating…' : 'Evaluate now'}
          </button>
        }
      >
        <p>
          The latest snapshot ({data.latestSnapshot.label || 'unnamed'}
          {data.latestSnapshot.finishedAt ? `, ${formatDateTime(data.latestSnapshot.finishedAt)}` : ''}) has
          not been evaluated in this session.
        </p>
        {evaluation.progress && evaluation.running && (
          <p className="muted small" role="status">
            {evaluation.progress.label}
          </p>
        )}
        {evaluation.error && <ErrorNotice error={evaluation.error} onDismiss={evaluation.clearError} />}
      </EmptyState>
    );
  }

  const { model, html, formats } = data.preview;
  return (
    <div className="report-layout">
      <div className="report-side">
        <ReportContents model={model} />
        <ExportPanel profileId={profile.id} formats={formats} pageSize={pageSize} onPageSize={setPageSize} />
      </div>
      <section className="panel report-preview" aria-labelledby="report-preview-title">
        <div className="panel-head">
          <h2 id="report-preview-title">Preview</h2>
          <span className="muted small">{pageSize} · as the HTML and PDF will look</span>
        </div>
        {/* No scripts and no same-origin access: the report is a plain document. */}
        <iframe className="report-frame" title="Report preview" sandbox="" srcDoc={html} />
      </section>
    </div>
  );
}
