import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EdgeRequest, EdgeResponse, ViewerRequestEvent } from './edge-function';

/**
 * The viewer side of the local edge: a Node request as CloudFront hands it to a
 * cloudfront-js-2.0 viewer-request function, and a response the function generated, written
 * back as CloudFront would.
 */
export function viewerRequestEvent(req: IncomingMessage, url: URL): ViewerRequestEvent {
  const querystring: EdgeRequest['querystring'] = {};
  for (const [name, value] of url.searchParams) {
    const existing = querystring[name];
    if (existing) (existing.multiValue ??= [{ value: existing.value }]).push({ value });
    else querystring[name] = { value };
  }
  const headers: EdgeRequest['headers'] = {};
  for (const [name, value] of Object.entries(req.headers)) {
    // The runtime gives cookies their own object, not a header.
    if (typeof value === 'string' && name !== 'cookie') headers[name] = { value };
  }
  return {
    version: '1.0',
    context: {
      eventType: 'viewer-request',
      distributionDomainName: String(req.headers.host ?? ''),
      distributionId: 'SANDBOX',
      requestId: randomUUID(),
    },
    viewer: { ip: req.socket.remoteAddress ?? '127.0.0.1' },
    request: {
      method: req.method ?? 'GET',
      uri: url.pathname,
      querystring,
      headers,
      cookies: parseCookies(req.headers.cookie),
    },
  };
}

function parseCookies(header: string | undefined): EdgeRequest['cookies'] {
  const cookies: EdgeRequest['cookies'] = {};
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    const existing = cookies[name];
    if (existing) (existing.multiValue ??= [{ value: existing.value }]).push({ value });
    else cookies[name] = { value };
  }
  return cookies;
}

/** Writes the response a viewer-request function generated (it never reaches the origin). */
export function writeEdgeResponse(res: ServerResponse, result: EdgeResponse, head: boolean): void {
  const headers: Record<string, string | string[]> = {};
  for (const [name, v] of Object.entries(result.headers ?? {})) {
    headers[name] = v.multiValue ? v.multiValue.map((m) => m.value) : v.value;
  }
  const cookies = Object.entries(result.cookies ?? {}).flatMap(([name, c]) =>
    (c.multiValue ?? [c]).map(
      (m) => `${name}=${m.value}${m.attributes ? `; ${m.attributes}` : ''}`,
    ),
  );
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  const body = result.body;
  const bytes =
    typeof body === 'string'
      ? Buffer.from(body)
      : body
        ? Buffer.from(body.data, body.encoding === 'base64' ? 'base64' : 'utf8')
        : undefined;
  if (bytes) headers['content-length'] = String(bytes.length);
  if (result.statusDescription) res.writeHead(result.statusCode, result.statusDescription, headers);
  else res.writeHead(result.statusCode, headers);
  res.end(head ? undefined : bytes);
}
