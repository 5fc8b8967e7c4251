/** How a unified diff line reads: added, removed, a hunk header, or context. */
function lineKind(line: string): string {
  if (line.startsWith('+++') || line.startsWith('---')) return 'diff-file';
  if (line.startsWith('@@')) return 'diff-hunk';
  if (line.startsWith('+')) return 'diff-add';
  if (line.startsWith('-')) return 'diff-del';
  return 'diff-context';
}

/** A unified diff, monospace, added lines green and removed lines red (and marked + / −). */
export function DiffView({ diff, label }: { diff: string; label: string }) {
  const lines = diff.replace(/\n$/, '').split('\n');
  return (
    <pre className="diff" aria-label={label} tabIndex={0}>
      {lines.map((line, i) => (
        // Lines repeat (blank lines, braces); their place in the diff is their identity.
        <span key={i} className={lineKind(line)}>
          {line}
          {'\n'}
        </span>
      ))}
    </pre>
  );
}
