import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Job } from '../../src/shared/job';
import { settingsSchema } from '../../src/shared/settings/settings';
import type { Settings } from '../../src/shared/settings/settings';
import { smsForJob } from '../../src/shared/sms';
import { SmsComposer } from '../../src/renderer/src/job-detail/sms-composer';
import {
  choose,
  hasEdit,
  keepEditing,
  newSmsDraft,
  replaceEdit,
  resetText,
  textOf,
  typed,
} from '../../src/renderer/src/job-detail/sms-draft';
import { MARK_SEED_RECORD } from '../fixtures/mark';

const mark: Job = {
  ...MARK_SEED_RECORD,
  customer_name: 'Mark Soderblom',
  pickup_window_end: '2026-11-27T23:00:00Z',
  phone: '(312) 555-0142',
};
const LINK = `https://track.quickdumpnow.com/track/${MARK_SEED_RECORD.tracking_token}`;
const defaults = settingsSchema.parse({ mode: 'sandbox' });

/** The composer as React renders it: the words a dispatcher reads under the text. */
function render(settings: Settings): { html: string; counter: string; text: string } {
  const html = renderToStaticMarkup(
    createElement(SmsComposer, { job: mark, link: LINK, settings, onCopy: async () => {} }),
  );
  const counter = /<span id="sms-cost"[^>]*>([^<]*)<\/span>/.exec(html);
  const text = /<textarea[^>]*>([^<]*)<\/textarea>/.exec(html);
  return { html, counter: decode(counter?.[1] ?? ''), text: decode(text?.[1] ?? '') };
}
const decode = (html: string) =>
  html
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&amp;/g, '&');

describe('the composer says what the text costs', () => {
  it('counts the default Scheduled text as one GSM-7 text, politely live for screen readers', () => {
    const { html, counter, text } = render(defaults);
    expect(text).toMatch(/^Hi Mark, your QuickDumpNow pickup is .* - .*\. Track it: https:/);
    expect(counter).toBe(`1 text (GSM-7, ${text.length} characters)`);
    expect(html).toMatch(/<span id="sms-cost" class="count" aria-live="polite">/);
    expect(html).toMatch(/<textarea[^>]*aria-describedby="sms-cost"/);
  });

  it('names the characters that make a text UCS-2, and marks the counter', () => {
    const settings: Settings = {
      ...defaults,
      sms_templates: {
        ...defaults.sms_templates,
        scheduled: '“Hi” {name} – {business} comes {window}, here’s your link: {link}',
      },
    };
    const { html, counter, text } = render(settings);
    expect(text.length).toBeGreaterThan(134); // 3 UCS-2 texts; 2 in GSM-7 once the four go
    expect(counter).toBe(
      `3 texts: ‘“’, ‘”’, ‘–’ and ‘’’ are not in the basic set (UCS-2, ${text.length} characters)`,
    );
    expect(html).toContain('class="count warn"');
  });
});

describe('switching template over an edit asks first (the composer’s draft)', () => {
  const generatedFor = (variant: 'scheduled' | 'en_route') =>
    smsForJob(mark, { business: defaults.business, link: LINK }, variant)!;

  it('switches at once while nothing is typed, or when the typing came back to the template', () => {
    const fresh = newSmsDraft('scheduled');
    expect(choose(fresh, 'en_route', generatedFor('scheduled'))).toEqual(newSmsDraft('en_route'));
    const same = typed(fresh, generatedFor('scheduled'), generatedFor('scheduled'));
    expect(hasEdit(same, generatedFor('scheduled'))).toBe(false);
    expect(choose(same, 'en_route', generatedFor('scheduled')).variant).toBe('en_route');
  });

  it('asks before dropping an edit: Keep editing keeps the text, Replace takes the template', () => {
    const generated = generatedFor('scheduled');
    const edited = typed(newSmsDraft('scheduled'), generated, 'Hi Mark, gate code 4411 please.');
    const asking = choose(edited, 'en_route', generated);
    expect(asking).toMatchObject({ variant: 'scheduled', asking: 'en_route' });
    // While it asks, nothing has changed: same template, same text.
    expect(textOf(asking, generated)).toBe('Hi Mark, gate code 4411 please.');

    const kept = keepEditing(asking);
    expect(kept).toMatchObject({ variant: 'scheduled', asking: null });
    expect(textOf(kept, generated)).toBe('Hi Mark, gate code 4411 please.');

    const replaced = replaceEdit(asking);
    expect(replaced).toEqual(newSmsDraft('en_route'));
    expect(textOf(replaced, generatedFor('en_route'))).toBe(generatedFor('en_route'));
  });

  it('takes back the question when the same template is picked again, and resets on request', () => {
    const generated = generatedFor('scheduled');
    const edited = typed(newSmsDraft('scheduled'), generated, 'Edited');
    const asking = choose(edited, 'en_route', generated);
    expect(choose(asking, 'scheduled', generated)).toMatchObject({ asking: null });
    expect(textOf(choose(asking, 'scheduled', generated), generated)).toBe('Edited');
    expect(textOf(resetText(edited), generated)).toBe(generated);
  });
});
