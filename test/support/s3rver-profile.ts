import { writeFile } from 'node:fs/promises';
import path from 'node:path';

/** The named AWS profile these tests give Settings: s3rver's fixed keys. */
export const S3RVER_PROFILE = 'qdn-test';

/**
 * Writes an AWS credentials file (and a config file naming the region) for `S3RVER_PROFILE` in
 * `dir`, and points the SDK's credential chain at them — never at the machine's own ~/.aws.
 * The caller restores process.env after the test.
 */
export async function useS3rverProfile(dir: string): Promise<void> {
  const credentials = path.join(dir, 'credentials');
  const config = path.join(dir, 'aws-config');
  await writeFile(
    credentials,
    `[${S3RVER_PROFILE}]\naws_access_key_id = S3RVER\naws_secret_access_key = S3RVER\n`,
  );
  await writeFile(config, `[profile ${S3RVER_PROFILE}]\nregion = us-east-1\n`);
  process.env.AWS_SHARED_CREDENTIALS_FILE = credentials;
  process.env.AWS_CONFIG_FILE = config;
}
