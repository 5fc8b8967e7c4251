import vm from 'node:vm';

/** The parts of a CloudFront Functions viewer-request event this product uses. */
export interface EdgeRequest {
  method: string;
  uri: string;
  querystring: Record<string, { value: string; multiValue?: { value: string }[] }>;
  headers: Record<string, { value: string }>;
  cookies: Record<string, { value: string }>;
}

export interface EdgeResponse {
  statusCode: number;
  statusDescription?: string;
  headers?: Record<string, { value: string }>;
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

export type ViewerRequestHandler = (event: ViewerRequestEvent) => EdgeRequest | EdgeResponse;

/** The function failed, returned nothing usable, or ran too long: CloudFront answers 503. */
export class EdgeFunctionError extends Error {
  override readonly name = 'EdgeFunctionError';
}

/** Generous next to CloudFront's ~1 ms budget; only a runaway function reaches it. */
const HANDLER_TIMEOUT_MS = 100;

/**
 * Loads a CloudFront Function's source the way the runtime does — a script that declares
 * `function handler(event)` — in an isolated context with no Node globals, so code that would
 * fail at the edge (require, process, timers) fails here too.
 */
export function loadViewerRequestFunction(code: string): ViewerRequestHandler {
  const globals = Object.create(null) as { __qdn_event?: string };
  const context = vm.createContext(globals, { codeGeneration: { strings: false, wasm: false } });
  const declared: unknown = vm.runInContext(`${code}\n;typeof handler === 'function'`, context, {
    filename: 'viewer-request.js',
    timeout: 1000,
  });
  if (declared !== true) throw new Error('The edge function does not declare handler(event).');
  return (event) => {
    // Events cross the context boundary as JSON, as they do at the edge; the call itself runs
    // inside the context, so its time limit covers a handler that never returns.
    globals.__qdn_event = JSON.stringify(event);
    let output: unknown;
    try {
      output = vm.runInContext('JSON.stringify(handler(JSON.parse(__qdn_event)))', context, {
        timeout: HANDLER_TIMEOUT_MS,
      });
    } catch (err) {
      throw new EdgeFunctionError(`The edge function failed: ${(err as Error).message}`);
    } finally {
      delete globals.__qdn_event;
    }
    if (typeof output !== 'string')
      throw new EdgeFunctionError('The edge function returned nothing.');
    return JSON.parse(output) as EdgeRequest | EdgeResponse;
  };
}

export function isEdgeResponse(value: EdgeRequest | EdgeResponse): value is EdgeResponse {
  return typeof (value as EdgeResponse).statusCode === 'number';
}
