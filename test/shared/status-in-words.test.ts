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

describe('the deploy status in words', () => {
  it('says prod is current only when it is', () => {
    expect(statusInWords(base)).toEqual([
      'Prod is current: it serves what staging holds, and the edge is fresh.',
    ]);
  });

  it('names what is owed, what waits to be pruned, and an unfinished operation first', () => {
    const lines = statusInWords({
      ...base,
      prodCurrent: false,
      owed: ['track.html', 'book.html'],
      pruneLater: ['assets/app-v1.js'],
      unfinished: {
        runId: 'r',
        action: 'promote',
        by: 'ann@laptop (cli)',
        at: 'T',
        underWay: false,
      },
    });
    expect(lines[0]).toMatch(
      /^A promote by ann@laptop \(cli\) .* stopped midway; the next deploy command finishes it\.$/,
    );
    expect(lines[1]).toMatch(
      /old copies of track\.html, book\.html: they are owed an invalidation/,
    );
    expect(lines[2]).toMatch(/^assets\/app-v1\.js will be removed from prod once nothing is owed/);
    expect(lines.join(' ')).not.toMatch(/Prod is current/);
  });

  it('shortens a long list of owed keys', () => {
    const owed = Array.from({ length: 9 }, (_, i) => `assets/a${i}.js`);
    const [line] = statusInWords({ ...base, prodCurrent: false, owed });
    expect(line).toMatch(/assets\/a5\.js and 3 more:/);
  });
});
