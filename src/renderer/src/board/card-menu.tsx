import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
import type { Job } from '../../../shared/job';
import { isOpenStatus, nextStatus, STATUS_LABELS } from '../../../shared/status-flow';
import { buildTrackingUrl } from '../../../shared/tracking-link';
import { errorMessage } from '../../../shared/errors';
import { qdn } from '../qdn';
import { useBoardStore } from '../stores/board-store';
import { useWorkspaceStore } from '../stores/workspace-store';
import { useToastStore } from '../toasts/toast-store';
import { useDialogsStore } from '../dialogs/dialogs-store';
import { canMarkDone, correctionTarget, needsPhoneConfirmation } from './move-rules';

interface MenuItem {
  label: string;
  run: () => void;
}

/** A card's "⋯": move on, take back, cancel, copy the link, details. Keyboard: Shift+F10. */
export function CardMenu({
  job,
  readOnly,
  open,
  onOpenChange,
}: {
  job: Job;
  readOnly: boolean;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLUListElement>(null);
  const [place, setPlace] = useState<{ top: number; left: number } | null>(null);
  const publicBaseUrl = useWorkspaceStore((s) => s.info?.publicBaseUrl);
  const items = open ? menuItems(job, readOnly, publicBaseUrl) : [];

  useLayoutEffect(() => {
    if (!open || !buttonRef.current) return;
    const rect = buttonRef.current.getBoundingClientRect();
    const width = 200;
    setPlace({
      top: Math.min(rect.bottom + 4, window.innerHeight - 220),
      left: Math.max(8, Math.min(rect.right - width, window.innerWidth - width - 8)),
    });
  }, [open]);

  useEffect(() => {
    if (!open) return;
    menuRef.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const close = (event: PointerEvent) => {
      if (!menuRef.current?.contains(event.target as Node)) onOpenChange(false);
    };
    document.addEventListener('pointerdown', close, true);
    return () => document.removeEventListener('pointerdown', close, true);
  }, [open, place, onOpenChange]);

  function onMenuKey(event: KeyboardEvent<HTMLUListElement>) {
    const entries = [
      ...(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? []),
    ];
    const at = entries.indexOf(document.activeElement as HTMLElement);
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      entries[(at + step + entries.length) % entries.length]?.focus();
    } else if (event.key === 'Escape' || event.key === 'Tab') {
      event.preventDefault();
      event.stopPropagation();
      onOpenChange(false);
    }
  }

  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        className="card-menu-button"
        tabIndex={-1}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-label={`Actions for ${job.customer_name}`}
        onPointerDown={(e) => e.stopPropagation()}
        onClick={(e) => {
          e.stopPropagation();
          onOpenChange(!open);
        }}
      >
        ⋯
      </button>
      {open &&
        place &&
        createPortal(
          <ul
            ref={menuRef}
            role="menu"
            aria-label={`Actions for ${job.customer_name}`}
            className="card-menu"
            style={{ top: place.top, left: place.left }}
            onKeyDown={onMenuKey}
            // A portal's events still bubble through React to the card: keep them here.
            onPointerDown={(e) => e.stopPropagation()}
            onClick={(e) => e.stopPropagation()}
          >
            {items.map((item) => (
              <li key={item.label} role="none">
                <button
                  type="button"
                  role="menuitem"
                  tabIndex={-1}
                  onClick={() => {
                    onOpenChange(false);
                    item.run();
                  }}
                >
                  {item.label}
                </button>
              </li>
            ))}
          </ul>,
          document.body,
        )}
    </>
  );
}

function menuItems(job: Job, readOnly: boolean, publicBaseUrl: string | undefined): MenuItem[] {
  const board = useBoardStore.getState();
  const dialogs = useDialogsStore.getState();
  const items: MenuItem[] = [];
  const next = nextStatus(job.status);
  if (!readOnly && next && needsPhoneConfirmation(job)) {
    // No quote yet: scheduled only on the customer's word by phone, its reason in history.
    items.push({
      label: 'Schedule (confirmed by phone)…',
      run: () => dialogs.askMove({ jobId: job.job_id, to: next, kind: 'correction' }),
    });
  } else if (!readOnly && next) {
    items.push({
      label: `Move to ${STATUS_LABELS[next]}`,
      run: () => void board.moveJob(job.job_id, next),
    });
  }
  if (!readOnly && next !== 'completed' && canMarkDone(job)) {
    items.push({ label: 'Mark done', run: () => void board.moveJob(job.job_id, 'completed') });
  }
  const back = readOnly ? null : correctionTarget(job);
  if (back) {
    items.push({
      label: `${job.status === 'canceled' ? 'Reopen' : 'Move back'} to ${STATUS_LABELS[back]}…`,
      run: () => dialogs.askMove({ jobId: job.job_id, to: back, kind: 'correction' }),
    });
  }
  if (!readOnly && isOpenStatus(job.status)) {
    items.push({
      label: 'Cancel job…',
      run: () => dialogs.askMove({ jobId: job.job_id, to: 'canceled', kind: 'cancel' }),
    });
  }
  // An archived job's page was withdrawn with it: its link would only say "no longer valid".
  if (!readOnly && publicBaseUrl && !job.token_revoked_at) {
    const link = buildTrackingUrl(publicBaseUrl, job.tracking_token);
    items.push({ label: 'Copy link', run: () => void copyLink(job, link) });
  }
  if (!readOnly) items.push({ label: 'Details', run: () => board.select(job.job_id) });
  return items;
}

async function copyLink(job: Job, link: string) {
  const toast = useToastStore.getState().push;
  try {
    await qdn.copyText(link);
    toast({ text: `Copied ${job.customer_name}'s tracking link.`, tone: 'info' });
  } catch (err) {
    toast({ text: `Could not copy the link (${errorMessage(err)}): ${link}`, tone: 'error' });
  }
}
