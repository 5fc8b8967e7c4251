import { randomBytes } from 'node:crypto';
import type { AccessCheck } from '../../shared/settings/settings-api';
import type { AwsSettings } from '../../shared/settings/settings';
import { errorMessage } from '../../shared/errors';
import { SITE_HEALTH_KEY } from '../../shared/site-keys';
import { awsProblemOf, iamActionOf } from '../aws/aws-errors';
import type { AwsCallContext } from '../aws/aws-errors';
import { awsClients } from './aws-access-clients';
import type { AwsAccessClients } from './aws-access-clients';

export interface AwsAccessOptions {
  /** Clients to use instead of ones built from the settings (tests). */
  clients?: AwsAccessClients;
}

/** One call tried: what it is for, and the call itself (its IAM action is derived from it). */
interface Trial {
  purpose: string;
  command: string;
  resource: string;
  run: () => Promise<string>;
  /** Errors that still mean the permission is there (e.g. NoSuchKey on a GET). */
  fine?: Record<string, string>;
}

/**
 * Check access on AWS: each call the product makes, tried for real against each resource,
 * reported with the IAM action to grant when it is refused. Nothing is changed: the one write
 * is a probe object under `.qdn-access-check/`, deleted again; no invalidation is created.
 */
export async function checkAwsAccess(
  aws: AwsSettings,
  options: AwsAccessOptions = {},
): Promise<AccessCheck[]> {
  const clients = options.clients ?? (await awsClients(aws));
  const base: Omit<AwsCallContext, 'service'> = {
    ...(aws.profile ? { profile: aws.profile } : {}),
    region: aws.region,
    ...(aws.endpoint ? { endpoint: aws.endpoint } : {}),
  };
  // Without a sign-in every call fails the same way: one line says so, and what to run.
  const signIn = await clients.signIn().then(
    () => null,
    (err: unknown) => awsProblemOf(err, { service: 's3', ...base }) ?? null,
  );
  if (signIn) {
    return [
      {
        resource: aws.profile ? `AWS profile ${aws.profile}` : 'AWS default credentials',
        purpose: 'Sign in to AWS',
        action: 'sign in',
        ok: false,
        detail: signIn.message,
        grant: null,
      },
    ];
  }
  const s3 = clients.s3;
  const bucketTrials = (target: AwsSettings['data'], read: string, purpose: string) => {
    const prefix =
      target.prefix && !target.prefix.endsWith('/') ? `${target.prefix}/` : target.prefix;
    const probe = `${prefix}.qdn-access-check/${randomBytes(8).toString('hex')}`;
    const at = (key: string) => `s3://${target.bucket}/${key}`;
    let probeWritten = false;
    const trials: Trial[] = [
      {
        purpose: `${purpose}: list files`,
        command: 'ListObjectsV2Command',
        resource: at(prefix),
        run: async () => `Listed (${await s3.list(target.bucket, prefix)} found).`,
      },
      {
        purpose: `${purpose}: read ${read}`,
        command: 'GetObjectCommand',
        resource: at(prefix + read),
        run: async () => {
          await s3.get(target.bucket, prefix + read);
          return 'Readable.';
        },
        fine: { NoSuchKey: `Allowed (${read} does not exist yet).` },
      },
      {
        purpose: `${purpose}: write files`,
        command: 'PutObjectCommand',
        resource: at(probe),
        run: async () => {
          await s3.put(target.bucket, probe);
          probeWritten = true;
          return 'Wrote a probe file.';
        },
      },
      {
        purpose: `${purpose}: delete files`,
        command: 'DeleteObjectCommand',
        resource: at(probe),
        run: async () => {
          if (!probeWritten) throw new NotTried('Not tried: the probe file could not be written.');
          await s3.delete(target.bucket, probe);
          return 'Deleted the probe file.';
        },
      },
    ];
    return { bucket: target.bucket, trials };
  };

  const data = bucketTrials(aws.data, 'jobs.json', 'Save jobs');
  data.trials.push({
    purpose: 'Keep earlier versions of jobs.json',
    command: 'GetBucketVersioningCommand',
    resource: `s3://${aws.data.bucket}`,
    run: async () => {
      const status = await s3.versioning(aws.data.bucket);
      return status === 'Enabled'
        ? 'Versioning is on.'
        : 'Allowed, but versioning is off: earlier jobs.json versions cannot be restored. Turn it on for this bucket.';
    },
    fine: { NotImplemented: 'Allowed (this endpoint does not keep versions).' },
  });
  const groups = [
    data,
    bucketTrials(aws.staging, SITE_HEALTH_KEY, 'Stage a release'),
    bucketTrials(aws.prod, SITE_HEALTH_KEY, "Publish customers' pages"),
  ].map(({ bucket, trials }) => runTrials(trials, { service: 's3', bucket, ...base }));

  const cloudfront = clients.cloudfront;
  for (const id of aws.prod.distribution_ids) {
    const trials: Trial[] = [
      {
        purpose: 'Deploy to the CDN: read the distribution',
        command: 'GetDistributionCommand',
        resource: `CloudFront ${id}`,
        run: async () => `Found (${await cloudfront.distributionDomain(id)}).`,
      },
      {
        purpose: 'Deploy to the CDN: follow invalidations',
        command: 'ListInvalidationsCommand',
        resource: `CloudFront ${id}`,
        run: async () => {
          await cloudfront.listInvalidations(id);
          return 'Allowed.';
        },
      },
    ];
    groups.push(runTrials(trials, { service: 'cloudfront', resource: id, ...base }));
  }
  // The function is managed through the distributions: with none, the product never calls it.
  const fn = aws.prod.function_name;
  if (aws.prod.distribution_ids.length > 0) {
    const trial: Trial = {
      purpose: 'Route /track and /book at the edge',
      command: 'DescribeFunctionCommand',
      resource: `CloudFront Function ${fn}`,
      run: async () => {
        await cloudfront.describeFunction(fn);
        return 'Found.';
      },
      fine: { NoSuchFunctionExists: 'Allowed (the first deploy creates the function).' },
    };
    groups.push(runTrials([trial], { service: 'cloudfront', resource: fn, ...base }));
  }
  return (await Promise.all(groups)).flat();
}

class NotTried extends Error {}

/** Runs one resource's trials in order (the delete needs the write before it). */
async function runTrials(trials: Trial[], ctx: AwsCallContext): Promise<AccessCheck[]> {
  const checks: AccessCheck[] = [];
  for (const trial of trials) {
    const action = iamActionOf(ctx.service, trial.command);
    const check = { resource: trial.resource, purpose: trial.purpose, action };
    try {
      checks.push({ ...check, ok: true, detail: await trial.run(), grant: null });
    } catch (err) {
      const name = (err as { name?: unknown } | null)?.name;
      const fine = typeof name === 'string' ? trial.fine?.[name] : undefined;
      if (fine) {
        checks.push({ ...check, ok: true, detail: fine, grant: null });
        continue;
      }
      const problem =
        err instanceof NotTried ? null : awsProblemOf(err, { ...ctx, command: trial.command });
      checks.push({
        ...check,
        ok: false,
        detail: problem?.message ?? errorMessage(err),
        grant: problem?.grant ?? null,
      });
    }
  }
  return checks;
}
