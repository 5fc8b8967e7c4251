import { describe, expect, it } from 'vitest';
import type { DeployStatus } from '../../src/shared/deploy/deploy-api';
import { statusInWords } from '../../src/shared/deploy/status-in-words';

const base: DeployStatus = {
  mode: 'sandbox',
  built: { buildId: 'b2', dir: '/out/site' },
  staging: { buildId: 'b2', files: 4, location: 'staging' },
  prod: { buildId: 'b2', files: 4, location: 'prod', releaseId: 'r2' },
  pending: { changed: 0, added: 0, removed: 0 },
  prodCurrent: true,
  pendingInvalidations: [],
  owed: [],
  pruneLater: [],
  unfinished: null,
  halfStaged: null,
  problems: [],
  notes: [],
  lastDeploy: null,
};

// Issue 17 §9: the Deploy panel says what a dispatcher can act on, with the engineering detail
// behind "Details". The sentences never name the pipeline's parts (owed invalidations, prune,
// staging and prod, the edge, keys); their details do.
const ENGINEERING = /\bowed\b|invalidation|prun|\bprod\b|\bedge\b|\.html|assets\//i;

const says = (lines: { say: string }[]) => lines.map((l) => l.say);

describe('the deploy status in words', () => {
  it('says the website is up to date only when it is', () => {
    expect(statusInWords(base)).toEqual([
      {
        say: 'The website is up to date: customers see the newest version.',
        detail: 'Prod serves what staging holds, and the edge is fresh.',
      },
    ]);
  });

  it('says what to do about each thing, an unfinished operation first, the pipeline behind Details', () => {
    const lines = statusInWords({
      ...base,
      prodCurrent: false,
      owed: ['track.html', 'book.html', 'assets/app-v2.js'],
      pruneLater: ['assets/app-v1.js'],
      pending: { changed: 2, added: 1, removed: 0 },
      pendingInvalidations: [
        { id: 'I1', distributionId: 'E1', status: 'InProgress', paths: ['/track.html'] },
      ],
      halfStaged: { runId: 's', buildId: 'b3', at: 'T' },
      problems: ['deploys/x.json does not parse.'],
      unfinished: {
        runId: 'r',
        action: 'promote',
        by: 'ann@laptop (cli)',
        at: 'T',
        underWay: false,
      },
    });
    expect(says(lines)).toEqual([
      'An update of the website by ann@laptop (cli) (started T) stopped before it finished. Deploy again and it is finished first.',
      'The new version of the website was only partly prepared. Stage it again before promoting it.',
      'Customers may still be shown the old version of the tracking page, the booking page and 1 other file. Refresh them: "Invalidate every page" (or `qdn deploy invalidate`).',
      'The website is being refreshed for customers; it usually takes a few minutes. Nothing to do.',
      '1 file the website no longer uses will be removed once customers can no longer be shown an old page. Nothing to do.',
      'The website does not show the newest version yet (3 files to publish). Promote it to publish it.',
      'A deploy record could not be read and was skipped. Nothing is lost; if this stays, tell whoever set up the website.',
    ]);
    for (const say of says(lines)) expect(say).not.toMatch(ENGINEERING);
    expect(lines.map((l) => l.detail)).toEqual([
      'A promote (run r) stopped midway; the next deploy command finishes it.',
      'The stage of build b3 did not finish: staging is half-uploaded.',
      'The edge may still serve old copies of track.html, book.html, assets/app-v2.js: they are owed an invalidation until one completes.',
      'Invalidations in progress: I1 on E1.',
      'assets/app-v1.js will be deleted from prod once nothing is owed an invalidation (a page the edge may still serve names them).',
      'Prod is behind staging: 2 changed, 1 added.',
      'deploys/x.json does not parse.',
    ]);
  });

  it('says who is updating the website while it runs elsewhere', () => {
    const [line] = statusInWords({
      ...base,
      prodCurrent: false,
      unfinished: { runId: 'r', action: 'rollback', by: 'dana (console)', at: 'T', underWay: true },
    });
    expect(line).toEqual({
      say: 'The website is being updated by dana (console) (started T). Wait for it to finish before deploying.',
      detail: 'A rollback (run r) by dana (console) is under way.',
    });
  });

  it('counts the files it does not name, and shortens a long list in Details', () => {
    const owed = Array.from({ length: 9 }, (_, i) => `assets/a${i}.js`);
    const [line] = statusInWords({ ...base, prodCurrent: false, owed });
    expect(line?.say).toMatch(/old version of 9 files\./);
    expect(line?.detail).toMatch(/assets\/a5\.js and 3 more:/);
  });
});
