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

/**
 * Loads a CloudFront Function's source the way the runtime does — a script that declares
 * `function handler(event)` — in an isolated context with no Node globals, so code that would
 * fail at the edge (require, process, timers) fails here too.
 */
export function loadViewerRequestFunction(code: string): ViewerRequestHandler {
  const context = vm.createContext(Object.create(null) as object, {
    codeGeneration: { strings: false, wasm: false },
  });
  const handler: unknown = vm.runInContext(
    `${code}\n;typeof handler === 'function' ? handler : undefined`,
    context,
    {
      filename: 'viewer-request.js',
      timeout: 1000,
    },
  );
  if (typeof handler !== 'function')
    throw new Error('The edge function does not declare handler(event).');
  return (event) => {
    // Events cross the context boundary as JSON, as they do at the edge.
    const input = vm.runInContext(`(${JSON.stringify(JSON.stringify(event))})`, context) as string;
    const output = (handler as (e: unknown) => unknown)(JSON.parse(input));
    return JSON.parse(JSON.stringify(output)) as EdgeRequest | EdgeResponse;
  };
}

export function isEdgeResponse(value: EdgeRequest | EdgeResponse): value is EdgeResponse {
  return typeof (value as EdgeResponse).statusCode === 'number';
}
