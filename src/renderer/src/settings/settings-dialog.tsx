/** Settings (issue 8 §8): being built this stop. */
export function SettingsDialog() {
  return null;
}
