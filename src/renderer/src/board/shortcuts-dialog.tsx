import { useDialogsStore } from '../dialogs/dialogs-store';
import { ModalDialog } from '../dialogs/modal-dialog';

const SHORTCUTS: [string, string][] = [
  ['N', 'New job'],
  ['/', 'Search jobs'],
  ['?', 'This list'],
  ['Esc', 'Close the panel or dialog; clear the search'],
  ['← ↑ → ↓', 'Move between cards'],
  ['Home / End', 'First or last card of a column'],
  ['Enter', 'Open the job’s details'],
  ['D', 'Mark the card’s job done (or the open job’s), skipping the crew’s steps'],
  ['Space', 'Pick the card up; ← → choose a column; Space drops, Esc puts it back'],
  ['Shift+F10', 'The card’s menu (move, cancel, copy link)'],
  ['[ / ]', 'Day view: the day before or after (also Alt+← / Alt+→)'],
  ['Space, ↑ ↓ ← →', 'Day view: pick a job up; ↑ ↓ another crew member, ← → a quarter hour'],
];

/** `?`: every keyboard shortcut of the board. */
export function ShortcutsDialog() {
  const open = useDialogsStore((s) => s.shortcutsOpen);
  const close = useDialogsStore((s) => s.closeShortcuts);
  return (
    <ModalDialog
      open={open}
      onClose={close}
      labelledBy="shortcuts-title"
      className="shortcuts-dialog"
    >
      <h2 id="shortcuts-title">Keyboard shortcuts</h2>
      <dl className="shortcuts">
        {SHORTCUTS.map(([keys, what]) => (
          <div key={keys}>
            <dt>
              <kbd>{keys}</kbd>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
      <div className="dialog-actions">
        <button type="button" autoFocus onClick={close}>
          Close
        </button>
      </div>
    </ModalDialog>
  );
}
