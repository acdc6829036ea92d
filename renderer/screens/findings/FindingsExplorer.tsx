import { useCallback, useEffect, useState } from 'react';
import type { FindingGroup, FindingRow, FindingsSummary } from '../../../shared/findings/views';
import type { RuleChange } from '../../../shared/ipc/channels/settings';
import type { RuleSettings } from '../../../shared/mapping/options';
import { RULES_BY_ID } from '../../../shared/rules/catalog';
import { SEVERITIES, type Severity } from '../../../shared/rules/finding';
import { toDisplayError } from '../../api/client';
import { SeverityBadge } from '../../components/Badges';
import { ErrorNotice } from '../../components/ErrorNotice';
import { ColumnMenu, DataGrid } from '../../components/grid';
import { Icon } from '../../components/Icon';
import { formatCount, plural } from '../../format';
import { FINDING_COLUMNS, findingKey } from './columns';
import { DetailPanel } from './DetailPanel';
import { FacetMenu } from './FacetMenu';
import { hasFilters, NO_FILTERS, type GridState } from './gridState';
import { ENTITY_LABEL, SEVERITY_LABEL } from './text';
import { useFindingsGrid } from './useFindingsGrid';

const SEARCH_DEBOUNCE_MS = 250;

const rowId = (r: FindingRow) => findingKey(r);

/** A rule's group header says the fix once for all its rows. */
function GroupHeader({ group }: { group: FindingGroup }) {
  const remedy = RULES_BY_ID.get(group.key)?.remedy;
  return (
    <div className="group-body">
      <div className="group-line">
        <SeverityBadge severity={group.severity} />
        <span className="mono">{group.key}</span>
        <span className="group-title">{group.label}</span>
        <span className="pill">{formatCount(group.count)}</span>
      </div>
      {remedy && (
        <p className="group-fix cell-wrap">
          <span className="group-fix-label">What to do:</span> {remedy}
        </p>
      )}
    </div>
  );
}

/** Filtered to one rule without grouping: its fix once, above the rows. */
function RuleFix({ ruleId }: { ruleId: string }) {
  const rule = RULES_BY_ID.get(ruleId);
  if (!rule) return null;
  return (
    <p className="rule-fix" data-testid="rule-fix" data-rule={ruleId}>
      <strong>
        What to do for <span className="mono">{ruleId}</span> ({rule.title}):
      </strong>{' '}
      {rule.remedy}
    </p>
  );
}
const renderGroup = (g: FindingGroup) => <GroupHeader group={g} />;

/** The findings grid with its filter bar and the detail drawer. */
export function FindingsExplorer({
  profileId,
  view,
  state,
  onState,
  rules,
  onRuleChange,
}: {
  profileId: string;
  view: FindingsSummary;
  state: GridState;
  onState(update: (s: GridState) => GridState): void;
  rules: RuleSettings | undefined;
  onRuleChange(change: RuleChange): Promise<void>;
}) {
  const [open, setOpen] = useState<FindingRow | undefined>();
  const [search, setSearch] = useState(state.filters.text);
  const model = useFindingsGrid(
    { profileId, snapshotId: view.snapshotId, evaluationId: view.evaluationId },
    state,
    renderGroup,
  );
  const { paged } = model;
  const facets = paged.meta?.facets;

  useEffect(() => {
    if (search === state.filters.text) return;
    const timer = setTimeout(
      () => onState((s) => ({ ...s, filters: { ...s.filters, text: search } })),
      SEARCH_DEBOUNCE_MS,
    );
    return () => clearTimeout(timer);
  }, [search, state.filters.text, onState]);

  // A finding that disappears (muted, or filtered out by a new evaluation) closes the drawer only when asked.
  const setFilter = useCallback(
    <K extends 'severity' | 'ruleId' | 'entityType' | 'school'>(key: K, values: string[]) =>
      onState((s) => ({ ...s, filters: { ...s.filters, [key]: values } })),
    [onState],
  );

  const toggleSeverity = (sev: Severity) => {
    const on = state.filters.severity.includes(sev);
    setFilter(
      'severity',
      on ? state.filters.severity.filter((s) => s !== sev) : [...state.filters.severity, sev],
    );
  };

  const { ensureRange } = paged;
  const onVisibleRows = useCallback((first: number, last: number) => ensureRange(first, last), [ensureRange]);
  const sevCount = (sev: Severity) => facets?.severity.find((f) => f.value === sev)?.count ?? 0;
  const filtered = hasFilters(state.filters);

  return (
    <div className="findings-explorer">
      <div className="filter-bar" role="toolbar" aria-label="Filter findings">
        <div className="search-box">
          <Icon name="search" size={15} />
          <input
            type="search"
            aria-label="Search findings"
            placeholder="Search message, id, school…"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
        </div>
        <div className="severity-chips" role="group" aria-label="Severity">
          {SEVERITIES.map((sev) => (
            <button
              key={sev}
              type="button"
              className={`chip chip-${sev}`}
              aria-pressed={state.filters.severity.includes(sev)}
              onClick={() => toggleSeverity(sev)}
              data-severity={sev}
            >
              {SEVERITY_LABEL[sev]} <span className="chip-count">{formatCount(sevCount(sev))}</span>
            </button>
          ))}
        </div>
        <FacetMenu
          label="Rule"
          values={facets?.ruleId ?? []}
          selected={state.filters.ruleId}
          onChange={(v) => setFilter('ruleId', v)}
          renderLabel={(v) => `${v.value} · ${v.label}`}
        />
        <FacetMenu
          label="Record type"
          values={facets?.entityType ?? []}
          selected={state.filters.entityType}
          onChange={(v) => setFilter('entityType', v)}
          renderLabel={(v) => ENTITY_LABEL[v.value as keyof typeof ENTITY_LABEL] ?? v.value}
        />
        <FacetMenu
          label="School"
          values={facets?.school ?? []}
          selected={state.filters.school}
          onChange={(v) => setFilter('school', v)}
        />
      </div>

      <div className="filter-status" aria-live="polite" data-testid="findings-count" data-total={paged.total}>
        {paged.total === undefined
          ? 'Loading findings…'
          : filtered
            ? `${plural(paged.total, 'finding', 'findings')} match (of ${formatCount(view.summary.counts.blocker + view.summary.counts.warning + view.summary.counts.info)})`
            : plural(paged.total, 'finding', 'findings')}
        {filtered && (
          <button
            type="button"
            className="link-button"
            onClick={() => {
              setSearch('');
              onState((s) => ({ ...s, filters: NO_FILTERS }));
            }}
          >
            Clear filters
          </button>
        )}
        {model.groups && model.groups.length > 1 && (
          <>
            <button
              type="button"
              className="link-button"
              onClick={() => onState((s) => ({ ...s, collapsed: [] }))}
            >
              Expand all
            </button>
            <button
              type="button"
              className="link-button"
              onClick={() => onState((s) => ({ ...s, collapsed: model.groups?.map((g) => g.key) ?? [] }))}
            >
              Collapse all
            </button>
          </>
        )}
        <span className="muted small keys-hint">
          ↑/↓ move · Enter opens · Shift+click a header adds a sort
        </span>
        <div className="filter-status-end">
          <label className="toggle">
            <input
              type="checkbox"
              checked={state.grouped}
              onChange={(e) => onState((s) => ({ ...s, grouped: e.target.checked }))}
            />
            Group by rule
          </label>
          <ColumnMenu
            columns={FINDING_COLUMNS}
            visibility={state.columns}
            onChange={(columns) => onState((s) => ({ ...s, columns }))}
          />
        </div>
      </div>

      {paged.error !== undefined && <ErrorNotice error={toDisplayError(paged.error)} />}
      {!state.grouped && state.filters.ruleId.length === 1 && <RuleFix ruleId={state.filters.ruleId[0]!} />}

      <div className="findings-body">
        <DataGrid<FindingRow>
          label="Findings"
          columns={FINDING_COLUMNS}
          itemCount={model.itemCount}
          itemAt={model.itemAt}
          rowId={rowId}
          sorting={state.sort}
          onSortingChange={(sort) => onState((s) => ({ ...s, sort }))}
          columnVisibility={state.columns}
          onVisibleRows={onVisibleRows}
          onOpenRow={(row) => setOpen(row)}
          onToggleGroup={(key, expanded) =>
            onState((s) => ({
              ...s,
              collapsed: expanded ? s.collapsed.filter((k) => k !== key) : [...s.collapsed, key],
            }))
          }
          selectedRowId={open ? findingKey(open) : undefined}
          measureRows
          grouped={state.grouped}
          stale={paged.stale}
          empty={
            filtered
              ? 'No finding matches these filters.'
              : 'No findings: every check passed for this snapshot.'
          }
        />
        {open && (
          <DetailPanel
            key={findingKey(open)}
            profileId={profileId}
            snapshotId={view.snapshotId}
            evaluationId={view.evaluationId}
            finding={open}
            severityOverride={rules?.severityOverrides[open.ruleId]}
            ruleFindings={view.summary.byRule.find((r) => r.ruleId === open.ruleId)?.count}
            onClose={() => setOpen(undefined)}
            onRuleChange={async (change) => {
              await onRuleChange(change);
              if (change.kind === 'mute') setOpen(undefined);
            }}
          />
        )}
      </div>
    </div>
  );
}
