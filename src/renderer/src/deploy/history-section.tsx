import { useSettings } from '../settings/use-settings';
import { formatWhen } from './format-when';
import { useDeployStore } from './deploy-store';
import { TaskError } from './task-error';

/** Every deploy action, newest first: what, who, when, whether it worked. */
export function HistorySection() {
  const history = useDeployStore((s) => s.history);
  const timeZone = useSettings().business.time_zone;
  return (
    <section className="deploy-section" aria-labelledby="history-title">
      <h3 id="history-title">History</h3>
      <TaskError task="history" />
      {history?.length === 0 && <p className="muted">Nothing deployed yet.</p>}
      {history && history.length > 0 && (
        <table className="history">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Action</th>
              <th scope="col">Who</th>
              <th scope="col">Result</th>
              <th scope="col">Summary</th>
            </tr>
          </thead>
          <tbody>
            {history.map((h) => (
              <tr key={h.id}>
                <td>
                  <time dateTime={h.at}>{formatWhen(h.at, timeZone)}</time>
                </td>
                <td>{h.action}</td>
                <td>{h.by}</td>
                <td className={h.ok ? 'check-ok' : 'check-failed'}>
                  <span aria-hidden="true">{h.ok ? '✓' : '✗'}</span> {h.ok ? 'ok' : 'failed'}
                </td>
                <td>{h.summary}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
