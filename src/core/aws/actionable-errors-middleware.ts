import type { InitializeMiddleware, MetadataBearer } from '@smithy/types';
import { actionableAwsError } from './aws-errors';
import type { AwsCallContext } from './aws-errors';

/** Any SDK v3 client: what adding a middleware needs. */
interface ClientWithMiddleware {
  middlewareStack: {
    add(
      middleware: InitializeMiddleware<object, MetadataBearer>,
      options: { step: 'initialize'; name: string },
    ): void;
  };
}

/** The fields of a command's input that name what it acts on. */
interface NamedInput {
  Bucket?: string;
  Key?: string;
  Id?: string;
  DistributionId?: string;
  Name?: string;
}

/**
 * Makes every call of `client` fail with an error the dispatcher can act on (an expired SSO
 * sign-in, access denied on a named bucket, no network), translated where the call is known —
 * so S3Store, CloudFront and everything above them need not know about it. Errors the product
 * handles itself (a missing object, a stale ETag) pass through unchanged.
 */
export function withActionableErrors<C extends ClientWithMiddleware>(
  client: C,
  base: Omit<AwsCallContext, 'command' | 'bucket' | 'key' | 'resource'>,
): C {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      try {
        return await next(args);
      } catch (err) {
        const input = (args.input ?? {}) as NamedInput;
        const resource = input.Id ?? input.DistributionId ?? input.Name;
        throw actionableAwsError(err, {
          ...base,
          ...(context.commandName ? { command: context.commandName } : {}),
          ...(input.Bucket ? { bucket: input.Bucket } : {}),
          ...(input.Key ? { key: input.Key } : {}),
          ...(resource ? { resource } : {}),
        });
      }
    },
    { step: 'initialize', name: 'qdnActionableErrors' },
  );
  return client;
}
