import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { planToCsvFiles } from '../../electron/services/canvas-csv';
import { canvasTimestamp, machineTimeZone } from '../../electron/services/canvas-csv/dates';
import { demoPlan } from './helpers';

/** Issue 11: terms.csv/enrollments.csv carried `2022-12-24`, which Canvas reads as midnight — a day early. */

describe('canvasTimestamp', () => {
  it.each([
    ['2022-12-24', 'end', 'America/Chicago', '2022-12-24T23:59:59-06:00'],
    ['2022-12-24', 'start', 'America/Chicago', '2022-12-24T00:00:00-06:00'],
    ['2022-07-01', 'start', 'America/Chicago', '2022-07-01T00:00:00-05:00'],
    // The day Berlin switches to summer time at 02:00: midnight is still +01:00, the last second +02:00.
    ['2022-03-27', 'start', 'Europe/Berlin', '2022-03-27T00:00:00+01:00'],
    ['2022-03-27', 'end', 'Europe/Berlin', '2022-03-27T23:59:59+02:00'],
    ['2022-12-24', 'end', 'Asia/Kolkata', '2022-12-24T23:59:59+05:30'],
    ['2022-12-24', 'end', 'UTC', '2022-12-24T23:59:59+00:00'],
  ] as const)('%s (%s) in %s → %s', (date, edge, zone, expected) => {
    expect(canvasTimestamp(date, edge, zone)).toBe(expected);
    // The instant really is that local time.
    const local = new Intl.DateTimeFormat('sv-SE', {
      timeZone: zone,
      dateStyle: 'short',
      timeStyle: 'medium',
    }).format(new Date(expected));
    expect(local).toBe(`${date} ${edge === 'start' ? '00:00:00' : '23:59:59'}`);
  });

  it('leaves empty values and timestamps alone', () => {
    expect(canvasTimestamp('', 'end', 'UTC')).toBe('');
    expect(canvasTimestamp('2022-12-24T10:00:00Z', 'end', 'UTC')).toBe('2022-12-24T10:00:00Z');
  });
});

describe('Canvas SIS CSV dates', () => {
  const plan = demoPlan({ preset: 'tiny' });

  function rowsOf(zone: string | undefined, kind: 'terms' | 'enrollments') {
    const file = planToCsvFiles(plan, zone === undefined ? {} : { timeZone: zone }).find(
      (f) => f.kind === kind,
    )!;
    return parse([...file.chunks()].join(''), { columns: true }) as Array<Record<string, string>>;
  }

  it('terms and enrollments carry full timestamps in the district zone: start of the first day, end of the last', () => {
    const terms = rowsOf('America/Denver', 'terms').filter((t) => t.start_date !== '');
    expect(terms.length).toBeGreaterThan(0);
    for (const t of terms) {
      expect(t.start_date).toMatch(/^\d{4}-\d\d-\d\dT00:00:00-0[67]:00$/);
      expect(t.end_date).toMatch(/^\d{4}-\d\d-\d\dT23:59:59-0[67]:00$/);
    }
    const planned = plan.terms.find((t) => t.start_date !== '')!;
    const written = terms.find((t) => t.term_id === planned.term_id)!;
    expect(written.start_date!.slice(0, 10)).toBe(planned.start_date);
    expect(written.end_date!.slice(0, 10)).toBe(planned.end_date);
    for (const e of rowsOf('America/Denver', 'enrollments').filter((x) => x.end_date !== '')) {
      expect(e.end_date).toMatch(/T23:59:59-0[67]:00$/);
    }
  });

  it("defaults to this machine's zone", () => {
    const zone = machineTimeZone();
    const planned = plan.terms.find((t) => t.end_date !== '')!;
    const written = rowsOf(undefined, 'terms').find((t) => t.term_id === planned.term_id)!;
    expect(written.end_date).toBe(canvasTimestamp(planned.end_date, 'end', zone));
  });
});
