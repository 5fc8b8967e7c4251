import { randomBytes } from 'node:crypto';
import type { EdgeRequest, ViewerRequestEvent } from './edge-function-shapes';

/**
 * A viewer-request event in the cloudfront-js-2.0 runtime's shape, for TestFunction: the
 * deploy pipeline tests the function with exactly what CloudFront would hand it.
 */
export function viewerRequestEvent(
  uri: string,
  querystring: EdgeRequest['querystring'] = {},
  host = 'd111111abcdef8.cloudfront.net',
): ViewerRequestEvent {
  return {
    version: '1.0',
    context: {
      eventType: 'viewer-request',
      distributionDomainName: host,
      distributionId: 'EDFDVBD6EXAMPLE',
      requestId: randomBytes(16).toString('base64url'),
    },
    viewer: { ip: '198.51.100.11' },
    request: {
      method: 'GET',
      uri,
      querystring,
      headers: { host: { value: host } },
      cookies: {},
    },
  };
}

/** The URI a TestFunction output routes to, or the status it answers with; null if neither. */
export function routedTo(output: unknown): { uri: string } | { statusCode: number } | null {
  if (typeof output !== 'object' || output === null) return null;
  const { request, response } = output as {
    request?: { uri?: unknown };
    response?: { statusCode?: unknown };
  };
  if (typeof request?.uri === 'string') return { uri: request.uri };
  if (typeof response?.statusCode === 'number') return { statusCode: response.statusCode };
  return null;
}
