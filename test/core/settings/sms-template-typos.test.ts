import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseWorkspaceConfig } from '../../../src/core/config/workspace-config';
import { createSettingsApi } from '../../../src/core/settings/settings-api';
import { openWorkspace } from '../../../src/core/workspace/open-workspace';
import { QdnError } from '../../../src/shared/errors';
import {
  settingsSchema,
  smsTemplatesSchema,
  unknownPlaceholders,
} from '../../../src/shared/settings/settings';
import type { SettingsInput } from '../../../src/shared/settings/settings';
import { draftOf, settingsErrors } from '../../../src/renderer/src/settings/settings-form';

const TYPO = 'Hi {name}, {buisness} is on the way: {link}';
const KNOWN = '{name} {business} {link} {window} {phone}';

describe('a template with an unknown placeholder', () => {
  it('is refused by the Settings schema, naming the typo and the placeholders there are', () => {
    const parsed = settingsSchema.safeParse({ mode: 'sandbox', sms_templates: { en_route: TYPO } });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues).toEqual([
      expect.objectContaining({
        path: ['sms_templates', 'en_route'],
        message: `has {buisness}, which is not a placeholder: use ${KNOWN}`,
      }),
    ]);
  });

  it('names every unknown one once, case and spaces included, and lets other braces be', () => {
    expect(unknownPlaceholders('{Name} {buisness} { name } {buisness} {}')).toEqual([
      '{Name}',
      '{buisness}',
      '{ name }',
      '{}',
    ]);
    expect(unknownPlaceholders('{name}{business}{link}{window}{phone}')).toEqual([]);
    // A lone brace, a smiley or a brace across lines is no placeholder anyone typed.
    expect(unknownPlaceholders('See you :} or :{ and {\n}')).toEqual([]);
    const two = settingsSchema.safeParse({
      mode: 'sandbox',
      sms_templates: { scheduled: 'At {time}, {Name}! {link}' },
    });
    expect(two.error!.issues[0]!.message).toBe(
      `has {time} {Name}, which are not placeholders: use ${KNOWN}`,
    );
  });

  it('shows beside its field in Settings, as "Scheduled message has {buisness}…"', () => {
    const draft = draftOf(settingsSchema.parse({ mode: 'sandbox' }));
    draft.sms_templates.scheduled = 'Hi {name}, see you {window} - {buisness}';
    expect(settingsErrors(draft)).toEqual({
      'sms_templates.scheduled': `has {buisness}, which is not a placeholder: use ${KNOWN}`,
    });
  });

  it('in an existing config.json still loads: config reading keeps the lenient schema', () => {
    expect(smsTemplatesSchema.parse({ en_route: TYPO }).en_route).toBe(TYPO);
    const { config } = parseWorkspaceConfig(
      JSON.stringify({ mode: 'sandbox', sms_templates: { en_route: TYPO } }),
      'config.json',
    );
    expect(config.sms_templates.en_route).toBe(TYPO);
  });
});

describe('a workspace whose config.json holds a typo from before', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'qdn-template-typo-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('opens and shows it; a save with the typo is refused and writes nothing; fixed, it saves', async () => {
    const file = path.join(dir, 'config.json');
    const old = { mode: 'sandbox', sms_templates: { en_route: TYPO } };
    await writeFile(file, JSON.stringify(old));
    const api = createSettingsApi(await openWorkspace(dir));
    const settings = await api.getSettings();
    expect(settings.sms_templates.en_route).toBe(TYPO);

    const before = await readFile(file, 'utf8');
    const input: SettingsInput = {
      ...settings,
      business: { ...settings.business, name: 'Haul Co' },
    };
    const error = await api.saveSettings(input).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(QdnError);
    expect((error as QdnError).code).toBe('bad_request');
    expect((error as QdnError).message).toBe(
      `Settings not saved: sms_templates.en_route: has {buisness}, which is not a placeholder: use ${KNOWN}`,
    );
    expect(await readFile(file, 'utf8')).toBe(before);

    const fixed = {
      ...input,
      sms_templates: { ...settings.sms_templates, en_route: TYPO.replace('buisness', 'business') },
    };
    const saved = await api.saveSettings(fixed);
    expect(saved.sms_templates.en_route).toBe('Hi {name}, {business} is on the way: {link}');
    expect(saved.business.name).toBe('Haul Co');
  });
});
