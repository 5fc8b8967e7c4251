import type { PublicCheck } from '../../../shared/deploy/deploy-api';

/** Each check through the public URL: what was asked, expected, and seen. */
export function PublicChecks({ checks }: { checks: PublicCheck[] }) {
  if (checks.length === 0) return <p className="muted">No check ran.</p>;
  return (
    <ul className="checks">
      {checks.map((check) => (
        <li key={check.name} className={check.ok ? 'check-ok' : 'check-failed'}>
          <span aria-hidden="true">{check.ok ? '✓' : '✗'}</span> <strong>{check.name}</strong>{' '}
          {check.ok ? 'passed' : 'failed'} · <code>{check.url}</code>
          <br />
          expected {check.expected}; saw {check.saw}
        </li>
      ))}
    </ul>
  );
}
