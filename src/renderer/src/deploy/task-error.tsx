import { useDeployStore } from './deploy-store';
import type { DeployTask } from './deploy-store';

/** Why a task failed, in core's words, where the dispatcher asked for it. */
export function TaskError({ task }: { task: DeployTask }) {
  const error = useDeployStore((s) => s.errors[task]);
  if (!error) return null;
  return (
    <p className="error" role="alert">
      {error}
    </p>
  );
}
