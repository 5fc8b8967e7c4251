import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { TextsSection } from '../../src/renderer/src/job-detail/texts-section';
import { DEFAULT_SETTINGS } from '../../src/renderer/src/settings/use-settings';
import type { Job } from '../../src/shared/job';
import { MARK_SEED_RECORD } from '../fixtures/mark';

// The panel's texts as markup: the conversation in order, states in words, the opt-out said.
describe('the job panel texts (issue 18)', () => {
  it('shows each text with its state, the STOP in plain words, and the switch on', () => {
    const job: Job = {
      ...MARK_SEED_RECORD,
      phone: '(312) 555-0142',
      texts: [
        {
          id: '00000000000000a1',
          direction: 'out',
          trigger: 'en_route',
          state: 'failed',
          at: '2026-12-08T16:12:00Z',
          body: 'On our way',
          segments: 1,
          reason: 'Unreachable destination',
        },
        {
          id: '00000000000000a2',
          direction: 'in',
          trigger: 'reply',
          state: 'received',
          at: '2026-12-08T16:30:00Z',
          body: 'STOP',
          read_at: '2026-12-08T16:31:00Z',
        },
      ],
    };
    const settings = {
      ...DEFAULT_SETTINGS,
      business: { ...DEFAULT_SETTINGS.business, time_zone: 'America/Chicago' },
    };
    const html = renderToStaticMarkup(createElement(TextsSection, { job, settings }));
    expect(html).toContain('Texted STOP on Dec 8 — automatic texts are off until they text START');
    expect(html).toMatch(
      /Failed: Unreachable destination.*Dec 8, 10:12 AM<\/time> · 1 text.*Retry/s,
    );
    expect(html.indexOf('On our way')).toBeLessThan(html.indexOf('>STOP<'));
    expect(html).toMatch(/<input type="checkbox" checked=""\/>Automatic texts for this job/);
  });
});
