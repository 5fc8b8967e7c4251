import { useEffect } from 'react';
import { useSettingsStore } from './settings-store';
import { SettingsField } from './settings-field';
import type { SettingsDraft, SiteDraft } from './settings-form';
import type { UpdateDraft } from './business-section';

type Props = { draft: SettingsDraft; errors: Record<string, string>; update: UpdateDraft };

/** Where jobs and the public site live: the local sandbox, or AWS (or an S3-compatible store). */
export function BackendSection({ draft, errors, update }: Props) {
  const aws = draft.aws;
  const profiles = useSettingsStore((s) => s.profiles);
  const loadProfiles = useSettingsStore((s) => s.loadProfiles);
  const profilesError = useSettingsStore((s) => s.errors.profiles);
  useEffect(() => {
    if (draft.mode === 'aws' && profiles === null) void loadProfiles();
  }, [draft.mode, profiles, loadProfiles]);

  const text = (
    label: string,
    path: string,
    value: string,
    set: (d: SettingsDraft, v: string) => void,
    hint?: string,
    wide = false,
  ) => (
    <SettingsField label={label} path={path} errors={errors} hint={hint} wide={wide}>
      {(props) => (
        <input
          {...props}
          value={value}
          spellCheck={false}
          onChange={(e) => update((d) => set(d, e.target.value))}
        />
      )}
    </SettingsField>
  );
  const target = (name: 'data' | 'staging' | 'prod', title: string, site: SiteDraft) => (
    <>
      {text(`${title} bucket`, `aws.${name}.bucket`, site.bucket, (d, v) => {
        d.aws[name].bucket = v;
      })}
      {text(`${title} prefix`, `aws.${name}.prefix`, site.prefix, (d, v) => {
        d.aws[name].prefix = v;
      })}
    </>
  );

  return (
    <section className="settings-section" aria-labelledby="settings-backend">
      <h3 id="settings-backend">Backend</h3>
      <fieldset className="mode">
        <legend>Jobs and the public site live in</legend>
        <label>
          <input
            type="radio"
            name="mode"
            checked={draft.mode === 'sandbox'}
            onChange={() => update((d) => void (d.mode = 'sandbox'))}
          />{' '}
          The sandbox on this computer
        </label>
        <label>
          <input
            type="radio"
            name="mode"
            checked={draft.mode === 'aws'}
            onChange={() => update((d) => void (d.mode = 'aws'))}
          />{' '}
          AWS (S3 and CloudFront)
        </label>
      </fieldset>
      {draft.mode === 'aws' && (
        <div className="settings-grid two">
          <SettingsField
            label="AWS profile"
            path="aws.profile"
            errors={errors}
            hint={
              profilesError
                ? `The AWS config could not be read: ${profilesError}`
                : 'From your AWS config (SSO profiles included). Keys never leave this computer.'
            }
          >
            {(props) => (
              <select
                {...props}
                value={aws.profile}
                onChange={(e) => update((d) => void (d.aws.profile = e.target.value))}
              >
                <option value="">Default credentials</option>
                {(profiles ?? []).map((p) => (
                  <option key={p} value={p}>
                    {p}
                  </option>
                ))}
                {aws.profile && !(profiles ?? []).includes(aws.profile) && (
                  <option value={aws.profile}>{aws.profile} (not in the config)</option>
                )}
              </select>
            )}
          </SettingsField>
          {text(
            'Region',
            'aws.region',
            aws.region,
            (d, v) => void (d.aws.region = v),
            'e.g. us-east-1',
          )}
          {text(
            'S3-compatible endpoint',
            'aws.endpoint',
            aws.endpoint,
            (d, v) => void (d.aws.endpoint = v),
            'Optional: MinIO, R2…; empty for AWS itself.',
            true,
          )}
          {target('data', 'Data', aws.data)}
          {target('staging', 'Staging', aws.staging)}
          {target('prod', 'Prod', aws.prod)}
          {text(
            'Public base URL',
            'aws.prod.public_base_url',
            aws.prod.public_base_url,
            (d, v) => void (d.aws.prod.public_base_url = v),
            'Where customers’ links point, e.g. https://track.example.com',
            true,
          )}
          {text(
            'CloudFront distribution ids',
            'aws.prod.distribution_ids',
            aws.prod.distribution_ids,
            (d, v) => void (d.aws.prod.distribution_ids = v),
            'Separated by commas, e.g. E1ABCDEF2GHIJ',
          )}
          {text(
            'Edge function name',
            'aws.prod.function_name',
            aws.prod.function_name,
            (d, v) => void (d.aws.prod.function_name = v),
            'Empty for qdn-viewer-request.',
          )}
        </div>
      )}
    </section>
  );
}
