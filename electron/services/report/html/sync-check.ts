import type { ReportModel } from '../../../../shared/report/model';
import { html, plural, type Formatters, type Raw } from './text';

const MAX_MISSED = 50;

/**
 * The last sync as Canvas did it against what the preview predicted: every missed prediction (a defect of the
 * preview, see README "Sync"), the blockers sent with an acknowledgement and the guard rails overridden.
 */
export function syncCheckBlock(m: ReportModel, fmt: Formatters): Raw {
  const last = m.syncHistory.at(-1);
  if (!last) return html``;
  const acks = Object.entries(last.acknowledgedBlockers ?? {});
  const missed = last.missed ?? [];
  const forced = last.forced ?? [];
  return html`<div class="block">
    <h3>Last sync: predicted vs actual</h3>
    <p>
      ${
        missed.length === 0
          ? `Canvas did what the preview predicted (${fmt.dateTime(last.at)}).`
          : `${plural(missed.length, 'missed prediction', 'missed predictions', fmt.count)}: Canvas did something the preview did not say (${fmt.dateTime(last.at)}).`
      }
      ${
        acks.length
          ? ` Sent with acknowledged blockers: ${acks.map(([rule, n]) => `${rule} ${fmt.count(n)}`).join(', ')} (each with its reason, see the acknowledgements).`
          : ''
      }
      ${forced.length ? ` Guard rails overridden by choice: ${forced.join('; ')}` : ''}
    </p>
    ${
      missed.length
        ? html`<table class="data">
            <thead>
              <tr>
                <th>What</th>
                <th>Predicted</th>
                <th>Canvas</th>
                <th>Message</th>
              </tr>
            </thead>
            <tbody>
              ${missed.slice(0, MAX_MISSED).map(
                (x) =>
                  html`<tr>
                    <td class="mono">${x.key}</td>
                    <td>${x.predicted}</td>
                    <td>${x.actual}</td>
                    <td>${x.message}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
        : ''
    }
  </div>`;
}
