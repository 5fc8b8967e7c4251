import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import type {
  DeployHistoryEntry,
  DeployStatus,
  ReleaseSummary,
} from '../../src/shared/deploy/deploy-api';
import { settingsSchema } from '../../src/shared/settings/settings';
import { formatWhen } from '../../src/renderer/src/deploy/format-when';
import { HistorySection } from '../../src/renderer/src/deploy/history-section';
import { ReleasesSection } from '../../src/renderer/src/deploy/releases-section';
import { DeployStatusView } from '../../src/renderer/src/deploy/deploy-status-view';
import { useDeployStore } from '../../src/renderer/src/deploy/deploy-store';
import { useSettingsStore } from '../../src/renderer/src/settings/settings-store';

// Issue 17 §9: "deploy times use the machine's zone, unlabelled, beside Chicago times". Every
// deploy time is in the business's zone, with its short name — whatever zone the machine is in.

const AT = '2026-12-07T20:05:00Z'; // 2:05 PM in Chicago, 9:05 PM in Berlin, 8:05 PM UTC
const chicago = settingsSchema.parse({
  mode: 'sandbox',
  business: { name: 'QuickDumpNow', time_zone: 'America/Chicago', currency: 'USD' },
});
const promoted: DeployHistoryEntry = {
  id: 'd1',
  action: 'promote',
  at: AT,
  by: 'dana',
  ok: true,
  summary: 'Promoted 3 files',
  releaseId: 'r2',
  invalidations: [],
  details: null,
};
const release: ReleaseSummary = {
  id: 'r2',
  buildId: 'b2',
  createdAt: AT,
  by: 'dana',
  files: 12,
  rolledBackTo: null,
  current: true,
};
const target = { buildId: 'b2', files: 12, location: '/tmp/prod' };
const status: DeployStatus = {
  mode: 'sandbox',
  built: { buildId: 'b2', dir: '/tmp/site' },
  staging: target,
  prod: { ...target, releaseId: 'r2' },
  pending: { changed: 0, added: 0, removed: 0 },
  prodCurrent: false,
  pendingInvalidations: [],
  owed: [],
  pruneLater: [],
  unfinished: { runId: 'u1', action: 'promote', by: 'sam', at: AT, underWay: false },
  halfStaged: null,
  problems: [],
  notes: [],
  lastDeploy: promoted,
};

beforeAll(() => {
  // The server render reads each store's initial state (see messages-section.test.ts).
  Object.assign(useSettingsStore.getInitialState(), { settings: chicago });
  Object.assign(useDeployStore.getInitialState(), {
    history: [promoted],
    releases: [release],
    status,
  });
});

const textOf = (component: () => unknown) =>
  renderToStaticMarkup(createElement(component as () => null))
    .replace(/<[^>]+>/g, ' ')
    .replace(/[\u00a0\u202f]/g, ' ')
    .replace(/\s+/g, ' ');

describe('deploy times', () => {
  it('are written in the zone asked, with its short name', () => {
    expect(formatWhen(AT, 'America/Chicago', 'en-US').replace(/\u202f/g, ' ')).toBe(
      'Dec 7, 2026, 2:05 PM CST',
    );
    expect(formatWhen(AT, 'America/New_York', 'en-US').replace(/\u202f/g, ' ')).toBe(
      'Dec 7, 2026, 3:05 PM EST',
    );
    expect(formatWhen('not a time', 'America/Chicago', 'en-US')).toBe('not a time');
  });
  it('show in the business’s zone in the history, the releases and the status', () => {
    for (const section of [HistorySection, ReleasesSection, DeployStatusView]) {
      const text = textOf(section);
      expect(text).toMatch(/2:05 PM CST/);
      expect(text).not.toMatch(/8:05|9:05/);
    }
  });
  it('label an unfinished operation’s start and the last deploy in the status', () => {
    const text = textOf(DeployStatusView);
    expect(text).toMatch(/\(started Dec 7, 2026, 2:05 PM CST\) stopped before it finished/);
    // The pipeline's account is folded behind Details (issue 17 §9).
    expect(text).toMatch(/Details A promote \(run [^)]+\) stopped midway/);
    expect(text).toMatch(/Last deploy promote by dana, Dec 7, 2026, 2:05 PM CST/);
  });
});
