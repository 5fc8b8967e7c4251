import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSettingsApi } from '../../../src/core/settings/settings-api';
import { openWorkspace } from '../../../src/core/workspace/open-workspace';
import type { Settings } from '../../../src/shared/settings/settings';

// Settings → Texts round-trips config.json's `messages` (issue 18): real files in a temp workspace.
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'qdn-settings-texts-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const configPath = () => path.join(dir, 'config.json');
const readConfig = async () =>
  JSON.parse(await readFile(configPath(), 'utf8')) as Record<string, unknown>;
const api = async () => createSettingsApi(await openWorkspace(dir));

const AWS_TEXTS = {
  origination_identity: '+18005550100',
  configuration_set: 'qdn-texts',
  inbound_queue_url: 'https://sqs.us-east-2.amazonaws.com/123456789012/qdn-inbound',
};

describe('Settings → Texts', () => {
  it('reads en_route only by default, saves statuses, quiet hours and the AWS provider into config.json, and reads them back', async () => {
    const settings = await (await api()).getSettings();
    expect(settings.messages).toEqual({ auto: ['en_route'] });

    const next: Settings = {
      ...settings,
      messages: {
        auto: ['scheduled', 'en_route', 'completed'],
        quiet_hours: { from: '21:00', to: '08:00' },
        provider: 'aws',
        aws: AWS_TEXTS,
      },
    };
    const saved = await (await api()).saveSettings(next);
    expect(saved.messages).toEqual(next.messages);
    expect((await readConfig()).messages).toEqual(next.messages);
    expect((await (await api()).getSettings()).messages).toEqual(next.messages);
  });

  it('keeps what Settings does not own inside messages, and removes what it cleared', async () => {
    const first = await (await api()).getSettings();
    await (
      await api()
    ).saveSettings({
      ...first,
      messages: {
        auto: ['en_route'],
        quiet_hours: { from: '21:00', to: '08:00' },
        provider: 'aws',
        aws: AWS_TEXTS,
      },
    });
    // A newer console (or a hand edit) wrote fields this one does not know.
    const raw = await readConfig();
    const messages = raw.messages as Record<string, unknown>;
    messages.twilio = { account_sid: 'AC123' };
    (messages.aws as Record<string, unknown>).registration_id = 'reg-1234';
    await writeFile(configPath(), JSON.stringify(raw, null, 2));

    const settings = await (await api()).getSettings();
    await (
      await api()
    ).saveSettings({
      ...settings,
      messages: {
        auto: ['en_route'],
        provider: 'aws',
        aws: { origination_identity: '+18005550100' },
      },
    });
    expect((await readConfig()).messages).toEqual({
      auto: ['en_route'],
      provider: 'aws',
      aws: { origination_identity: '+18005550100', registration_id: 'reg-1234' },
      twilio: { account_sid: 'AC123' },
    });
  });

  it('refuses bad quiet hours or a queue that is no URL, and writes nothing', async () => {
    const settings = await (await api()).getSettings();
    const before = await readFile(configPath(), 'utf8');
    for (const messages of [
      { auto: ['en_route'], quiet_hours: { from: '25:00', to: '08:00' } },
      {
        auto: ['en_route'],
        provider: 'aws',
        aws: { origination_identity: '+18005550100', inbound_queue_url: 'queue' },
      },
      { auto: ['on_the_moon'] },
    ]) {
      await expect(
        (await api()).saveSettings({ ...settings, messages } as unknown as Settings),
      ).rejects.toMatchObject({
        code: 'bad_request',
        message: expect.stringMatching(/^Settings not saved: messages/) as string,
      });
      expect(await readFile(configPath(), 'utf8')).toBe(before);
    }
  });
});
