import type { EdgeFunctionTestCase } from '../../../shared/deploy/deploy-api';

/** The edge function's test results: folded to one line when all pass, open when one fails. */
export function EdgeTests({ tests }: { tests: EdgeFunctionTestCase[] }) {
  const failed = tests.filter((t) => !t.ok).length;
  return (
    <details className="path-list" open={failed > 0}>
      <summary className={failed > 0 ? 'check-failed' : undefined}>
        {failed > 0
          ? `${failed} of ${tests.length} tests failed`
          : `All ${tests.length} tests passed`}
      </summary>
      <ul className="checks">
        {tests.map((t) => (
          <li key={t.name} className={t.ok ? 'check-ok' : 'check-failed'}>
            <span aria-hidden="true">{t.ok ? '✓' : '✗'}</span> <code>{t.name}</code>{' '}
            {t.ok ? 'passed' : `failed: expected ${t.expected}, got ${t.actual}`}
          </li>
        ))}
      </ul>
    </details>
  );
}
