/** A titled list of site paths, folded away when long so the plan stays readable. */
export function PathList({ title, paths }: { title: string; paths: string[] }) {
  if (paths.length === 0) {
    return (
      <p className="path-list-empty">
        {title}: <span className="muted">none</span>
      </p>
    );
  }
  return (
    <details className="path-list" open={paths.length <= 8}>
      <summary>
        {title} ({paths.length})
      </summary>
      <ul>
        {paths.map((p) => (
          <li key={p}>
            <code>{p}</code>
          </li>
        ))}
      </ul>
    </details>
  );
}
