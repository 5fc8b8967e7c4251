import { useCallback, useState } from 'react';
import { SideSheet } from '../dialogs/side-sheet';
import { OutboxView } from './outbox-view';
import './outbox.css';

/** The header's Outbox button and the sheet it opens (as Reports opens its own). */
export function OutboxButton() {
  const [open, setOpen] = useState(false);
  const close = useCallback(() => setOpen(false), []);
  return (
    <>
      <button type="button" className="secondary" onClick={() => setOpen(true)}>
        Outbox
      </button>
      <SideSheet
        open={open}
        onClose={close}
        title="Outbox — today's texts"
        titleId="outbox-title"
        className="outbox-sheet"
      >
        <OutboxView onOpenJob={close} />
      </SideSheet>
    </>
  );
}
