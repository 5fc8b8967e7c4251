/**
 * The event and result shapes of a cloudfront-js-2.0 viewer-request function, and the checks
 * CloudFront makes on what a function returns (a bad result is a 503 at the edge).
 */

export interface EdgeValue {
  value: string;
  multiValue?: { value: string }[];
}
export interface EdgeCookie {
  value: string;
  attributes?: string;
  multiValue?: { value: string; attributes?: string }[];
}

/** `request` as the runtime hands it to the function and expects it back. */
export interface EdgeRequest {
  method: string;
  uri: string;
  querystring: Record<string, EdgeValue>;
  headers: Record<string, EdgeValue>;
  cookies: Record<string, EdgeValue>;
}

/** A response the function generates itself, instead of letting the request through. */
export interface EdgeResponse {
  statusCode: number;
  statusDescription?: string;
  headers?: Record<string, EdgeValue>;
  cookies?: Record<string, EdgeCookie>;
  body?: string | { encoding: 'text' | 'base64'; data: string };
}

export interface ViewerRequestEvent {
  version: '1.0';
  context: {
    eventType: 'viewer-request';
    distributionDomainName: string;
    distributionId: string;
    requestId: string;
  };
  viewer: { ip: string };
  request: EdgeRequest;
}

export type EdgeResult = EdgeRequest | EdgeResponse;

/** The function failed, returned nothing usable, or ran too long: CloudFront answers 503. */
export class EdgeFunctionError extends Error {
  override readonly name = 'EdgeFunctionError';
}

export function isEdgeResponse(value: EdgeResult): value is EdgeResponse {
  return typeof (value as EdgeResponse).statusCode === 'number';
}

type Plain = Record<string, unknown>;
const isPlain = (v: unknown): v is Plain => typeof v === 'object' && v !== null;

/**
 * Checks a function's result and copies it into plain objects of this realm (the function's
 * objects belong to its own context). Throws EdgeFunctionError for what CloudFront rejects.
 */
export function readEdgeResult(value: unknown): EdgeResult {
  if (!isPlain(value)) throw new EdgeFunctionError('The edge function returned nothing usable.');
  if ('statusCode' in value) return readResponse(value);
  const { method, uri } = value;
  if (typeof uri !== 'string' || !uri.startsWith('/')) {
    throw new EdgeFunctionError(
      `The edge function returned a request whose uri ${JSON.stringify(uri)} does not start with "/".`,
    );
  }
  if (typeof method !== 'string') {
    throw new EdgeFunctionError('The edge function returned a request without a method.');
  }
  return {
    method,
    uri,
    // A string is the raw query string, as AWS's own example "normalize query string
    // parameters" returns it and CloudFront forwards it.
    querystring:
      typeof value.querystring === 'string'
        ? readRawQuery(value.querystring)
        : readValues(value.querystring, 'querystring'),
    headers: readValues(value.headers, 'headers'),
    cookies: readValues(value.cookies, 'cookies'),
  };
}

/** `a=1&b=2&a=3` in the runtime's shape; values stay as the URL carries them (not decoded). */
function readRawQuery(raw: string): Record<string, EdgeValue> {
  const out: Record<string, EdgeValue> = {};
  for (const pair of raw.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const name = eq === -1 ? pair : pair.slice(0, eq);
    const value = eq === -1 ? '' : pair.slice(eq + 1);
    const existing = Object.hasOwn(out, name) ? out[name] : undefined;
    if (existing) (existing.multiValue ??= [{ value: existing.value }]).push({ value });
    // Defined, not assigned: a parameter named __proto__ is a parameter, not a prototype.
    else Object.defineProperty(out, name, { value: { value }, enumerable: true, writable: true });
  }
  return out;
}

function readResponse(value: Plain): EdgeResponse {
  const { statusCode, statusDescription, body } = value;
  if (typeof statusCode !== 'number' || !Number.isInteger(statusCode)) {
    throw new EdgeFunctionError(
      'The edge function returned a response without a numeric statusCode.',
    );
  }
  if (statusCode < 200 || statusCode > 599) {
    throw new EdgeFunctionError(
      `The edge function returned status ${statusCode}, outside 200–599.`,
    );
  }
  const response: EdgeResponse = { statusCode };
  if (statusDescription !== undefined) {
    if (typeof statusDescription !== 'string') {
      throw new EdgeFunctionError('statusDescription must be a string.');
    }
    response.statusDescription = statusDescription;
  }
  if (value.headers !== undefined) response.headers = readValues(value.headers, 'headers');
  if (value.cookies !== undefined) response.cookies = readValues(value.cookies, 'cookies');
  if (typeof body === 'string') response.body = body;
  else if (isPlain(body)) {
    const { encoding, data } = body;
    if ((encoding !== 'text' && encoding !== 'base64') || typeof data !== 'string') {
      throw new EdgeFunctionError('A response body object needs encoding text|base64 and data.');
    }
    response.body = { encoding, data };
  } else if (body !== undefined) {
    throw new EdgeFunctionError('A response body must be a string or {encoding, data}.');
  }
  return response;
}

/** `{ name: { value, multiValue?, attributes? } }`; absent means empty, as the runtime allows. */
function readValues(map: unknown, what: string): Record<string, EdgeValue & EdgeCookie> {
  if (map === undefined || map === null) return {};
  if (!isPlain(map)) throw new EdgeFunctionError(`${what} must be an object.`);
  const out: Record<string, EdgeValue & EdgeCookie> = {};
  for (const name of Object.keys(map)) {
    const entry = map[name];
    if (!isPlain(entry) || typeof entry.value !== 'string') {
      throw new EdgeFunctionError(`${what}.${name} must be { value: string }.`);
    }
    const copy: EdgeValue & EdgeCookie = { value: entry.value };
    if (typeof entry.attributes === 'string') copy.attributes = entry.attributes;
    if (Array.isArray(entry.multiValue)) {
      copy.multiValue = entry.multiValue.map((m: unknown) => {
        if (!isPlain(m) || typeof m.value !== 'string') {
          throw new EdgeFunctionError(`${what}.${name}.multiValue must hold { value: string }.`);
        }
        return typeof m.attributes === 'string'
          ? { value: m.value, attributes: m.attributes }
          : { value: m.value };
      });
    }
    out[name] = copy;
  }
  return out;
}

/**
 * An event as TestFunction accepts it: an object (or its JSON) with a `request`; the runtime
 * always provides querystring, headers and cookies, so missing ones are filled in empty.
 */
export function normalizeEvent(event: unknown): ViewerRequestEvent {
  const parsed: unknown =
    typeof event === 'string' || event instanceof Uint8Array
      ? JSON.parse(Buffer.from(event).toString('utf8'))
      : event;
  if (!isPlain(parsed) || !isPlain(parsed.request)) {
    throw new Error('The test event has no request object.');
  }
  const request = parsed.request;
  if (typeof request.uri !== 'string' || typeof request.method !== 'string') {
    throw new Error('The test event request needs a method and a uri.');
  }
  const context = isPlain(parsed.context) ? parsed.context : {};
  return {
    ...(parsed as object),
    version: '1.0',
    context: { eventType: 'viewer-request', ...context },
    viewer: isPlain(parsed.viewer) ? parsed.viewer : { ip: '198.51.100.11' },
    request: {
      ...request,
      querystring: isPlain(request.querystring) ? request.querystring : {},
      headers: isPlain(request.headers) ? request.headers : {},
      cookies: isPlain(request.cookies) ? request.cookies : {},
    },
  } as ViewerRequestEvent;
}
