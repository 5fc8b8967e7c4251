import { create } from 'zustand';
import { qdn } from '../qdn';
import { errorMessage } from '../../../shared/errors';
import type { Settings, SettingsInput } from '../../../shared/settings/settings';
import type { AccessReport } from '../../../shared/settings/settings-api';
import { createTaskRunner, idleTasks } from '../stores/task-runner';
import type { TaskState } from '../stores/task-runner';
import { useWorkspaceStore } from '../stores/workspace-store';
import { useToastStore } from '../toasts/toast-store';

/** Each thing Settings asks core for: its own busy flag and its own error line. */
export type SettingsTask = 'save' | 'profiles' | 'access';

interface SettingsState extends TaskState<SettingsTask> {
  /** Null until read (or when it could not be: `error` says why). */
  settings: Settings | null;
  error: string | null;
  loading: boolean;
  /** AWS profile names from the user's config (null until asked). */
  profiles: string[] | null;
  access: AccessReport | null;
  load: () => Promise<void>;
  /** Saves; true when saved. What core says about it (a restart for a mode switch) is toasted. */
  save: (input: SettingsInput) => Promise<boolean>;
  loadProfiles: () => Promise<void>;
  checkAccess: () => Promise<void>;
}

/** The workspace's settings: business (name, phone, time zone, currency), templates, crew, AWS. */
export const useSettingsStore = create<SettingsState>()((set, get) => {
  const { run: task } = createTaskRunner<SettingsTask>(set, get);

  return {
    settings: null,
    error: null,
    loading: false,
    profiles: null,
    access: null,
    ...idleTasks<SettingsTask>(),
    async load() {
      set({ loading: true });
      try {
        set({ settings: await qdn.getSettings(), error: null });
      } catch (err) {
        const error = errorMessage(err);
        // Said once per new cause, where the dispatcher looks: until read, the defaults apply.
        if (error !== get().error) {
          useToastStore.getState().push({
            text: `The settings could not be read: ${error}`,
            tone: 'error',
          });
        }
        set({ error });
      } finally {
        set({ loading: false });
      }
    },
    async save(input) {
      const before = get().settings;
      const saved = await task('save', () => qdn.saveSettings(input));
      if (!saved) return false;
      set({ settings: saved, error: null });
      const push = useToastStore.getState().push;
      if (before && before.mode !== saved.mode) {
        push({
          text: `Settings saved. The console now works on ${saved.mode === 'aws' ? 'AWS' : 'the sandbox'}.`,
          tone: 'info',
        });
      } else {
        push({ text: 'Settings saved.', tone: 'info' });
      }
      // The header's business name and the links' base follow the saved settings.
      void useWorkspaceStore.getState().load();
      return true;
    },
    async loadProfiles() {
      const profiles = await task('profiles', () => qdn.listAwsProfiles());
      if (profiles) set({ profiles });
    },
    async checkAccess() {
      set({ access: null });
      const access = await task('access', () => qdn.checkAccess());
      if (access) set({ access });
    },
  };
});
