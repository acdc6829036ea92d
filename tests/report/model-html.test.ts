import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReportModel } from '../../shared/report/model';
import { buildReportModel, renderReportHtml } from '../../electron/services/report';
import {
  ACK_REASON,
  buildFixture,
  DISTRICT,
  FAKE_SECRET,
  FEED_PASSWORD,
  MUTED_RULE,
  sampleConversion,
  type ReportFixture,
} from './fixture';

let fx: ReportFixture;
beforeAll(async () => {
  fx = await buildFixture();
});
afterAll(() => fx?.cleanup());

describe('buildReportModel over a real evaluated snapshot', () => {
  it('carries the verdict, counts, top problems, settings and connectivity of the evaluation', () => {
    const { model, evaluation } = fx;
    expect(ReportModel.parse(model)).toEqual(model);
    expect(model.district).toEqual({ name: DISTRICT, demo: false });
    expect(model.verdict).toBe('not_ready');
    expect(model.counts).toEqual(evaluation.summary.counts);
    expect(model.totalFindings).toBe(evaluation.findings.length);
    expect(Object.values(model.byEntityType).reduce((a, b) => a + b, 0)).toBe(evaluation.findings.length);
    expect(model.topProblems[0]).toMatchObject({ severity: 'blocker' });
    expect(model.topProblems.map((p) => p.ruleId)).toEqual(
      expect.arrayContaining(['USER-NO-USERNAME', 'USER-DUP-USERNAME']),
    );
    expect(model.plan.counts.enrollments).toBeGreaterThan(1000);
    // The muted rule is listed with how many findings it hid, and none of its findings are visible.
    const muted = model.rules.muted.find((r) => r.ruleId === MUTED_RULE)!;
    expect(muted.findings).toBeGreaterThan(0);
    expect(evaluation.findings.some((f) => f.ruleId === MUTED_RULE)).toBe(false);
    expect(model.rules.acknowledgedBlockers).toEqual([
      expect.objectContaining({ ruleId: 'OR-REF-MISSING', reason: ACK_REASON, by: 'dana.admin' }),
    ]);
    expect(model.acknowledgedBlockers).toBe(1);
    expect(model.connectivity?.verdict).toBe('ready');
    expect(model.connectivity?.checks.length).toBeGreaterThan(5);
    expect(model.snapshot.id).toBe(fx.snapshot.id);
    expect(model.conversion).toBeNull();
  });

  it('strips credentials from URLs it is given', () => {
    const model = buildReportModel({
      evaluation: fx.evaluation,
      snapshot: {
        ...fx.snapshot,
        baseUrl: `https://admin:${FAKE_SECRET}@or.example.org/ims/oneroster/v1p1?access_token=${FAKE_SECRET}`,
      },
      mappingOptions: fx.model.mapping.options,
      ruleSettings: { severityOverrides: {}, muted: [], acknowledgements: [], downgrades: {} },
      appVersion: '1',
      generatedAt: '2026-03-02T14:05:00.000Z',
    });
    expect(model.snapshot.baseUrl).toBe('https://or.example.org/ims/oneroster/v1p1');
    expect(JSON.stringify(model)).not.toContain(FAKE_SECRET);
  });

  it('rejects a conversion of the wrong shape', () => {
    expect(() =>
      buildReportModel({
        evaluation: fx.evaluation,
        snapshot: fx.snapshot,
        conversion: { summary: sampleConversion(fx.snapshot.id) } as never,
        mappingOptions: fx.model.mapping.options,
        ruleSettings: { severityOverrides: {}, muted: [], acknowledgements: [], downgrades: {} },
        appVersion: '1',
        generatedAt: '2026-03-02T14:05:00.000Z',
      }),
    ).toThrow();
  });
});

describe('renderReportHtml', () => {
  it('is one self-contained document with the key content', () => {
    const html = renderReportHtml({ ...fx.model, conversion: sampleConversion(fx.snapshot.id) });
    expect(html.startsWith('<!doctype html>')).toBe(true);
    for (const text of [
      DISTRICT,
      'Not ready',
      'Top problems and how to fix them',
      'Give every active user a username',
      ACK_REASON,
      MUTED_RULE,
      fx.snapshot.id,
      'Roster Preflight 0.1.0-test',
      'March 2, 2026 at 2:05 PM UTC',
      'Connectivity',
      'Conversion: Canvas today and after the sync',
      'Over the threshold: enrollments',
      'Mapping options',
      'No sync has been run',
    ]) {
      expect(html, text).toContain(text);
    }
    // Charts are inline SVG; nothing is fetched: no scripts, links, external images or fonts.
    expect((html.match(/<svg /g) ?? []).length).toBe(3);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|url\(|@import|\bsrc=/i);
    expect(html).toMatch(/@page \{ size: A4;/);
    expect(renderReportHtml(fx.model, { pageSize: 'Letter' })).toMatch(/@page \{ size: Letter;/);
  });

  it('never contains a secret, a token or a feed password', () => {
    const html = renderReportHtml(fx.model);
    expect(html).not.toContain(FAKE_SECRET);
    expect(html).not.toMatch(FEED_PASSWORD);
    // The feed does carry passwords (so the check above means something), and the report says so.
    expect(fx.model.byRule.map((r) => r.ruleId)).toContain('USER-PASSWORD-PRESENT');
    expect(JSON.stringify(fx.verify)).not.toContain(FAKE_SECRET);
  });

  it('escapes hostile text everywhere (district name, reasons, sync history)', () => {
    const evil = `<script>alert("x")</script><img src=x onerror=alert(1)> & "Co" 'USD'`;
    const html = renderReportHtml({
      ...fx.model,
      district: { name: evil, demo: true },
      rules: {
        ...fx.model.rules,
        acknowledgedBlockers: [{ ...fx.model.rules.acknowledgedBlockers[0]!, reason: evil }],
      },
      syncHistory: [
        {
          at: '2026-03-01T22:00:00Z',
          by: evil,
          mode: 'standard',
          options: { note: evil },
          importId: '42',
          result: evil,
        },
      ],
    });
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).toContain(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt; &amp; &quot;Co&quot; &#39;USD&#39;',
    );
    expect(html).toContain('demo district');
  });
});
