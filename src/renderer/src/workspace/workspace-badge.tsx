import { useWorkspaceStore } from '../stores/workspace-store';

/** Says plainly where the console's work goes: the local sandbox, or AWS. */
export function WorkspaceBadge() {
  const info = useWorkspaceStore((s) => s.info);
  const error = useWorkspaceStore((s) => s.error);
  if (error) return <p className="badge badge-error">{error}</p>;
  if (!info) return <p className="badge skeleton-line" aria-hidden="true" />;
  return (
    <p className={`badge workspace-badge mode-${info.mode}`} title={info.location}>
      <strong>{info.mode === 'sandbox' ? 'Sandbox' : 'AWS'}</strong>
      <span className="badge-site"> · public site {info.publicBaseUrl}</span>
    </p>
  );
}
