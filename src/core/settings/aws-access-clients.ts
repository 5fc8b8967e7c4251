import type { AwsSettings } from '../../shared/settings/settings';

/** The few calls Check access makes, each as the product makes it. */
export interface AwsAccessClients {
  /** Resolves the credentials (an expired SSO session fails here). */
  signIn(): Promise<void>;
  s3: {
    /** How many keys (of at most one) the prefix lists. */
    list(bucket: string, prefix: string): Promise<number>;
    get(bucket: string, key: string): Promise<void>;
    put(bucket: string, key: string): Promise<void>;
    delete(bucket: string, key: string): Promise<void>;
    versioning(bucket: string): Promise<string | undefined>;
  };
  cloudfront: {
    distributionDomain(id: string): Promise<string>;
    listInvalidations(id: string): Promise<void>;
    describeFunction(name: string): Promise<void>;
  };
}

/** Check access gives up on a silent network within seconds, not the SDK's default minutes. */
const HTTP_TIMEOUTS = { connectionTimeout: 5_000, requestTimeout: 15_000 };

/**
 * Clients configured as the workspace configures its own (same profile, region, endpoint,
 * checksum settings), with one retry only: a check should answer quickly.
 */
export async function awsClients(aws: AwsSettings): Promise<AwsAccessClients> {
  const [{ fromIni }, s3sdk, cf] = await Promise.all([
    import('@aws-sdk/credential-providers'),
    import('@aws-sdk/client-s3'),
    import('@aws-sdk/client-cloudfront'),
  ]);
  // Credentials stay in this process: a named profile (SSO included) or the default chain.
  const credentials = aws.profile ? fromIni({ profile: aws.profile }) : undefined;
  const s3 = new s3sdk.S3Client({
    region: aws.region,
    ...(aws.endpoint ? { endpoint: aws.endpoint, forcePathStyle: true } : {}),
    credentials,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 2,
    requestHandler: HTTP_TIMEOUTS,
  });
  const cloudfront = new cf.CloudFrontClient({
    region: 'us-east-1',
    credentials,
    maxAttempts: 2,
    requestHandler: HTTP_TIMEOUTS,
  });
  return {
    async signIn() {
      await s3.config.credentials();
    },
    s3: {
      async list(bucket, prefix) {
        const out = await s3.send(
          new s3sdk.ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, MaxKeys: 1 }),
        );
        return out.KeyCount ?? out.Contents?.length ?? 0;
      },
      async get(bucket, key) {
        const out = await s3.send(new s3sdk.GetObjectCommand({ Bucket: bucket, Key: key }));
        await out.Body?.transformToByteArray();
      },
      async put(bucket, key) {
        await s3.send(
          new s3sdk.PutObjectCommand({
            Bucket: bucket,
            Key: key,
            Body: 'qdn access check\n',
            ContentType: 'text/plain',
          }),
        );
      },
      async delete(bucket, key) {
        await s3.send(new s3sdk.DeleteObjectCommand({ Bucket: bucket, Key: key }));
      },
      async versioning(bucket) {
        return (await s3.send(new s3sdk.GetBucketVersioningCommand({ Bucket: bucket }))).Status;
      },
    },
    cloudfront: {
      async distributionDomain(id) {
        const out = await cloudfront.send(new cf.GetDistributionCommand({ Id: id }));
        return out.Distribution?.DomainName ?? id;
      },
      async listInvalidations(id) {
        await cloudfront.send(new cf.ListInvalidationsCommand({ DistributionId: id, MaxItems: 1 }));
      },
      async describeFunction(name) {
        await cloudfront.send(new cf.DescribeFunctionCommand({ Name: name }));
      },
    },
  };
}
