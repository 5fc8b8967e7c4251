import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Job } from '../../src/shared/job';
import { settingsSchema } from '../../src/shared/settings/settings';
import { MessagesSection } from '../../src/renderer/src/job-detail/messages-section';
import { customerLinkOf } from '../../src/renderer/src/job-detail/customer-link';
import { useWorkspaceStore } from '../../src/renderer/src/stores/workspace-store';
import { MARK_SEED_RECORD } from '../fixtures/mark';

// Issue 17 §5: "before the customer confirms, the panel already offers a 'you're booked' text
// and a second link". A request offers one link, its quote (/book/<token>), with the quote
// text; the tracking link and the Scheduled text come once the job is on the schedule.

const BASE = 'http://127.0.0.1:4173';
const TOKEN = MARK_SEED_RECORD.tracking_token;
const settings = settingsSchema.parse({ mode: 'sandbox' });
const scheduled: Job = {
  ...MARK_SEED_RECORD,
  pickup_date: '2030-11-27T19:00:00Z',
  pickup_window_end: '2030-11-27T23:00:00Z',
  phone: '(312) 555-0142',
};
const request: Job = { ...scheduled, status: 'requested', price: 0 };
const quoted: Job = { ...request, price: 350, quoted_at: '2030-11-20T16:00:00Z' };

beforeAll(() => {
  // React's server render reads a zustand store's server snapshot, which is the store's initial
  // state: the workspace is put there, as a read of it would have put it in the live state.
  Object.assign(useWorkspaceStore.getInitialState(), {
    info: { mode: 'sandbox', publicBaseUrl: BASE, businessName: 'QuickDumpNow', location: '/tmp' },
  });
});

/** The section as React renders it, as text (tags dropped, entities read). */
function render(job: Job): { html: string; text: string } {
  const html = renderToStaticMarkup(createElement(MessagesSection, { job, settings }));
  const text = html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;|&rsquo;/g, '’')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
  return { html, text };
}

describe('the panel’s customer link', () => {
  it('a quoted request: the /book/ link and the quote text, no tracking link, no booked text', () => {
    const { html, text } = render(quoted);
    expect(text).toContain('Quote link');
    expect(text).toContain(`${BASE}/book/${TOKEN}`);
    expect(text).toContain('Copy quote link');
    expect(text).toContain(
      `QuickDumpNow: your pickup quote is $350.00 for Wed, Nov 27, 2030, 1:00 PM - 5:00 PM (Chicago time). Confirm here: ${BASE}/book/${TOKEN}`,
    );
    // GSM-7: the window's hyphen, not an en dash (which made the old quote text 3 UCS-2 texts).
    expect(text).toContain('2 texts (GSM-7, 184 characters)');
    expect(html).toContain(`href="sms:+13125550142?body=`);
    expect(html).not.toContain('/track/');
    expect(text).not.toContain('Scheduled message');
    expect(html).not.toContain('id="sms-variant"');
  });

  it('a request not quoted yet: no link and no text until it is', () => {
    const { html, text } = render(request);
    expect(text).toContain('save a quote first');
    expect(html).not.toContain(TOKEN);
    expect(html).not.toContain('sms:');
    expect(html).not.toContain('id="sms-variant"');
  });

  it('a scheduled job: the tracking link and the status texts, as before', () => {
    const { html, text } = render(scheduled);
    expect(text).toContain('Customer link');
    expect(html).toContain(`${BASE}/track/${TOKEN}`);
    expect(html).not.toContain('/book/');
    expect(html).toContain('id="sms-variant"');
    expect(text).toContain('Copy link');
  });

  it('customerLinkOf: revoked first, none before the workspace is read', () => {
    expect(customerLinkOf({ ...quoted, token_revoked_at: '2030-11-21T00:00:00Z' }, BASE)).toEqual({
      kind: 'revoked',
    });
    expect(customerLinkOf(quoted, undefined)).toEqual({ kind: 'none' });
    expect(customerLinkOf(quoted, `${BASE}/site/`)).toEqual({
      kind: 'quote',
      url: `${BASE}/site/book/${TOKEN}`,
    });
  });
});
