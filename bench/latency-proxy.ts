// A TCP proxy on 127.0.0.1 in front of an S3-protocol server (s3rver) that adds round-trip time
// and counts what crosses it: every HTTP request, and how many of them had to wait for another
// (the sequential round trips). Used by bench/promote.ts and by test/core/round-trips.test.ts.
//
// Latency: each chunk is held RTT/2 on its way to the server and RTT/2 on its way back, in order
// (STACK.md, "A latency proxy"). Opening a connection costs nothing extra here, where over the
// internet a TCP (and TLS) handshake costs one or more round trips more: the numbers are a
// floor for every client alike.
//
// Sequential round trips, the definition: a request's depth is 1 + the greatest depth among the
// requests whose answer had fully gone back to the client before its first byte arrived (1 when
// none had), and 1 more when it held its body back for a 100 Continue (the SDK does for bodies
// of 2 MB or more). The operation's sequential round trips are the greatest depth: the longest
// chain of requests each of which started only after the one before it was answered. It is what
// an operation's time grows by, one RTT per step, however many requests it sends at once; a
// queue of 300 copies sent 16 at a time is at least 19 steps, not one — more when answers are
// uneven, since a chain may hop from a slow answer to a quicker request sent after it (wall time
// in steps of the quickest request). Without queues (a promote of one file, a create) the count
// is exact. Waves (stretches with a request in flight, separated by moments with none) are
// counted too, as a looser second figure.
//
// The host process must never block its event loop while a client works through the proxy:
// the proxy (and s3rver beside it) answers from that loop, so a spawnSync of a client deadlocks.
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

export interface ProxiedRequest {
  method: string;
  /** The request target as sent: `/bucket/key?query` (path-style S3). */
  target: string;
  /** `x-amz-copy-source` of a CopyObject, else null. */
  copySource: string | null;
  /** The answer's HTTP status (0 when the connection closed before one came). */
  status: number;
  /** See the definition at the top of this file. */
  depth: number;
  /** It held its body back for a 100 Continue (one round trip more). */
  continued: boolean;
  /** Milliseconds since the proxy started (or was last reset): first byte in, last byte out. */
  start: number;
  end: number;
}

export interface RoundTripCount {
  requests: number;
  /** The longest chain of requests each waiting for the one before (see the top of the file). */
  roundTrips: number;
  waves: number;
}

export interface LatencyProxy {
  /** `http://127.0.0.1:PORT`: give it to the SDK or the AWS CLI as the endpoint. */
  readonly endpoint: string;
  readonly port: number;
  /** The round-trip time added from now on (each new chunk is held half of it each way). */
  setRtt(ms: number): void;
  /** Forgets the requests counted so far (call between the operations you measure). */
  reset(): void;
  /** The requests answered since the last reset, in the order they started. */
  requests(): ProxiedRequest[];
  count(): RoundTripCount;
  close(): Promise<void>;
}

export interface LatencyProxyOptions {
  /** Where the server listens (s3rver's port on 127.0.0.1). */
  targetPort: number;
  targetHost?: string;
  rttMs?: number;
}

export async function startLatencyProxy(options: LatencyProxyOptions): Promise<LatencyProxy> {
  const targetHost = options.targetHost ?? '127.0.0.1';
  let half = (options.rttMs ?? 0) / 2;
  let origin = performance.now();
  let answered: ProxiedRequest[] = [];
  let deepestAnswered = 0;
  let inFlight = 0;
  let waves = 0;
  const sockets = new Set<net.Socket>();

  const now = () => performance.now() - origin;

  const server = net.createServer((client) => {
    const upstream = net.connect({ host: targetHost, port: options.targetPort });
    sockets.add(client).add(upstream);
    // Requests on this connection not yet fully answered, oldest first (HTTP/1.1 answers in order).
    const pending: ProxiedRequest[] = [];

    const toServer = new HeldStream(() => half, upstream);
    const toClient = new HeldStream(() => half, client);

    // Requests whose body has not begun to arrive: one that waits for a 100 Continue first.
    const bodyless = new Set<ProxiedRequest>();

    const requestsIn = new HttpFraming('request', {
      onHead(head) {
        const request: ProxiedRequest = {
          method: head.method,
          target: head.target,
          copySource: head.headers.get('x-amz-copy-source') ?? null,
          status: 0,
          depth: deepestAnswered + 1,
          continued: false,
          start: now(),
          end: 0,
        };
        if (inFlight++ === 0) waves++;
        pending.push(request);
        bodyless.add(request);
        return false;
      },
      onBody() {
        bodyless.delete(pending.at(-1)!);
      },
    });
    // Answers are framed as they leave for the client, so an answer ends when the client has it.
    const answersOut = new HttpFraming('response', {
      onHead(head) {
        const request = pending[0];
        if (request && head.status >= 200) request.status = head.status;
        return request?.method === 'HEAD';
      },
      onEnd(head) {
        const request = head.status < 200 ? pending[0] : pending.shift();
        if (!request) return;
        if (head.status >= 200) return finish(request);
        // 100 Continue: a client that held its body for it (the SDK does from 2 MB on) waited
        // one more round trip before the body could leave.
        if (bodyless.delete(request)) {
          request.depth += 1;
          request.continued = true;
        }
      },
    });
    toClient.onWrite = (chunk) => answersOut.feed(chunk);

    function finish(request: ProxiedRequest): void {
      bodyless.delete(request);
      request.end = now();
      deepestAnswered = Math.max(deepestAnswered, request.depth);
      inFlight--;
      answered.push(request);
    }

    client.on('data', (chunk: Buffer) => {
      requestsIn.feed(chunk);
      toServer.push(chunk);
    });
    upstream.on('data', (chunk: Buffer) => toClient.push(chunk));
    client.on('end', () => toServer.end());
    upstream.on('end', () => toClient.end());
    const drop = () => {
      sockets.delete(client);
      sockets.delete(upstream);
      client.destroy();
      upstream.destroy();
      // A connection closed before its answers: those requests end now, unanswered.
      for (const request of pending.splice(0)) finish(request);
    };
    client.on('close', drop);
    upstream.on('close', () => toClient.whenDrained(drop));
    client.on('error', drop);
    upstream.on('error', drop);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    setRtt(ms) {
      half = ms / 2;
    },
    reset() {
      origin = performance.now();
      answered = [];
      deepestAnswered = 0;
      waves = inFlight > 0 ? 1 : 0;
    },
    requests: () => [...answered].sort((a, b) => a.start - b.start),
    count: () => ({ requests: answered.length, roundTrips: deepestAnswered, waves }),
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** `GET prod/track.html`, `PUT prod/a.js ← staging/a.js`, `GET data/?list-type=2&prefix=x`. */
export function describeRequest(request: ProxiedRequest): string {
  const url = new URL(request.target, 'http://proxy.invalid');
  const where = decodeURIComponent(url.pathname.slice(1));
  const query = [...url.searchParams.keys()].filter((k) => k !== 'x-id');
  const prefix = url.searchParams.get('prefix');
  const shown = query.length === 0 ? '' : `?${query.join('&')}${prefix ? ` prefix=${prefix}` : ''}`;
  const copy = request.copySource ? ` ← ${decodeURIComponent(request.copySource)}` : '';
  const continued = request.continued ? ' (after a 100 Continue)' : '';
  return `${request.method} ${where}${shown}${copy}${continued}`;
}

/**
 * The requests grouped by depth: one line per sequential round trip, the requests that waited
 * for it (several alike shown once, with their number).
 */
export function roundTripTable(requests: readonly ProxiedRequest[]): string[] {
  const byDepth = new Map<number, string[]>();
  for (const r of requests)
    byDepth.set(r.depth, [...(byDepth.get(r.depth) ?? []), describeRequest(r)]);
  return [...byDepth.entries()]
    .sort(([a], [b]) => a - b)
    .map(([depth, names]) => {
      const counted = new Map<string, number>();
      for (const name of names) counted.set(name, (counted.get(name) ?? 0) + 1);
      const parts = [...counted].map(([name, n]) => (n > 1 ? `${n}× ${name}` : name));
      return `${String(depth).padStart(3)}  ${parts.join(' | ')}`;
    });
}

/** Chunks written to `out` in order, each `delay()` ms after it arrived. */
class HeldStream {
  onWrite: ((chunk: Buffer) => void) | null = null;
  private readonly queue: { due: number; chunk: Buffer | null }[] = [];
  private timer: NodeJS.Timeout | null = null;
  private drained: (() => void)[] = [];

  constructor(
    private readonly delay: () => number,
    private readonly out: net.Socket,
  ) {}

  push(chunk: Buffer): void {
    this.enqueue(chunk);
  }

  /** Ends `out` once everything before has been written. */
  end(): void {
    this.enqueue(null);
  }

  /** Runs `then` once every chunk received so far has been written. */
  whenDrained(then: () => void): void {
    if (this.queue.length === 0) then();
    else this.drained.push(then);
  }

  private enqueue(chunk: Buffer | null): void {
    const delay = this.delay();
    // No latency asked: straight through, so 0 ms adds no timer hop of its own.
    if (delay <= 0 && this.queue.length === 0) return this.write(chunk);
    this.queue.push({ due: performance.now() + delay, chunk });
    this.schedule();
  }

  private schedule(): void {
    if (this.timer || this.queue.length === 0) return;
    const wait = Math.max(0, this.queue[0]!.due - performance.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      while (this.queue.length > 0 && this.queue[0]!.due <= performance.now() + 0.5) {
        this.write(this.queue.shift()!.chunk);
      }
      if (this.queue.length === 0) for (const then of this.drained.splice(0)) then();
      this.schedule();
    }, wait);
  }

  private write(chunk: Buffer | null): void {
    if (this.out.destroyed) return;
    if (chunk === null) {
      this.out.end();
      return;
    }
    this.out.write(chunk);
    this.onWrite?.(chunk);
  }
}

interface MessageHead {
  method: string;
  target: string;
  status: number;
  headers: Map<string, string>;
}

interface FramingEvents {
  /** A message's head has been read; returns true when it has no body (a HEAD's answer). */
  onHead(head: MessageHead): boolean;
  /** The first bytes of a message's body have been read. */
  onBody?(): void;
  onEnd?(head: MessageHead): void;
}

/**
 * Finds where HTTP/1.1 messages begin and end in a byte stream: the head up to the blank line,
 * then a body by Content-Length or chunked transfer coding (or none). Enough for the SDK, the
 * AWS CLI and s3rver; not a general HTTP parser (no bodies delimited by closing the connection).
 */
class HttpFraming {
  private buffered: Buffer = Buffer.alloc(0);
  private state: 'head' | 'body' | 'chunk-size' | 'chunk-data' | 'trailer' = 'head';
  private remaining = 0;
  private head: MessageHead | null = null;
  private begun = false;

  constructor(
    private readonly kind: 'request' | 'response',
    private readonly events: FramingEvents,
  ) {}

  feed(chunk: Buffer): void {
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    while (this.step()) {
      // each step consumes what it can; stop when it needs more bytes
    }
  }

  private step(): boolean {
    switch (this.state) {
      case 'head': {
        const end = this.buffered.indexOf('\r\n\r\n');
        if (end < 0) return false;
        const head = this.parseHead(this.buffered.subarray(0, end).toString('latin1'));
        this.buffered = this.buffered.subarray(end + 4);
        this.head = head;
        const bodiless = this.events.onHead(head);
        const length = Number(head.headers.get('content-length') ?? 0);
        const chunked = /chunked/i.test(head.headers.get('transfer-encoding') ?? '');
        const noBody =
          (this.kind === 'response' &&
            (bodiless || head.status < 200 || head.status === 204 || head.status === 304)) ||
          (!chunked && length === 0);
        if (noBody) return this.done();
        if (chunked) this.state = 'chunk-size';
        else {
          this.state = 'body';
          this.remaining = length;
        }
        return true;
      }
      case 'body': {
        if (this.buffered.length === 0) return false;
        this.bodyBegun();
        const take = Math.min(this.remaining, this.buffered.length);
        this.buffered = this.buffered.subarray(take);
        this.remaining -= take;
        return this.remaining === 0 ? this.done() : false;
      }
      case 'chunk-size': {
        if (this.buffered.length > 0) this.bodyBegun();
        const end = this.buffered.indexOf('\r\n');
        if (end < 0) return false;
        const size = parseInt(this.buffered.subarray(0, end).toString('latin1').split(';')[0]!, 16);
        this.buffered = this.buffered.subarray(end + 2);
        if (size === 0) this.state = 'trailer';
        else {
          this.state = 'chunk-data';
          this.remaining = size + 2; // the data and its CRLF
        }
        return true;
      }
      case 'chunk-data': {
        if (this.buffered.length === 0) return false;
        const take = Math.min(this.remaining, this.buffered.length);
        this.buffered = this.buffered.subarray(take);
        this.remaining -= take;
        if (this.remaining === 0) this.state = 'chunk-size';
        return this.remaining === 0;
      }
      case 'trailer': {
        const end = this.buffered.indexOf('\r\n');
        if (end < 0) return false;
        const line = this.buffered.subarray(0, end);
        this.buffered = this.buffered.subarray(end + 2);
        return line.length === 0 ? this.done() : true;
      }
    }
  }

  private bodyBegun(): void {
    if (this.begun) return;
    this.begun = true;
    this.events.onBody?.();
  }

  private done(): true {
    const head = this.head!;
    this.state = 'head';
    this.head = null;
    this.begun = false;
    this.events.onEnd?.(head);
    return true;
  }

  private parseHead(text: string): MessageHead {
    const [first = '', ...lines] = text.split('\r\n');
    const headers = new Map<string, string>();
    for (const line of lines) {
      const colon = line.indexOf(':');
      if (colon > 0)
        headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
    const parts = first.split(' ');
    return this.kind === 'request'
      ? { method: parts[0] ?? '', target: parts[1] ?? '', status: 0, headers }
      : { method: '', target: '', status: Number(parts[1] ?? 0), headers };
  }
}
