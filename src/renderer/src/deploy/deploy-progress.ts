import type { DeployAction, DeployProgress } from '../../../shared/deploy/deploy-api';

/** The steps of one deploy run as they stand now, in the order they started. */
export interface ProgressRun {
  runId: string;
  action: DeployAction;
  steps: DeployProgress[];
}

/**
 * Folds one progress event into the run on screen: a new run id starts a new run (the last
 * one's steps are history by then), a known step is updated in place, a new step is appended.
 */
export function applyProgress(run: ProgressRun | null, event: DeployProgress): ProgressRun {
  if (!run || run.runId !== event.runId) {
    return { runId: event.runId, action: event.action, steps: [event] };
  }
  const known = run.steps.some((s) => s.step === event.step);
  return {
    ...run,
    steps: known
      ? run.steps.map((s) => (s.step === event.step ? event : s))
      : [...run.steps, event],
  };
}

/** "3/10" when the step counts, else nothing. */
export function progressCount(step: DeployProgress): string {
  return step.total !== undefined ? `${step.done ?? 0}/${step.total}` : '';
}
