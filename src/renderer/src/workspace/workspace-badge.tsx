import { useWorkspaceStore } from '../stores/workspace-store';

/** Says plainly where the console's work goes: the local sandbox, or AWS. */
export function WorkspaceBadge() {
  const info = useWorkspaceStore((s) => s.info);
  const error = useWorkspaceStore((s) => s.error);
  if (error) return <p className="badge badge-error">{error}</p>;
  if (!info) return null;
  return (
    <p className="badge" title={info.location}>
      {info.mode === 'sandbox' ? 'Sandbox' : 'AWS'} · public site {info.publicBaseUrl}
    </p>
  );
}
