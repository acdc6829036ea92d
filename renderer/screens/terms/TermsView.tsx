import { useEffect, useMemo, useRef, useState } from 'react';
import type { TermsView as TermsData } from '../../../shared/mapping/tree-views';
import type { IpcError } from '../../../shared/ipc/define';
import { call, toDisplayError } from '../../api/client';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatCount, plural } from '../../format';
import { TermsTable, type TermRow } from './TermsTable';
import { Timeline } from './Timeline';
import './terms.css';

/** Journey 4, terms: per-school sessions on a timeline, the Canvas terms they merge into, and those terms as a table. */
export function TermsView({ profileId, evaluationKey }: { profileId: string; evaluationKey: string }) {
  const [data, setData] = useState<TermsData | undefined>();
  const [error, setError] = useState<IpcError | undefined>();
  const [highlight, setHighlight] = useState<string | null>(null);
  const boxRef = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);

  useEffect(() => {
    let live = true;
    call('mapping:terms', { profileId }).then(
      (d) => live && setData(d),
      (err: unknown) => live && setError(toDisplayError(err)),
    );
    return () => {
      live = false;
    };
  }, [profileId, evaluationKey]);

  useEffect(() => {
    const el = boxRef.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.floor(entry?.contentRect.width ?? 0)));
    observer.observe(el);
    return () => observer.disconnect();
  }, [data]);

  const rows = useMemo<TermRow[]>(() => {
    if (!data) return [];
    const names = new Map(data.schools.map((s) => [s.accountId, s.name]));
    return data.terms.map((t) => ({
      ...t,
      schoolNames: t.schools.map((id) => names.get(id) ?? (id || 'District')),
    }));
  }, [data]);

  if (error) return <ErrorNotice error={error} />;
  if (!data) return <p className="muted">Loading terms…</p>;
  const merged = data.terms.filter((t) => t.sessions.length > 1);
  const sessions = data.schools.reduce((n, s) => n + s.sessions.length, 0);
  return (
    <div className="terms">
      <p className="terms-summary">
        <strong>{plural(sessions, 'school session', 'school sessions')}</strong> across{' '}
        {plural(data.schools.length, 'school', 'schools')} become{' '}
        <strong>{plural(data.terms.length, 'Canvas term', 'Canvas terms')}</strong>
        {merged.length > 0 ? `; ${formatCount(merged.length)} of them merge per-school copies.` : '.'}{' '}
        <span className="muted">
          Per-school merging is {data.termMerge ? 'on' : 'off'} (Mapping options › Terms › “Merge per-school
          copies of a term”).
          {data.defaultTermCourses > 0 &&
            ` ${plural(data.defaultTermCourses, 'course has no term and goes', 'courses have no term and go')} to the Default Term.`}
        </span>
      </p>
      <ProblemsNote totals={data.findings} />
      <section className="panel terms-chart" aria-label="Sessions per school on a timeline">
        <div ref={boxRef} className="terms-chart-box">
          {width > 0 && (
            <Timeline
              schools={data.schools}
              terms={data.terms}
              width={width}
              highlight={highlight}
              onHighlight={setHighlight}
            />
          )}
        </div>
      </section>
      {/* As tall as its rows (there are few), so the timeline gets the rest. */}
      <div className="terms-table" style={{ height: `min(45%, ${rows.length * 48 + 40}px)` }}>
        <TermsTable rows={rows} highlight={highlight} onHighlight={setHighlight} />
      </div>
    </div>
  );
}

/**
 * What the table's Problems column counts: the findings on a term's courses, sections and their people. A student in
 * classes of two terms counts in both, and users in no class (or the profile, the endpoints) in none, so the column
 * need not add up to the Findings total; this line says by how much, per severity shown.
 */
function ProblemsNote({ totals }: { totals: TermsData['findings'] }) {
  const parts = (['blocker', 'warning'] as const).flatMap((sev) => {
    const total = totals.total[sev];
    if (total === 0) return [];
    const column = total - totals.inNoTerm[sev] + totals.extraTerms[sev];
    const several = totals.inSeveralTerms[sev];
    const none = totals.inNoTerm[sev];
    const why = [
      several > 0 && `${formatCount(several)} in several terms, counted in each`,
      none > 0 && `${formatCount(none)} in no term, e.g. users in no class`,
    ].filter(Boolean);
    const name = sev === 'blocker' ? 'Blockers' : 'Warnings';
    return [
      `${name}: ${formatCount(total)} in Findings, ${formatCount(column)} in the column` +
        (why.length > 0 ? ` (${why.join('; ')})` : ''),
    ];
  });
  if (parts.length === 0) return null;
  return (
    <p className="terms-problems-note muted small" data-testid="terms-problems-note">
      “In this term” counts the findings on the term’s courses, sections and their people. {parts.join('. ')}.
    </p>
  );
}
