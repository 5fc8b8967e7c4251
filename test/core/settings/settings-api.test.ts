import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSettingsApi } from '../../../src/core/settings/settings-api';
import { openWorkspace } from '../../../src/core/workspace/open-workspace';
import { SAMPLE_BUSINESS_PHONE } from '../../../src/core/config/workspace-config';
import { DEFAULT_SMS_TEMPLATES } from '../../../src/shared/settings/settings';
import type { AwsSettings, SettingsInput } from '../../../src/shared/settings/settings';
import { QdnError } from '../../../src/shared/errors';

// Real files in a temp workspace: what Settings reads and writes is config.json itself.
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'qdn-settings-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const configPath = () => path.join(dir, 'config.json');
const readConfig = async () =>
  JSON.parse(await readFile(configPath(), 'utf8')) as Record<string, unknown>;

const awsSettings: AwsSettings = {
  profile: 'qdn-dispatch',
  region: 'us-east-2',
  data: { bucket: 'qdn-data', prefix: '' },
  staging: { bucket: 'qdn-staging', prefix: 'site' },
  prod: {
    bucket: 'qdn-prod',
    prefix: '',
    public_base_url: 'https://track.quickdumpnow.com',
    distribution_ids: ['E123ABC'],
    function_name: 'qdn-viewer-request',
  },
};

async function api() {
  return createSettingsApi(await openWorkspace(dir));
}

describe('Settings on a new sandbox', () => {
  it('gives the business a sample phone, USD, the default SMS templates, no crew and no AWS', async () => {
    const settings = await (await api()).getSettings();
    expect(settings).toEqual({
      mode: 'sandbox',
      business: {
        name: 'QuickDumpNow',
        phone: SAMPLE_BUSINESS_PHONE,
        time_zone: 'America/Chicago',
        currency: 'USD',
      },
      sms_templates: DEFAULT_SMS_TEMPLATES,
      crew: [],
      aws: null,
      messages: { auto: ['en_route'] },
    });
    expect((await readConfig()).business).toMatchObject({ phone: '(555) 010-0199' });
  });
});

describe('saveSettings', () => {
  it('writes what the dispatcher set, and reads it back the same', async () => {
    const settingsApi = await api();
    const input: SettingsInput = {
      mode: 'sandbox',
      business: {
        name: 'Haul Co',
        phone: '+1 312 555 0100',
        time_zone: 'America/Denver',
        currency: 'cad',
      },
      sms_templates: { scheduled: 'See you {window}: {link}' },
      crew: [
        { name: 'Dana', kind: 'driver' },
        { name: 'Truck 2', kind: 'truck' },
      ],
    };
    const saved = await settingsApi.saveSettings(input);
    expect(saved.business).toEqual({
      name: 'Haul Co',
      phone: '+1 312 555 0100',
      time_zone: 'America/Denver',
      currency: 'CAD',
    });
    expect(saved.sms_templates.scheduled).toBe('See you {window}: {link}');
    expect(saved.sms_templates.completed).toBe(DEFAULT_SMS_TEMPLATES.completed);
    expect(await settingsApi.getSettings()).toEqual(saved);
    // The workspace opened afresh sees the same (what the console does after a save).
    expect((await openWorkspace(dir)).config.business.name).toBe('Haul Co');
    // Written atomically: no temporary file left beside it.
    expect((await readdir(dir)).filter((f) => f.includes('.tmp'))).toEqual([]);
  });

  it('clears the phone when the dispatcher empties it', async () => {
    const settingsApi = await api();
    await settingsApi.saveSettings({ mode: 'sandbox', business: { name: 'Haul Co' } });
    expect((await readConfig()).business).not.toHaveProperty('phone');
    expect((await settingsApi.getSettings()).business.phone).toBeUndefined();
  });

  it('keeps fields it does not know (a newer version, the jobs lifecycle, the edge port)', async () => {
    await writeFile(
      configPath(),
      JSON.stringify({
        mode: 'sandbox',
        edge_port: 4999,
        jobs: { archive_after_days: 7 },
        business: { name: 'Old Name', logo: 'logo.png' },
        future_feature: { on: true },
      }),
    );
    const settingsApi = await api();
    await settingsApi.saveSettings({ mode: 'sandbox', business: { name: 'New Name' } });
    const written = await readConfig();
    expect(written).toMatchObject({
      edge_port: 4999,
      jobs: { archive_after_days: 7 },
      business: { name: 'New Name', logo: 'logo.png' },
      future_feature: { on: true },
    });
  });

  it('reads a config written before Settings existed, with defaults for what it lacks', async () => {
    const old = {
      mode: 'sandbox',
      business: { name: 'Legacy Hauling', time_zone: 'America/New_York' },
    };
    await writeFile(configPath(), JSON.stringify(old));
    const settings = await (await api()).getSettings();
    expect(settings.business).toEqual({
      name: 'Legacy Hauling',
      time_zone: 'America/New_York',
      currency: 'USD',
    });
    expect(settings.sms_templates).toEqual(DEFAULT_SMS_TEMPLATES);
    expect(settings.crew).toEqual([]);
    // Reading never rewrites it.
    expect(JSON.parse(await readFile(configPath(), 'utf8'))).toEqual(old);
  });

  it.each([
    ['an empty business name', { business: { name: '  ' } }, /business\.name: is required/],
    [
      'a time zone that is not IANA',
      { business: { time_zone: 'CST' } },
      /business\.time_zone: must be an IANA time zone/,
    ],
    [
      'a made-up currency',
      { business: { currency: 'XYZ' } },
      /business\.currency: is not an ISO 4217/,
    ],
    [
      'an empty SMS template',
      { sms_templates: { en_route: '' } },
      /sms_templates\.en_route: is required/,
    ],
    ['a crew member with no name', { crew: [{ name: '' }] }, /crew\.0\.name: is required/],
    ['AWS chosen with no AWS settings', { mode: 'aws' }, /aws: the AWS settings .* are required/],
    [
      'a bad bucket and region',
      { aws: { ...awsSettings, region: 'Ohio', data: { bucket: 'Not_A_Bucket' } } },
      /aws\.region: must be an AWS region.*aws\.data\.bucket: must be an S3 bucket name/,
    ],
  ])('refuses %s, naming the field, and writes nothing', async (_label, change, message) => {
    const settingsApi = await api();
    const before = await readFile(configPath(), 'utf8');
    const error = await settingsApi
      .saveSettings({ mode: 'sandbox', ...change } as SettingsInput)
      .catch((err: unknown) => err);
    expect(error).toBeInstanceOf(QdnError);
    expect((error as QdnError).code).toBe('bad_request');
    expect((error as QdnError).message).toMatch(/^Settings not saved: /);
    expect((error as QdnError).message).toMatch(message);
    expect(await readFile(configPath(), 'utf8')).toBe(before);
  });

  it('reports a config.json that does not parse, and never overwrites it', async () => {
    const settingsApi = await api();
    const broken = '{ "mode": "sandbox", ';
    await writeFile(configPath(), broken);
    await expect(settingsApi.getSettings()).rejects.toThrow(/config\.json is not valid JSON/);
    await expect(settingsApi.saveSettings({ mode: 'sandbox' })).rejects.toThrow(/not valid JSON/);
    expect(await readFile(configPath(), 'utf8')).toBe(broken);
  });
});

describe('AWS settings', () => {
  it('are kept in an `aws` block while on the sandbox, so AWS can be prepared before switching', async () => {
    const settingsApi = await api();
    const saved = await settingsApi.saveSettings({ mode: 'sandbox', aws: awsSettings });
    expect(saved.mode).toBe('sandbox');
    expect(saved.aws).toEqual(awsSettings);
    const written = await readConfig();
    expect(written.aws).toMatchObject({ region: 'us-east-2', data: { bucket: 'qdn-data' } });
    expect(written).not.toHaveProperty('region');
    // The workspace still runs on the sandbox.
    expect((await openWorkspace(dir)).config.mode).toBe('sandbox');
  });

  it('move to the top level on the switch to AWS (as AWS configs always were), and back', async () => {
    const settingsApi = await api();
    await settingsApi.saveSettings({ mode: 'sandbox', aws: awsSettings });
    const onAws = await settingsApi.saveSettings({ mode: 'aws', aws: awsSettings });
    expect(onAws).toMatchObject({ mode: 'aws', aws: awsSettings });
    const written = await readConfig();
    expect(written).toMatchObject({ mode: 'aws', profile: 'qdn-dispatch', region: 'us-east-2' });
    expect(written.prod).toMatchObject({ bucket: 'qdn-prod', distribution_ids: ['E123ABC'] });
    expect(written).not.toHaveProperty('aws');
    const ws = await openWorkspace(dir);
    expect(ws.config.mode).toBe('aws');
    expect((await ws.info()).publicBaseUrl).toBe('https://track.quickdumpnow.com');

    const back = await settingsApi.saveSettings({ mode: 'sandbox', aws: awsSettings });
    expect(back).toMatchObject({ mode: 'sandbox', aws: awsSettings });
    const again = await readConfig();
    expect(again).not.toHaveProperty('region');
    expect(again.aws).toMatchObject({ region: 'us-east-2' });
  });

  it('of an AWS config written by hand read back as Settings, its extra fields kept on save', async () => {
    await mkdir(dir, { recursive: true });
    await writeFile(
      configPath(),
      JSON.stringify({
        mode: 'aws',
        region: 'us-east-1',
        data: { bucket: 'qdn-data', note: 'kept' },
        staging: { bucket: 'qdn-staging' },
        prod: { bucket: 'qdn-prod', public_base_url: 'https://track.example.com' },
      }),
    );
    const settingsApi = await api();
    const settings = await settingsApi.getSettings();
    expect(settings.aws).toEqual({
      region: 'us-east-1',
      data: { bucket: 'qdn-data', prefix: '' },
      staging: { bucket: 'qdn-staging', prefix: '' },
      prod: {
        bucket: 'qdn-prod',
        prefix: '',
        public_base_url: 'https://track.example.com',
        distribution_ids: [],
        function_name: 'qdn-viewer-request',
      },
    });
    await settingsApi.saveSettings({ ...settings, business: { name: 'Renamed' } });
    expect((await readConfig()).data).toEqual({ bucket: 'qdn-data', note: 'kept', prefix: '' });
  });
});
