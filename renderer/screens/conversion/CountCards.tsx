import {
  CLASSIFICATIONS,
  type Classification,
  type ConversionSummary,
  type ConversionType,
} from '../../../shared/conversion/types';
import { formatCount } from '../../format';
import { CLASS_HELP, CLASS_LABEL, TYPE_LABEL, TYPE_ORDER } from './text';

/**
 * One card per type with its keep / remap / create / orphan counts. Clicking a count opens that type and
 * classification in the side-by-side table.
 */
export function CountCards({
  counts,
  onPick,
}: {
  counts: ConversionSummary['counts'];
  onPick(type: ConversionType, status: Classification): void;
}) {
  return (
    <section className="count-cards" aria-label="Classification counts">
      {TYPE_ORDER.map((type) => {
        const c = counts[type];
        const total = CLASSIFICATIONS.reduce((n, k) => n + (c?.[k] ?? 0), 0);
        return (
          <div key={type} className="panel count-card" data-type={type}>
            <div className="count-card-head">
              <h3>{TYPE_LABEL[type]}</h3>
              <span className="muted small">{formatCount(total)}</span>
            </div>
            <div className="count-grid">
              {CLASSIFICATIONS.map((k) => (
                <button
                  key={k}
                  type="button"
                  className={`count-cell class-${k}`}
                  data-class={k}
                  title={CLASS_HELP[k]}
                  onClick={() => onPick(type, k)}
                  aria-label={`${TYPE_LABEL[type]}: ${formatCount(c?.[k] ?? 0)} ${CLASS_LABEL[k].toLowerCase()}`}
                >
                  <span className="count-label">{CLASS_LABEL[k]}</span>
                  <strong>{formatCount(c?.[k] ?? 0)}</strong>
                </button>
              ))}
            </div>
          </div>
        );
      })}
    </section>
  );
}

export function ClassBadge({ status }: { status: Classification }) {
  return (
    <span className={`class-badge class-${status}`} title={CLASS_HELP[status]}>
      {CLASS_LABEL[status]}
    </span>
  );
}
