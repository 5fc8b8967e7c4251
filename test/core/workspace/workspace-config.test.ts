import { describe, expect, it } from 'vitest';
import { workspaceConfigSchema } from '../../../src/core/config/workspace-config';

const aws = {
  region: 'eu-west-1',
  data: { bucket: 'qdn-data' },
  staging: { bucket: 'qdn-staging' },
  prod: { bucket: 'qdn-prod', public_base_url: 'https://track.example.com' },
};

describe('config.json as read', () => {
  it('reports a public URL that is no URL instead of throwing', () => {
    const parsed = workspaceConfigSchema.safeParse({
      mode: 'aws',
      ...aws,
      prod: { bucket: 'qdn-prod', public_base_url: 'not a url' },
    });
    expect(parsed.success).toBe(false);
  });

  it('accepts AWS names Settings would refuse, so an older working config keeps working', () => {
    const parsed = workspaceConfigSchema.safeParse({
      mode: 'aws',
      ...aws,
      region: 'local',
      data: { bucket: 'Legacy_Bucket' },
    });
    expect(parsed.success).toBe(true);
  });
});
