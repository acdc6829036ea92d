import { useCallback, useMemo, useState } from 'react';
import type { ProposalFilter, ProposalRow, ProposalsPage } from '../../../shared/ipc/channels/conversion';
import type { IpcError } from '../../../shared/ipc/define';
import {
  ChangeSisIdType,
  Confidence,
  RemapDecision,
  type ConversionSummary,
} from '../../../shared/conversion/types';
import { call, toDisplayError } from '../../api/client';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import {
  DataGrid,
  usePagedRows,
  type ColumnVisibilityState,
  type GridItem,
  type SortingState,
} from '../../components/grid';
import { formatCount, plural } from '../../format';
import { proposalColumns } from './proposalColumns';
import { RemapEvidencePanel } from './RemapEvidence';
import { CHANGE_TYPE_LABEL, CONFIDENCE_LABEL, DECISION_LABEL } from './text';

const PAGE_SIZE = 200;
const rowId = (r: ProposalRow) => r.id;
// Stable references: the table re-syncs its state when these change identity.
const NO_SORTING: SortingState = [];
const ALL_COLUMNS: ColumnVisibilityState = {};
const ignoreSorting = () => undefined;
type Facets = ProposalsPage['facets'];

/** A filter select: "All" plus each value with its count over every proposal. */
function FacetSelect<T extends string>({
  label,
  values,
  value,
  counts,
  text,
  onChange,
}: {
  label: string;
  values: readonly T[];
  value: T | undefined;
  counts: Record<string, number> | undefined;
  text(v: T): string;
  onChange(v: T | undefined): void;
}) {
  return (
    <label className="facet-select">
      <span>{label}</span>
      <select
        value={value ?? ''}
        onChange={(e) => onChange(e.target.value === '' ? undefined : (e.target.value as T))}
      >
        <option value="">All</option>
        {values.map((v) => (
          <option key={v} value={v}>
            {text(v)} ({formatCount(counts?.[v] ?? 0)})
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * Remap proposals (change_sis_id rows to be): accept or reject one by one, the checked rows, or every proposal
 * matching the filters (bulk by rule, type or confidence). Decisions are saved at once.
 */
export function ProposalsTable({
  profileId,
  conversionId,
  proposals,
  onChanged,
}: {
  profileId: string;
  conversionId: string;
  proposals: ConversionSummary['proposals'];
  onChanged(): void;
}) {
  const [filter, setFilter] = useState<ProposalFilter>({});
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState(false);
  /** A decision on every matching proposal, waiting for its confirmation. */
  const [bulk, setBulk] = useState<'accepted' | 'rejected' | undefined>();
  const [error, setError] = useState<IpcError | undefined>();
  const [note, setNote] = useState<string | undefined>();
  /** The proposal whose evidence is shown beside the grid. */
  const [open, setOpen] = useState<ProposalRow | undefined>();

  const key = JSON.stringify([profileId, conversionId, filter]);
  const fetchPage = useCallback(
    async (offset: number, limit: number) => {
      const page = await call('conversion:proposals', { profileId, filter, offset, limit });
      return { total: page.total, rows: page.rows, meta: page.facets };
    },
    [profileId, filter],
  );
  const paged = usePagedRows<ProposalRow, Facets>(key, fetchPage, PAGE_SIZE);
  const { getRow, ensureRange } = paged;
  const facets = paged.meta;

  const decide = useCallback(
    async (target: { ids: string[] } | { filter: ProposalFilter }, decision: RemapDecision, what: string) => {
      setBusy(true);
      setError(undefined);
      try {
        const res = await call('conversion:decide', { profileId, decision, ...target });
        setSelected(new Set());
        setNote(
          `${what}: ${plural(res.changed, 'proposal', 'proposals')} ${DECISION_LABEL[decision].toLowerCase()}.`,
        );
        onChanged();
      } catch (err) {
        setError(toDisplayError(err));
      } finally {
        setBusy(false);
      }
    },
    [profileId, onChanged],
  );

  const toggle = useCallback((id: string) => {
    setSelected((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }, []);
  const columns = useMemo(
    () =>
      proposalColumns({
        selected,
        toggle,
        busy,
        decide: (id, d) => void decide({ ids: [id] }, d, 'One remap'),
      }),
    [selected, toggle, busy, decide],
  );
  const itemAt = useCallback(
    (index: number): GridItem<ProposalRow> => ({ kind: 'row', index, row: getRow(index) }),
    [getRow],
  );

  // A new filter shows other rows: checked rows out of sight must not be acted on.
  const set = <K extends keyof ProposalFilter>(k: K, v: ProposalFilter[K]) => {
    setSelected(new Set());
    setFilter((f) => {
      const next = { ...f };
      if (v === undefined) delete next[k];
      else next[k] = v;
      return next;
    });
  };
  const ruleIds = Object.keys(facets?.ruleId ?? {}).sort();
  const matching = paged.total ?? 0;
  const filtered = Object.keys(filter).length > 0;

  return (
    <div className="proposals tab-fill">
      <div className="filter-bar">
        <FacetSelect
          label="Rule"
          values={ruleIds}
          value={filter.ruleId}
          counts={facets?.ruleId}
          text={(v) => v}
          onChange={(v) => set('ruleId', v)}
        />
        <FacetSelect
          label="Type"
          values={ChangeSisIdType.options}
          value={filter.type}
          counts={facets?.type}
          text={(v) => CHANGE_TYPE_LABEL[v]}
          onChange={(v) => set('type', v)}
        />
        <FacetSelect
          label="Confidence"
          values={Confidence.options}
          value={filter.confidence}
          counts={facets?.confidence}
          text={(v) => CONFIDENCE_LABEL[v]}
          onChange={(v) => set('confidence', v)}
        />
        <FacetSelect
          label="Decision"
          values={RemapDecision.options}
          value={filter.decision}
          counts={facets?.decision}
          text={(v) => DECISION_LABEL[v]}
          onChange={(v) => set('decision', v)}
        />
        <span
          className="muted small filter-total"
          data-testid="proposals-count"
          data-total={paged.total ?? ''}
        >
          {formatCount(proposals.accepted)} accepted · {formatCount(proposals.rejected)} rejected ·{' '}
          {formatCount(proposals.pending)} pending
        </span>
      </div>
      <div className="bulk-bar" role="toolbar" aria-label="Bulk decisions">
        <span className="bulk-label">
          {selected.size > 0
            ? `${plural(selected.size, 'row', 'rows')} checked`
            : 'Check rows, or act on every match'}
        </span>
        <button
          type="button"
          className="btn btn-small btn-primary"
          disabled={busy || selected.size === 0}
          onClick={() => void decide({ ids: [...selected] }, 'accepted', 'Checked rows')}
        >
          Accept checked
        </button>
        <button
          type="button"
          className="btn btn-small"
          disabled={busy || selected.size === 0}
          onClick={() => void decide({ ids: [...selected] }, 'rejected', 'Checked rows')}
        >
          Reject checked
        </button>
        <span className="bulk-sep" aria-hidden="true" />
        <button
          type="button"
          className="btn btn-small"
          disabled={busy || matching === 0}
          onClick={() => setBulk('accepted')}
        >
          Accept all {formatCount(matching)} {filtered ? 'matching' : ''}
        </button>
        <button
          type="button"
          className="btn btn-small"
          disabled={busy || matching === 0}
          onClick={() => setBulk('rejected')}
        >
          Reject all {formatCount(matching)} {filtered ? 'matching' : ''}
        </button>
        <button
          type="button"
          className="btn btn-small btn-danger-quiet"
          disabled={busy || matching === 0}
          onClick={() => void decide({ filter }, 'pending', 'Reset')}
        >
          Reset to pending
        </button>
      </div>
      {bulk && (
        <ConfirmDialog
          title={`${bulk === 'accepted' ? 'Accept' : 'Reject'} ${plural(matching, 'remap proposal', 'remap proposals')}${filtered ? ' matching the filters' : ''}?`}
          confirmLabel={`${bulk === 'accepted' ? 'Accept' : 'Reject'} ${formatCount(matching)}`}
          onCancel={() => setBulk(undefined)}
          onConfirm={() => {
            setBulk(undefined);
            void decide({ filter }, bulk, filtered ? 'Every match' : 'Every proposal');
          }}
        >
          <p>
            {bulk === 'accepted'
              ? 'Each accepted proposal becomes a row of change_sis_id.csv: the existing Canvas object takes the new SIS id before the import, so its history is kept.'
              : 'Rejected proposals are left out of change_sis_id.csv: the import creates new objects and the existing ones stay under their old SIS ids.'}{' '}
            You can still change single rows afterwards.
          </p>
        </ConfirmDialog>
      )}
      {note && (
        <p className="muted small bulk-note" role="status">
          {note}
        </p>
      )}
      {error && <ErrorNotice error={error} onDismiss={() => setError(undefined)} />}
      {paged.error !== undefined && <ErrorNotice error={toDisplayError(paged.error)} />}
      <div className="proposals-body">
        <DataGrid
          label="Remap proposals"
          columns={columns}
          itemCount={paged.total ?? 0}
          itemAt={itemAt}
          rowId={rowId}
          sorting={NO_SORTING}
          onSortingChange={ignoreSorting}
          columnVisibility={ALL_COLUMNS}
          onVisibleRows={ensureRange}
          onOpenRow={(row) => setOpen(row)}
          selectedRowId={open?.id}
          stale={paged.stale}
          rowHeight={52}
          empty={
            filtered
              ? 'No proposal matches these filters.'
              : 'No remaps proposed: every planned object either keeps its SIS id or is new to Canvas.'
          }
        />
        {open && (
          <RemapEvidencePanel
            key={open.id}
            proposal={open}
            busy={busy}
            onDecide={(d) => {
              setOpen({ ...open, decision: d });
              void decide({ ids: [open.id] }, d, 'One remap');
            }}
            onClose={() => setOpen(undefined)}
          />
        )}
      </div>
    </div>
  );
}
