import { useEffect, useState } from 'react';
import type { IpcError } from '../../../shared/ipc/define';
import { SNAPSHOT_COLLECTIONS, type SnapshotCollection } from '../../../shared/snapshots/collections';
import type { SnapshotDiff } from '../../../shared/snapshots/diff';
import type { SnapshotListItem } from '../../../shared/snapshots/snapshot';
import { call, toDisplayError } from '../../api/client';
import { useApp } from '../../app/state';
import { NoDistrictState, NoSnapshotState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Icon } from '../../components/Icon';
import { formatCount, plural } from '../../format';
import { COLLECTION_LABEL, formatDateTimeSeconds } from '../pull/pullText';
import { ChangeList } from './ChangeList';
import {
  defaultPair,
  setCompareSelection,
  useCompareSelection,
  type CompareSelection,
} from './compareSelection';
import { useSnapshots } from './useSnapshots';
import '../pull/pull.css';
import './snapshots.css';

/** Journey 9: what changed between two snapshots of the district (what tonight's sync would do). */
export function CompareScreen() {
  const app = useApp();
  const active = app.activeProfile;
  if (!active) {
    return (
      <NoDistrictState icon="download" title="No district yet">
        <p>Add a district and pull it twice; then compare the two snapshots here.</p>
      </NoDistrictState>
    );
  }
  return <ComparePanel key={active.profile.id} profileId={active.profile.id} />;
}

function optionText(s: SnapshotListItem): string {
  const total = s.counts ? Object.values(s.counts).reduce((n, c) => n + c, 0) : 0;
  return `${formatDateTimeSeconds(s.startedAt)} · ${s.source === 'csv' ? 'CSV' : 'API'}${s.deltaSince ? ' delta' : ''} · ${formatCount(total)} records`;
}

function ComparePanel({ profileId }: { profileId: string }) {
  const list = useSnapshots(profileId, '');
  const chosen = useCompareSelection(profileId);
  const complete = (list.snapshots ?? []).filter((s) => s.status === 'complete');
  const exists = (id: string) => complete.some((s) => s.id === id);
  const selection: CompareSelection | undefined =
    chosen && exists(chosen.before) && exists(chosen.after) ? chosen : defaultPair(complete);

  if (list.snapshots === undefined) {
    return list.error ? <ErrorNotice error={list.error} /> : <p className="muted">Loading snapshots…</p>;
  }
  if (!selection) {
    return (
      <NoSnapshotState title="Two complete snapshots are needed">
        <p>
          Compare shows what was added, removed and changed between two snapshots: what tonight's sync would
          do. This district has {complete.length === 0 ? 'no complete snapshot' : 'one complete snapshot'} so
          far.
        </p>
      </NoSnapshotState>
    );
  }

  const pick = (side: keyof CompareSelection, id: string) =>
    setCompareSelection(profileId, { ...selection, [side]: id });

  return (
    <div className="compare">
      <section className="panel compare-pick" aria-label="Snapshots to compare">
        <div className="field">
          <label htmlFor="compare-before">Before</label>
          <select
            id="compare-before"
            value={selection.before}
            onChange={(e) => pick('before', e.target.value)}
          >
            {complete.map((s) => (
              <option key={s.id} value={s.id}>
                {optionText(s)}
              </option>
            ))}
          </select>
        </div>
        <button
          type="button"
          className="btn-icon compare-swap"
          onClick={() => setCompareSelection(profileId, { before: selection.after, after: selection.before })}
          aria-label="Swap before and after"
          title="Swap before and after"
        >
          <Icon name="swap" size={18} />
        </button>
        <div className="field">
          <label htmlFor="compare-after">After</label>
          <select id="compare-after" value={selection.after} onChange={(e) => pick('after', e.target.value)}>
            {complete.map((s) => (
              <option key={s.id} value={s.id}>
                {optionText(s)}
              </option>
            ))}
          </select>
        </div>
      </section>
      <DiffView key={`${selection.before}|${selection.after}`} selection={selection} />
    </div>
  );
}

function DiffView({ selection }: { selection: CompareSelection }) {
  const { before, after } = selection;
  const [diff, setDiff] = useState<SnapshotDiff | undefined>();
  const [error, setError] = useState<IpcError | undefined>();
  const [open, setOpen] = useState<SnapshotCollection | undefined>();

  useEffect(() => {
    if (before === after) return;
    let live = true;
    call('snapshots:diff', { a: before, b: after }).then(
      (res) => live && setDiff(res.diff),
      (err: unknown) => live && setError(toDisplayError(err)),
    );
    return () => {
      live = false;
    };
  }, [before, after]);

  if (before === after) {
    return <p className="notice-inline muted">Choose two different snapshots to see what changed.</p>;
  }
  if (error) return <ErrorNotice error={error} />;
  if (!diff) return <p className="muted">Comparing…</p>;

  const sum = { added: 0, removed: 0, changed: 0, unchanged: 0 };
  for (const c of SNAPSHOT_COLLECTIONS) {
    for (const k of ['added', 'removed', 'changed', 'unchanged'] as const) sum[k] += diff.collections[c][k];
  }
  const changes = sum.added + sum.removed + sum.changed;

  return (
    <>
      <section className="panel" aria-labelledby="diff-title">
        <div className="panel-head">
          <h2 id="diff-title">Changes per collection</h2>
          <span className="muted small" data-testid="diff-total">
            {changes === 0 ? 'No changes' : plural(changes, 'change', 'changes')}
          </span>
        </div>
        {changes === 0 && (
          <p className="banner result-ok diff-none" role="status">
            <Icon name="pass" size={20} className="result-icon" />
            No changes: both snapshots hold the same records.
          </p>
        )}
        <div className="table-wrap">
          <table className="data-table diff-table" aria-label="Changes per collection">
            <thead>
              <tr>
                <th>Collection</th>
                <th className="num">Added</th>
                <th className="num">Removed</th>
                <th className="num">Changed</th>
                <th className="num">Unchanged</th>
                <th className="col-actions">
                  <span className="visually-hidden">Details</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {SNAPSHOT_COLLECTIONS.map((c) => {
                const x = diff.collections[c];
                const n = x.added + x.removed + x.changed;
                return (
                  <tr key={c} data-collection={c} className={open === c ? 'selected' : undefined}>
                    <td className="cell-title">{COLLECTION_LABEL[c]}</td>
                    <td className="num" data-kind="added">
                      <Delta n={x.added} sign="+" kind="added" />
                    </td>
                    <td className="num" data-kind="removed">
                      <Delta n={x.removed} sign="−" kind="removed" />
                    </td>
                    <td className="num" data-kind="changed">
                      <Delta n={x.changed} sign="~" kind="changed" />
                    </td>
                    <td className="num muted" data-kind="unchanged">
                      {formatCount(x.unchanged)}
                    </td>
                    <td className="col-actions">
                      {n > 0 && (
                        <button
                          type="button"
                          className="btn btn-small"
                          onClick={() => setOpen(open === c ? undefined : c)}
                          aria-expanded={open === c}
                          aria-label={`Show ${COLLECTION_LABEL[c].toLowerCase()} changes`}
                        >
                          {open === c ? 'Hide' : 'Show changes'}
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
            <tfoot>
              <tr>
                <td className="cell-title">All collections</td>
                <td className="num">{formatCount(sum.added)}</td>
                <td className="num">{formatCount(sum.removed)}</td>
                <td className="num">{formatCount(sum.changed)}</td>
                <td className="num muted">{formatCount(sum.unchanged)}</td>
                <td />
              </tr>
            </tfoot>
          </table>
        </div>
      </section>
      {open && (
        <ChangeList
          key={open}
          before={before}
          after={after}
          collection={open}
          counts={diff.collections[open]}
          onClose={() => setOpen(undefined)}
        />
      )}
    </>
  );
}

function Delta({ n, sign, kind }: { n: number; sign: string; kind: 'added' | 'removed' | 'changed' }) {
  if (n === 0) return <span className="none">0</span>;
  return (
    <span className={`delta delta-${kind}`}>
      {sign}
      {formatCount(n)}
    </span>
  );
}
