import { useEffect, useRef, useState } from 'react';
import type { IpcError } from '../../../shared/ipc/define';
import type { SnapshotCollection } from '../../../shared/snapshots/collections';
import type { ChangeKind, ChangePage, ChangedRecord } from '../../../shared/snapshots/diff';
import { call, toDisplayError } from '../../api/client';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Icon } from '../../components/Icon';
import { formatCount, plural } from '../../format';
import { COLLECTION_LABEL } from '../pull/pullText';

export const PAGE_SIZE = 25;

const CHANGE_LABEL: Record<ChangeKind, string> = { added: 'Added', removed: 'Removed', changed: 'Changed' };
const FILTERS: ReadonlyArray<ChangeKind | 'all'> = ['all', 'added', 'removed', 'changed'];

/** A short human name for a record: name, title, person, or username. */
function displayName(rec: Record<string, unknown> | null): string {
  if (!rec) return '';
  const str = (k: string) => (typeof rec[k] === 'string' ? (rec[k] as string) : '');
  const person = [str('givenName'), str('familyName')].filter(Boolean).join(' ');
  return str('name') || str('title') || person || str('username') || str('courseCode') || '';
}

/** Values as a person reads them: text as is, empty as an em dash, lists joined, objects as "key: value"; never raw JSON. */
function showValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  const text = readable(value);
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
}

function readable(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return value.toLocaleString();
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return value.length === 0 ? '(none)' : value.map(readable).join('; ');
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    // A OneRoster reference (GUIDRef) reads as what it points at.
    if (typeof o.sourcedId === 'string')
      return typeof o.type === 'string' ? `${o.type} ${o.sourcedId}` : o.sourcedId;
    return Object.entries(o)
      .map(([k, v]) => `${k}: ${readable(v)}`)
      .join(', ');
  }
  return String(value);
}

/** One page of a collection's changes, fetched from main (the window never holds the whole list). */
export function ChangeList({
  before,
  after,
  collection,
  counts,
  onClose,
}: {
  before: string;
  after: string;
  collection: SnapshotCollection;
  counts: Record<ChangeKind, number>;
  onClose(): void;
}) {
  const [filter, setFilter] = useState<ChangeKind | 'all'>('all');
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<{ key: string; data: ChangePage } | undefined>();
  const [error, setError] = useState<IpcError | undefined>();
  const key = [before, after, collection, filter, offset].join('|');
  const panel = useRef<HTMLElement>(null);
  const scrolled = useRef(false);
  useEffect(() => {
    let live = true;
    call('snapshots:diff', {
      a: before,
      b: after,
      collection,
      offset,
      limit: PAGE_SIZE,
      ...(filter === 'all' ? {} : { change: filter }),
    }).then(
      (res) => {
        if (!live || !res.page) return;
        setPage({ key, data: res.page });
        setError(undefined);
      },
      (err: unknown) => live && setError(toDisplayError(err)),
    );
    return () => {
      live = false;
    };
  }, [before, after, collection, filter, offset, key]);

  const current = page?.key === key ? page.data : undefined;

  // Opened from the table above: once the first page is in, bring the list into view.
  useEffect(() => {
    if (!current || scrolled.current) return;
    scrolled.current = true;
    panel.current?.scrollIntoView({ block: 'start' });
  }, [current]);
  const total = filter === 'all' ? counts.added + counts.removed + counts.changed : counts[filter];
  const last = Math.min(offset + PAGE_SIZE, current?.total ?? total);

  return (
    <section ref={panel} className="panel change-panel" aria-labelledby="changes-title">
      <div className="panel-head">
        <h2 id="changes-title">
          {COLLECTION_LABEL[collection]}:{' '}
          {plural(counts.added + counts.removed + counts.changed, 'change', 'changes')}
        </h2>
        <div className="segmented" role="group" aria-label="Show">
          {FILTERS.map((f) => (
            <button
              key={f}
              type="button"
              className={f === filter ? 'seg active' : 'seg'}
              aria-pressed={f === filter}
              onClick={() => {
                setFilter(f);
                setOffset(0);
              }}
            >
              {f === 'all' ? 'All' : CHANGE_LABEL[f]}
              <span className="seg-count">
                {formatCount(f === 'all' ? counts.added + counts.removed + counts.changed : counts[f])}
              </span>
            </button>
          ))}
        </div>
        <button type="button" className="btn-icon" onClick={onClose} aria-label="Close the list of changes">
          <Icon name="x" size={16} />
        </button>
      </div>
      {error && <ErrorNotice error={error} />}
      {!current && !error && <p className="muted">Loading changes…</p>}
      {current && current.items.length === 0 && <p className="muted">No changes of this kind.</p>}
      {current && current.items.length > 0 && (
        <ul className="change-list" aria-label={`Changed ${COLLECTION_LABEL[collection].toLowerCase()}`}>
          {current.items.map((item) => (
            <ChangeItem key={`${item.change}:${item.sourcedId}`} item={item} />
          ))}
        </ul>
      )}
      {current && current.total > 0 && (
        <div className="pager">
          <span className="muted small" data-testid="pager-range">
            {formatCount(offset + 1)}–{formatCount(last)} of {formatCount(current.total)}
          </span>
          <button
            type="button"
            className="btn btn-small"
            disabled={offset === 0}
            onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}
          >
            Previous
          </button>
          <button
            type="button"
            className="btn btn-small"
            disabled={offset + PAGE_SIZE >= current.total}
            onClick={() => setOffset(offset + PAGE_SIZE)}
          >
            Next
          </button>
        </div>
      )}
    </section>
  );
}

function ChangeItem({ item }: { item: ChangedRecord }) {
  const name = displayName(item.after ?? item.before);
  return (
    <li className={`change change-${item.change}`} data-sourced-id={item.sourcedId} data-change={item.change}>
      <div className="change-head">
        <span className={`badge change-badge-${item.change}`}>{CHANGE_LABEL[item.change]}</span>
        <span className="mono">{item.sourcedId}</span>
        {name && <span className="change-name">{name}</span>}
        {item.change === 'changed' && (
          <span className="muted small change-count">
            {item.fields.length === 1 ? '1 field' : `${formatCount(item.fields.length)} fields`}
          </span>
        )}
      </div>
      {item.fields.length > 0 && (
        <table className="field-table">
          <thead>
            <tr>
              <th>Field</th>
              <th>Before</th>
              <th aria-hidden="true" />
              <th>After</th>
            </tr>
          </thead>
          <tbody>
            {item.fields.map((f) => (
              <tr key={f.field} data-field={f.field}>
                <td className="mono">{f.field}</td>
                <td className="field-before">{showValue(f.before)}</td>
                <td className="field-arrow" aria-label="changed to">
                  →
                </td>
                <td className="field-after">{showValue(f.after)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </li>
  );
}
