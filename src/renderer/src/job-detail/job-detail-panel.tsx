/** The selected job's panel (issue 8 §2, §3, §6): being built this stop. */
export function JobDetailPanel() {
  return null;
}
