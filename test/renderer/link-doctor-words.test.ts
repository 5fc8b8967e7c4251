import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { LinkDoctorReport, LinkLayerCheck } from '../../src/shared/deploy/deploy-api';
import {
  doctorHeadline,
  LinkDoctorReportView,
} from '../../src/renderer/src/deploy/link-doctor-report';

// Issue 17 §9: the link doctor said "Status document on prod", "The LIVE function routes
// /track/<token> to /track.html", "glued punctuation". It says what a dispatcher can act on,
// with one Fix, and keeps the engineer's words behind "Details".

const layer = (l: Partial<LinkLayerCheck> & Pick<LinkLayerCheck, 'layer'>): LinkLayerCheck => ({
  ok: true,
  summary: `${l.layer} is fine.`,
  detail: `${l.layer} engineering detail`,
  fix: null,
  ...l,
});
const stale: LinkDoctorReport = {
  jobId: 'fcdc1c82cb284dbe',
  trackingUrl: 'http://127.0.0.1:4780/track/abc',
  fault: 'status_document',
  layers: [
    layer({ layer: 'token', summary: 'Mark’s link is switched on.' }),
    layer({
      layer: 'status_document',
      ok: false,
      summary: 'Mark’s page is out of date on the website.',
      detail: 'Prod’s status document is out of date with jobs.json.',
      fix: 'republish_document',
    }),
    layer({
      layer: 'edge_rewrite',
      summary: 'The website takes Mark’s link to the tracking page.',
      detail: 'The LIVE function routes /track/<token> to /track.html.',
    }),
  ],
};
const works: LinkDoctorReport = {
  ...stale,
  fault: null,
  layers: stale.layers.map((l) => ({ ...l, ok: true, fix: null })),
};

const render = (report: LinkDoctorReport) =>
  renderToStaticMarkup(
    createElement(LinkDoctorReportView, {
      report,
      customerName: 'Mark Olsen',
      busy: false,
      fixing: false,
      onFix: () => undefined,
    }),
  );
/** What shows before "Details" is opened: everything outside the <details>. */
const shown = (html: string) =>
  html.replace(/<details[\s\S]*<\/details>/, '').replace(/<[^>]+>/g, ' ');
const details = (html: string) => /<details[\s\S]*<\/details>/.exec(html)?.[0] ?? '';

describe('the link doctor in plain words', () => {
  it('leads with the fault as the dispatcher acts on it, and one Fix', () => {
    expect(doctorHeadline(stale, 'Mark Olsen')).toBe('Mark’s page is out of date on the website.');
    const html = render(stale);
    expect(shown(html)).toMatch(/Mark’s page is out of date on the website\.\s+Fix/);
    expect(html.match(/<button/g)).toHaveLength(1);
    expect(html).toContain('title="Republish the status document"');
  });
  it('keeps the engineering words behind Details', () => {
    const html = render(stale);
    expect(shown(html)).not.toMatch(/Status document on prod|LIVE function|jobs\.json|track\.html/);
    const more = details(html);
    expect(more).toMatch(/<summary>Details<\/summary>/);
    expect(more).toContain('Status document on prod');
    expect(more).toContain('The LIVE function routes /track/&lt;token&gt; to /track.html.');
    expect(more).toContain('the fix: Republish the status document');
    expect(more).toContain('http://127.0.0.1:4780/track/abc');
  });
  it('says a working link works, by the customer’s first name, with no Fix', () => {
    expect(doctorHeadline(works, 'Mark Olsen')).toMatch(/^Mark’s link works end to end/);
    expect(doctorHeadline(works, null)).toMatch(/^The link works end to end/);
    expect(render(works)).not.toContain('<button');
  });
});
