import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { awsSharedFiles, listAwsProfiles } from '../../../src/core/aws/aws-profiles';

// Real files, found the way the AWS CLI and SDK find them: AWS_CONFIG_FILE and
// AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/.
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'qdn-aws-profiles-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const CONFIG = `
[default]
region = us-east-1

[profile dispatch-sso]
sso_session = quickdump
sso_account_id = 123456789012
sso_role_name = DispatchRole
region = us-east-2

[profile legacy-sso]
sso_start_url = https://quickdump.awsapps.com/start
sso_region = us-east-1
sso_account_id = 123456789012
sso_role_name = DispatchRole

[sso-session quickdump]
sso_start_url = https://quickdump.awsapps.com/start
sso_region = us-east-1
sso_registration_scopes = sso:account:access

[services local-s3]
s3 =
  endpoint_url = http://127.0.0.1:9000

[profile Archive]
role_arn = arn:aws:iam::123456789012:role/Archive
source_profile = default

[not-a-profile]
region = eu-west-1
`;

const CREDENTIALS = `
[default]
aws_access_key_id = AKIAEXAMPLE
aws_secret_access_key = secret

[uploader]
aws_access_key_id = AKIAEXAMPLE2
aws_secret_access_key = secret2
`;

describe('AWS profiles offered in Settings', () => {
  it('lists config and credentials profiles, SSO ones included, sessions and services not, sorted once each', async () => {
    await writeFile(path.join(dir, 'config'), CONFIG);
    await writeFile(path.join(dir, 'credentials'), CREDENTIALS);
    const env = {
      AWS_CONFIG_FILE: path.join(dir, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials'),
    };
    expect(await listAwsProfiles(env)).toEqual([
      'Archive',
      'default',
      'dispatch-sso',
      'legacy-sso',
      'uploader',
    ]);
  });

  it('reads ~/.aws/ when the variables are not set, and sees a profile added since', async () => {
    await import('node:fs/promises').then((fs) => fs.mkdir(path.join(dir, '.aws')));
    await writeFile(path.join(dir, '.aws', 'config'), '[profile first]\nregion = us-east-1\n');
    const env = { HOME: dir };
    expect(awsSharedFiles(env).configFile).toBe(path.join(dir, '.aws', 'config'));
    expect(await listAwsProfiles(env)).toEqual(['first']);
    // `aws configure sso` in a terminal while Settings is open: the next look sees it.
    await writeFile(
      path.join(dir, '.aws', 'config'),
      '[profile first]\nregion = us-east-1\n[profile second]\nregion = us-east-1\n',
    );
    expect(await listAwsProfiles(env)).toEqual(['first', 'second']);
  });

  it('offers nothing, without failing, when there are no AWS files', async () => {
    expect(
      await listAwsProfiles({
        AWS_CONFIG_FILE: path.join(dir, 'none'),
        AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'none-either'),
      }),
    ).toEqual([]);
  });
});
