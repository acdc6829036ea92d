import { useEffect, useState } from 'react';
import type { CanvasRowsView, NodeDetail, OneRosterRecordView } from '../../../shared/mapping/tree-views';
import type { IpcError } from '../../../shared/ipc/define';
import { RULES_BY_ID } from '../../../shared/rules/catalog';
import { call, toDisplayError } from '../../api/client';
import { SeverityBadge } from '../../components/Badges';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatCount, plural } from '../../format';
import { KindIcon } from './KindIcon';
import { countsText, KIND_CANVAS } from './text';
import './detail.css';

/** Fields worth reading first in each OneRoster record (the rest is in the raw JSON). */
const KEY_FIELDS: Record<string, readonly string[]> = {
  org: ['name', 'type', 'identifier', 'parentId', 'status'],
  academicSession: ['title', 'type', 'startDate', 'endDate', 'parentId', 'schoolYear', 'status'],
  course: ['title', 'courseCode', 'orgId', 'schoolYearId', 'status'],
  class: ['title', 'classCode', 'classType', 'courseId', 'schoolId', 'termIds', 'periods', 'status'],
};

const ENTITY_LABEL: Record<string, string> = {
  org: 'Org',
  academicSession: 'Academic session',
  course: 'Course',
  class: 'Class',
};

/** The selected node: its OneRoster record(s), the Canvas rows planned from them, and its findings. */
export function NodeDetailPanel({
  profileId,
  nodeId,
  onJump,
}: {
  profileId: string;
  nodeId: string;
  /** Reveal an ancestor in the tree (breadcrumb click). */
  onJump(id: string): void;
}) {
  const [answer, setAnswer] = useState<{ nodeId: string; detail?: NodeDetail; error?: IpcError }>();

  useEffect(() => {
    let live = true;
    call('mapping:node', { profileId, nodeId }).then(
      (detail) => live && setAnswer({ nodeId, detail }),
      (err: unknown) => live && setAnswer({ nodeId, error: toDisplayError(err) }),
    );
    return () => {
      live = false;
    };
  }, [profileId, nodeId]);

  const current = answer?.nodeId === nodeId ? answer : undefined;
  if (current?.error) return <ErrorNotice error={current.error} />;
  const detail = current?.detail;
  if (!detail) return <p className="muted mdetail-loading">Loading…</p>;
  const { node } = detail;
  return (
    <article className="mdetail" aria-label={`Details of ${node.name}`} data-node-id={node.id}>
      <nav className="mdetail-path" aria-label="Path">
        {detail.path.map((p) => (
          <button key={p.id} type="button" className="link-button" onClick={() => onJump(p.id)}>
            {p.name}
          </button>
        ))}
      </nav>
      <header className="mdetail-head">
        <KindIcon kind={node.kind} size={20} />
        <div>
          <h2>{node.name}</h2>
          <p className="muted small">
            {KIND_CANVAS[node.kind]} · <span className="mono">{node.sourcedId || node.canvasId}</span>
          </p>
        </div>
      </header>
      <p className="mdetail-counts">{countsText(node)}</p>
      {detail.notes.length > 0 && (
        <ul className="mdetail-notes">
          {detail.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}

      <section aria-labelledby="md-findings">
        <h3 id="md-findings">
          Findings <span className="pill">{formatCount(detail.findings.total)}</span>
        </h3>
        {detail.findings.total === 0 ? (
          <p className="muted small">
            {node.badges.blocker + node.badges.warning + node.badges.info > 0
              ? 'None on this item itself; the badge counts findings further down.'
              : 'No findings here.'}
          </p>
        ) : (
          <ul className="mdetail-findings">
            {detail.findings.items.map((f) => (
              <li key={`${f.ruleId}|${f.entityType}|${f.sourcedId}`} data-rule={f.ruleId}>
                <div className="mdetail-finding-head">
                  <SeverityBadge severity={f.severity} />
                  <span className="mono small">{f.ruleId}</span>
                  <span className="muted small">{ruleTitle(f.ruleId)}</span>
                </div>
                <p>{f.message}</p>
                <p className="finding-remedy">{f.remedy}</p>
              </li>
            ))}
            {detail.findings.total > detail.findings.items.length && (
              <li className="muted small">
                and {formatCount(detail.findings.total - detail.findings.items.length)} more: see Findings.
              </li>
            )}
          </ul>
        )}
      </section>

      <section aria-labelledby="md-canvas">
        <h3 id="md-canvas">Planned Canvas rows</h3>
        {detail.canvas.length === 0 ? (
          <p className="muted small">The root account is not written to accounts.csv.</p>
        ) : (
          detail.canvas.map((rows) => <CanvasRows key={rows.file} rows={rows} />)
        )}
      </section>

      <section aria-labelledby="md-oneroster">
        <h3 id="md-oneroster">OneRoster {detail.oneRoster.length === 1 ? 'record' : 'records'}</h3>
        {detail.oneRoster.map((r) => (
          <RecordCard key={`${r.entityType}:${r.sourcedId}`} record={r} />
        ))}
        {detail.oneRosterMore > 0 && (
          <p className="muted small">and {plural(detail.oneRosterMore, 'more record', 'more records')}.</p>
        )}
      </section>
    </article>
  );
}

function ruleTitle(ruleId: string): string {
  return RULES_BY_ID.get(ruleId)?.title ?? '';
}

/** One row: CSV-like key/value pairs; several: a small table (first rows only when there are many). */
function CanvasRows({ rows }: { rows: CanvasRowsView }) {
  const single = rows.rows.length === 1 && rows.total === 1;
  return (
    <div className="mcanvas" data-file={rows.file}>
      <div className="mcanvas-head">
        <span className="mono">{rows.file}.csv</span>
        <span className="muted small">
          {rows.total > rows.rows.length
            ? `first ${formatCount(rows.rows.length)} of ${formatCount(rows.total)} rows`
            : plural(rows.total, 'row', 'rows')}
        </span>
      </div>
      {rows.total === 0 ? (
        <p className="muted small">No rows.</p>
      ) : single ? (
        <dl className="kv">
          {rows.columns.map((c, i) => (
            <div key={c}>
              <dt className="mono">{c}</dt>
              <dd className="mono">{rows.rows[0]![i] || <span className="muted">(blank)</span>}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <div className="mcanvas-table">
          <table className="data-table compact">
            <thead>
              <tr>
                {rows.columns.map((c) => (
                  <th key={c} className="mono">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.rows.map((r, i) => (
                <tr key={i}>
                  {r.map((v, j) => (
                    <td key={j} className="mono">
                      {v}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {(rows.sources || rows.options?.length) && (
        <p className="mcanvas-prov small muted">
          {rows.sources && (
            <>
              From {rows.sources.length} records: {rows.sources.slice(0, 6).join(', ')}
              {rows.sources.length > 6 ? '…' : ''}.{' '}
            </>
          )}
          {rows.options && rows.options.length > 0 && <>Options: {rows.options.join(', ')}.</>}
        </p>
      )}
    </div>
  );
}

function RecordCard({ record }: { record: OneRosterRecordView }) {
  const fields = KEY_FIELDS[record.entityType] ?? [];
  return (
    <div className="mrecord" data-entity={record.entityType} data-sourced-id={record.sourcedId}>
      <div className="mcanvas-head">
        <span>{ENTITY_LABEL[record.entityType] ?? record.entityType}</span>
        <span className="mono small">{record.sourcedId}</span>
      </div>
      {record.record === null ? (
        <p className="muted small">Not in the snapshot.</p>
      ) : (
        <dl className="kv">
          {fields.map((f) => (
            <div key={f}>
              <dt>{f}</dt>
              <dd>{show(record.record![f])}</dd>
            </div>
          ))}
        </dl>
      )}
      {record.issues.length > 0 && (
        <p className="warn-text small">
          {plural(record.issues.length, 'schema issue', 'schema issues')}:{' '}
          {record.issues.map((i) => i.message).join('; ')}
        </p>
      )}
      {record.raw !== null && (
        <details className="mraw">
          <summary>Raw JSON</summary>
          <pre>{JSON.stringify(record.raw, null, 2)}</pre>
        </details>
      )}
    </div>
  );
}

function show(v: unknown) {
  if (v === null || v === undefined || v === '') return <span className="muted">(none)</span>;
  if (Array.isArray(v)) return v.length === 0 ? <span className="muted">(none)</span> : v.join(', ');
  return String(v);
}
