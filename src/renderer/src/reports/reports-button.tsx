import { useCallback, useState } from 'react';
import { SideSheet } from '../dialogs/side-sheet';
import { ReportsView } from './reports-view';
import './reports.css';

/** The header's Reports button and the sheet it opens. */
export function ReportsButton() {
  const [open, setOpen] = useState(false);
  const close = useCallback(() => setOpen(false), []);
  return (
    <>
      <button type="button" className="secondary" onClick={() => setOpen(true)}>
        Reports
      </button>
      <SideSheet
        open={open}
        onClose={close}
        title="Reports"
        titleId="reports-title"
        className="reports-sheet"
      >
        <ReportsView />
      </SideSheet>
    </>
  );
}
