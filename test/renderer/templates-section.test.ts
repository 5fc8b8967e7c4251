import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { settingsSchema } from '../../src/shared/settings/settings';
import { draftOf, settingsErrors } from '../../src/renderer/src/settings/settings-form';
import type { SettingsDraft } from '../../src/renderer/src/settings/settings-form';
import { sampleJob, TemplatesSection } from '../../src/renderer/src/settings/templates-section';

/** Each template's cost line, by its label, as the Settings dialog renders it. */
function costs(draft: SettingsDraft): { html: string; cost: Record<string, string> } {
  const html = renderToStaticMarkup(
    createElement(TemplatesSection, { draft, errors: settingsErrors(draft), update: () => {} }),
  );
  const cost: Record<string, string> = {};
  for (const m of html.matchAll(
    /aria-label="(\w[\w ]*) message cost" aria-live="polite">([^<]*)</g,
  )) {
    cost[m[1]!] = m[2]!;
  }
  return { html, cost };
}

describe('the template editor says what each text costs', () => {
  it('counts each default, filled like a real job, as GSM-7 in one or two texts', () => {
    const { cost } = costs(draftOf(settingsSchema.parse({ mode: 'sandbox' })));
    expect(Object.keys(cost)).toEqual(['Scheduled', 'En route', 'On site', 'Completed']);
    // The window and a long-ish name can take Scheduled just past 160 characters.
    expect(cost.Scheduled).toMatch(/^About [12] texts? \(GSM-7, \d+ characters\)$/);
    for (const status of ['En route', 'On site', 'Completed']) {
      expect(cost[status]).toMatch(/^About 1 text \(GSM-7, \d+ characters\)$/);
    }
  });

  it('fills the preview like a real job: a long-ish name and a token of the minted length', () => {
    const job = sampleJob('America/Chicago');
    // newTrackingToken() (src/core/ids/random-ids.ts) mints 32 bytes: 43 base64url characters.
    expect(job.tracking_token).toHaveLength(43);
    expect(job.customer_name.split(' ')[0]!.length).toBeGreaterThanOrEqual(10);
  });

  it('names an en dash a dispatcher typed, and says the text goes as UCS-2', () => {
    const draft = draftOf(settingsSchema.parse({ mode: 'sandbox' }));
    draft.business.name = 'Haul Yeah';
    draft.sms_templates.on_site = 'Hi {name} – {business} is here. Details: {link}';
    const { html, cost } = costs(draft);
    expect(cost['On site']).toMatch(
      /^About 2 texts: ‘–’ is not in the basic set \(UCS-2, \d+ characters\)$/,
    );
    expect(html).toContain('class="template-cost warn"');
  });

  it('shows a typo in a placeholder beside its field, naming the known ones', () => {
    const draft = draftOf(settingsSchema.parse({ mode: 'sandbox' }));
    draft.sms_templates.completed = 'Thanks {name}! {buisness} is done: {link}';
    const { html } = costs(draft);
    expect(html).toContain(
      'Completed message has {buisness}, which is not a placeholder: use {name} {business} {link} {window} {phone}',
    );
    expect(html).toMatch(
      /id="setting-sms_templates-completed"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="setting-sms_templates-completed"/,
    );
  });
});
