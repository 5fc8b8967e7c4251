/**
 * Deterministic fault injection for operations that write more than once.
 *
 * Wrap every port an operation talks to (object stores, CDNs) with one `FaultPlan`. A clean run
 * counts the calls; then `forEachFault` replays the operation once per call k, either failing
 * call k (it throws, as a dropped connection or a throttled API would) or stopping at call k
 * (call k and every later call never settle, as when the process is killed there: what was
 * already sent may have landed, nothing after it does). After each, the caller re-runs the
 * operation on the unwrapped ports and checks its invariants.
 *
 * A random kill finds what we did not think of; this proves every point we did.
 */

export type FaultMode = 'fail' | 'stop';

export interface Fault {
  mode: FaultMode;
  /** The call, counting from 1 across every port of the plan. */
  at: number;
}

export class InjectedFault extends Error {
  override readonly name = 'InjectedFault';
  constructor(readonly call: string) {
    super(`injected fault at ${call}`);
  }
}

/** One plan over several ports: calls are counted in the order the operation makes them. */
export class FaultPlan {
  /** `label.method` of every call made so far, in order. */
  readonly calls: string[] = [];
  /** True once the fault has fired. */
  fired = false;
  private stopped = false;

  constructor(readonly fault: Fault | null = null) {}

  /** A proxy of `target` whose async methods count towards (and may hit) the fault. */
  wrap<T extends object>(target: T, label: string): T {
    return new Proxy(target, {
      get: (obj, prop, receiver) => {
        const value = Reflect.get(obj, prop, receiver) as unknown;
        if (typeof value !== 'function' || typeof prop !== 'string' || prop === 'constructor') {
          return value;
        }
        return (...args: unknown[]): unknown => {
          const name = `${label}.${prop}`;
          if (this.stopped) return new Promise(() => {});
          this.calls.push(name);
          if (this.fault && this.calls.length === this.fault.at) {
            this.fired = true;
            if (this.fault.mode === 'stop') {
              this.stopped = true;
              return new Promise(() => {});
            }
            return Promise.reject(new InjectedFault(`${name} (call ${this.fault.at})`));
          }
          return (value as (...a: unknown[]) => unknown).apply(obj, args);
        };
      },
    });
  }
}

/**
 * How an abandoned (stopped) operation is left behind: its promise never settles, so wait for it
 * only until it has made no progress for a moment, as a killed process would have.
 */
export async function settleOrAbandon(work: Promise<unknown>, plan: FaultPlan): Promise<string> {
  const outcome = work.then(
    () => 'ok',
    (err: unknown) => `error: ${err instanceof Error ? err.message : String(err)}`,
  );
  for (;;) {
    const seen = plan.calls.length;
    const raced = await Promise.race([
      outcome,
      new Promise<null>((resolve) => setTimeout(() => resolve(null), 25)),
    ]);
    if (raced !== null) return raced;
    // Stopped and quiet: nothing in this process will move the operation on. (A failed call
    // is different: the operation goes on, maybe quietly for a while, and must be awaited.)
    if (plan.fault?.mode === 'stop' && plan.fired && plan.calls.length === seen) return 'stopped';
  }
}

export interface FaultRunReport {
  /** Calls the clean run made: the fault points of one mode. */
  calls: number;
  /** Runs made: one per call and mode. */
  runs: number;
  /** The clean run's calls, to print what was covered. */
  names: string[];
}

/**
 * Runs `scenario` once clean (to count its calls), then once per call k for each mode. The
 * scenario sets up a fresh world, runs the operation through `plan.wrap`-ped ports, and checks
 * the invariants after the fault and after a clean re-run. It returns the outcome string of
 * `settleOrAbandon` so the harness can check that a failed call was reported as failed.
 */
export async function forEachFault(
  scenario: (plan: FaultPlan, fault: Fault | null) => Promise<void>,
  modes: readonly FaultMode[] = ['fail', 'stop'],
): Promise<FaultRunReport> {
  const clean = new FaultPlan();
  await scenario(clean, null);
  const calls = clean.calls.length;
  if (calls === 0) throw new Error('the operation made no call through the wrapped ports');
  let runs = 0;
  for (const mode of modes) {
    for (let at = 1; at <= calls; at++) {
      const fault = { mode, at };
      const plan = new FaultPlan(fault);
      try {
        await scenario(plan, fault);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        throw new Error(`with ${mode} at call ${at} (${clean.calls[at - 1]}): ${message}`, {
          cause: err,
        });
      }
      runs += 1;
    }
  }
  return { calls, runs, names: clean.calls };
}

/** One line for the test log: what a harness run covered. */
export function coverageLine(operation: string, report: FaultRunReport): string {
  const kinds = [...new Set(report.names)].sort().join(', ');
  return `fault harness: ${operation}: ${report.calls} calls, ${report.runs} faulted runs (${kinds})`;
}
