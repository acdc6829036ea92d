import { useMemo } from 'react';
import type { CanvasTermView, TermSchool, TermSession } from '../../../shared/mapping/tree-views';
import { assignLanes, dayOf, formatDay, monthRange, type Span } from './timeScale';
import { plural } from '../../format';

const LABEL_W = 176;
const AXIS_H = 30;
const LANE_H = 22;
const BAND_PAD = 8;
const PALETTE = 8;

interface Bar extends Span {
  key: string;
  label: string;
  title: string;
  termId: string | null;
}

interface Band {
  key: string;
  label: string;
  sub: string;
  bars: Bar[];
  lanes: number;
  laneOf: Map<Bar, number>;
  canvas: boolean;
}

/**
 * Sessions per school on a month axis (SVG), under a band of the Canvas terms they become. A session takes its
 * Canvas term's colour, so per-school copies merged into one term read as one colour; a session that becomes no
 * term (a grading period, a year nobody uses directly) is grey. Hovering a term highlights its sessions.
 */
export function Timeline({
  schools,
  terms,
  width,
  highlight,
  onHighlight,
}: {
  schools: TermSchool[];
  terms: CanvasTermView[];
  width: number;
  highlight: string | null;
  onHighlight(termId: string | null): void;
}) {
  const colour = useMemo(() => new Map(terms.map((t, i) => [t.termId, i % PALETTE])), [terms]);
  const bands = useMemo(() => buildBands(schools, terms), [schools, terms]);
  const range = useMemo(() => monthRange(bands.flatMap((b) => b.bars)), [bands]);
  if (!range) return <p className="muted">No session has dates to place on a timeline.</p>;

  const plotW = Math.max(200, width - LABEL_W - 12);
  const x = (day: number) => LABEL_W + ((day - range.from) / (range.to - range.from)) * plotW;
  const { placed, bottom } = stackBands(bands);
  const height = bottom + 4;
  const undated = schools.reduce(
    (n, s) =>
      n + s.sessions.filter((x2) => dayOf(x2.startDate) === null || dayOf(x2.endDate) === null).length,
    0,
  );

  return (
    <figure className="timeline">
      <svg
        width={width}
        height={height}
        role="img"
        aria-label={describe(schools, terms)}
        onMouseLeave={() => onHighlight(null)}
      >
        {range.months.map((m) => (
          <g key={m.day} className={m.year !== null ? 'tl-month tl-year' : 'tl-month'}>
            <line x1={x(m.day)} x2={x(m.day)} y1={AXIS_H - 6} y2={height} />
            <text x={x(m.day) + 4} y={AXIS_H - 12}>
              {m.year !== null ? `${m.label} ${m.year}` : m.label}
            </text>
          </g>
        ))}
        {placed.map(({ band, top, h }) => (
          <g key={band.key} className={band.canvas ? 'tl-band tl-canvas' : 'tl-band'} data-band={band.key}>
            <rect x={0} y={top} width={width} height={h} className="tl-band-bg" />
            <text x={10} y={top + BAND_PAD + 12} className="tl-label">
              {clip(band.label, 24)}
            </text>
            <text x={10} y={top + BAND_PAD + 26} className="tl-sub">
              {band.sub}
            </text>
            {band.bars.map((bar) => {
              const lane = band.laneOf.get(bar) ?? 0;
              const bx = x(bar.start);
              const bw = Math.max(3, x(bar.end + 1) - bx);
              const by = top + BAND_PAD + lane * LANE_H + 2;
              const c = bar.termId === null ? 'none' : String(colour.get(bar.termId) ?? 0);
              const dim = highlight !== null && bar.termId !== highlight;
              return (
                <g
                  key={bar.key}
                  className={`tl-bar c-${c}${dim ? ' dim' : ''}${band.canvas ? ' canvas' : ''}`}
                  data-term={bar.termId ?? ''}
                  onMouseEnter={() => onHighlight(bar.termId)}
                >
                  <title>{bar.title}</title>
                  <rect x={bx} y={by} width={bw} height={LANE_H - 4} rx={4} />
                  {bw > 46 && (
                    <text x={bx + 6} y={by + LANE_H / 2 + 2}>
                      {clip(bar.label, Math.floor((bw - 10) / 6.2))}
                    </text>
                  )}
                </g>
              );
            })}
          </g>
        ))}
      </svg>
      <figcaption className="muted small">
        Colour = the Canvas term a session becomes; grey sessions become no term of their own.
        {undated > 0 && ` ${undated} session${undated === 1 ? '' : 's'} without dates are not drawn.`}
      </figcaption>
    </figure>
  );
}

/** Bands one under the other below the axis, each as tall as its lanes. */
function stackBands(bands: readonly Band[]): {
  placed: Array<{ band: Band; top: number; h: number }>;
  bottom: number;
} {
  const placed: Array<{ band: Band; top: number; h: number }> = [];
  let top = AXIS_H;
  for (const band of bands) {
    const h = band.lanes * LANE_H + BAND_PAD * 2;
    placed.push({ band, top, h });
    top += h;
  }
  return { placed, bottom: top };
}

function buildBands(schools: TermSchool[], terms: CanvasTermView[]): Band[] {
  const band = (key: string, label: string, sub: string, bars: Bar[], canvas: boolean): Band => {
    const { lanes, laneOf } = assignLanes(bars);
    return { key, label, sub, bars, lanes, laneOf, canvas };
  };
  const termBars: Bar[] = [];
  for (const t of terms) {
    const start = dayOf(t.startDate);
    const end = dayOf(t.endDate);
    if (start === null || end === null) continue;
    termBars.push({
      key: `term:${t.termId}`,
      start,
      end,
      label: t.name,
      termId: t.termId,
      title: `Canvas term ${t.termId} “${t.name}”: ${formatDay(t.startDate)} – ${formatDay(t.endDate)}, from ${plural(t.sessions.length, 'session', 'sessions')}`,
    });
  }
  const out = [band('canvas', 'Canvas terms', `${terms.length} in terms.csv`, termBars, true)];
  for (const s of schools) {
    const bars = s.sessions.flatMap((x) => sessionBar(s, x));
    out.push(
      band(
        `school:${s.accountId}`,
        s.name,
        `${s.sessions.length} session${s.sessions.length === 1 ? '' : 's'}`,
        bars,
        false,
      ),
    );
  }
  return out;
}

function sessionBar(school: TermSchool, s: TermSession): Bar[] {
  const start = dayOf(s.startDate);
  const end = dayOf(s.endDate);
  if (start === null || end === null) return [];
  const becomes = s.canvasTermId === null ? 'no Canvas term of its own' : `Canvas term ${s.canvasTermId}`;
  return [
    {
      key: `${school.accountId}:${s.sourcedId}`,
      start,
      end,
      label: s.title,
      termId: s.canvasTermId,
      title: `${s.title} (${s.type}, ${s.sourcedId}): ${formatDay(s.startDate)} – ${formatDay(s.endDate)}, ${plural(s.classes, 'class', 'classes')} → ${becomes}`,
    },
  ];
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1))}…`;
}

function describe(schools: TermSchool[], terms: CanvasTermView[]): string {
  return `Timeline of ${terms.length} Canvas terms and the sessions of ${schools.length} schools that become them.`;
}
