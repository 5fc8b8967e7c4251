import { useDeployStore } from './deploy-store';
import { progressCount } from './deploy-progress';
import { DeployReportView } from './deploy-report-view';

const STATE_MARK = { running: '…', done: '✓', failed: '✗', skipped: '–' } as const;

/** The running (or last) deploy, step by step as core reports it, then its report. */
export function DeployRunView() {
  const run = useDeployStore((s) => s.run);
  const report = useDeployStore((s) => s.report);
  if (!run && !report) return null;
  return (
    <section className="deploy-section" aria-labelledby="run-title">
      <h3 id="run-title">{run ? `Progress of the ${run.action}` : 'Last deploy'}</h3>
      {/* Read out as steps change; each step is one line, so a screen reader hears a sentence. */}
      <ol className="steps" aria-live="polite">
        {run?.steps.map((step) => (
          <li key={step.step} className={`step step-${step.state}`}>
            <span className="mark" aria-hidden="true">
              {STATE_MARK[step.state]}
            </span>
            <span className="step-name">{step.step}</span>
            <span className="step-count">{progressCount(step)}</span>
            <span className="step-message">
              {step.state !== 'running' && <span className="visually-hidden">{step.state}: </span>}
              {step.message}
            </span>
          </li>
        ))}
      </ol>
      {report && <DeployReportView report={report} />}
    </section>
  );
}
