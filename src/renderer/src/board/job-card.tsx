import { memo, useEffect, useRef, useState } from 'react';
import type { KeyboardEvent, PointerEventHandler } from 'react';
import { useDraggable } from '@dnd-kit/core';
import type { Job } from '../../../shared/job';
import { STATUS_LABELS } from '../../../shared/status-flow';
import { useBoardStore } from '../stores/board-store';
import { useBoardNav } from './board-nav';
import type { NavKey } from './board-nav';
import { cardPickupTime, cardTimeOfDay } from './card-time';
import { cardPrice } from './card-price';
import { awaitsQuote } from '../../../shared/status-flow';
import { CardMenu } from './card-menu';
import { TextsFlag } from '../job-detail/texts-flag';

const NAV_KEYS = new Set<string>([
  'ArrowUp',
  'ArrowDown',
  'ArrowLeft',
  'ArrowRight',
  'Home',
  'End',
]);

/** The inbox marks a job whose customer asked to be called before the crew comes. */
export function asksForCall(job: Job): boolean {
  return typeof job.call_requested_at === 'string';
}

interface JobCardProps {
  job: Job;
  timeZone: string;
  /** Archived jobs: shown by a search, never moved. */
  readOnly?: boolean;
  /** The first card of the board is the tab stop until another card has been visited. */
  fallbackTabStop?: boolean;
  /** The card sits under its pickup day's header: the time alone says when. */
  underItsDay?: boolean;
}

/**
 * One job, compact, one fact a line: name; service; time and address; crew and price. One tab
 * stop, draggable.
 */
export const JobCard = memo(function JobCard({
  job,
  timeZone,
  readOnly = false,
  fallbackTabStop = false,
  underItsDay = false,
}: JobCardProps) {
  const error = useBoardStore((s) => s.errors[job.job_id]);
  const busy = useBoardStore((s) => Boolean(s.busy[job.job_id]));
  const selected = useBoardStore((s) => s.selectedJobId === job.job_id);
  const isTabStop = useBoardStore((s) =>
    s.activeCardId === null ? fallbackTabStop : s.activeCardId === job.job_id,
  );
  const takesFocus = useBoardStore((s) => s.focusJobId === job.job_id);
  const { select, focusHandled } = useBoardStore.getState();
  const nav = useBoardNav();
  const [menuOpen, setMenuOpen] = useState(false);
  const cardRef = useRef<HTMLElement | null>(null);
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({
    id: job.job_id,
    data: { job },
    disabled: readOnly,
  });

  // A card that moved column, or that the arrow keys reached, takes the keyboard when it appears.
  useEffect(() => {
    if (!takesFocus || !cardRef.current) return;
    cardRef.current.focus({ preventScroll: false });
    focusHandled();
  }, [takesFocus, focusHandled]);

  function onKeyDown(event: KeyboardEvent<HTMLElement>) {
    if (event.target !== event.currentTarget) return; // keys inside the menu are its own
    listeners?.onKeyDown?.(event);
    if (event.defaultPrevented || nav.dragging) return;
    if (NAV_KEYS.has(event.key)) {
      event.preventDefault();
      nav.navigate(job.job_id, event.key as NavKey);
    } else if (event.key === 'Enter' && !readOnly) {
      event.preventDefault();
      select(job.job_id);
    } else if (event.key === 'ContextMenu' || (event.key === 'F10' && event.shiftKey)) {
      event.preventDefault();
      setMenuOpen(true);
    }
  }

  const assignee = job.assigned_to;
  const time = underItsDay ? cardTimeOfDay(job, timeZone) : cardPickupTime(job, timeZone);
  return (
    <article
      ref={(node) => {
        cardRef.current = node;
        setNodeRef(node);
      }}
      data-job-id={job.job_id}
      tabIndex={isTabStop ? 0 : -1}
      className={[
        'job-card',
        selected && 'selected',
        isDragging && 'dragging',
        readOnly && 'archived',
        error && 'has-error',
      ]
        .filter(Boolean)
        .join(' ')}
      aria-label={`${job.customer_name}, ${STATUS_LABELS[job.status]}${readOnly ? ', archived' : ''}`}
      aria-describedby={readOnly ? undefined : attributes['aria-describedby']}
      aria-current={selected || undefined}
      aria-busy={busy || undefined}
      // dnd-kit types its listeners loosely (Function); this one is its pointer-down handler.
      onPointerDown={listeners?.onPointerDown as PointerEventHandler<HTMLElement> | undefined}
      onKeyDown={onKeyDown}
      onClick={() => {
        useBoardStore.setState({ activeCardId: job.job_id });
        if (!readOnly) select(job.job_id);
      }}
    >
      <div className="card-line card-top">
        <h4 title={job.customer_name}>{job.customer_name}</h4>
        {asksForCall(job) && (
          <span className="flag flag-call" title="The customer asked to be called first">
            Call first
          </span>
        )}
        <TextsFlag job={job} />
        {error && (
          <span
            className="flag flag-error"
            role="img"
            aria-label={`Problem: ${error}`}
            title={error}
          >
            !
          </span>
        )}
      </div>
      <p className="card-line card-what" title={job.service}>
        {job.service ?? <span className="none">No service</span>}
      </p>
      <p className="card-line card-where" title={job.address}>
        <time dateTime={job.pickup_date}>{time}</time> {job.address}
      </p>
      <div className="card-line card-bottom">
        {/* "No crew", not "Unassigned": beside "needs quote" the longer word was cut to "Unassi…". */}
        <span className={assignee ? 'assignee' : 'assignee none'} title={assignee ?? 'Unassigned'}>
          {assignee ?? 'No crew'}
        </span>
        <span className={awaitsQuote(job) ? 'price needs-quote' : 'price'}>{cardPrice(job)}</span>
        <CardMenu
          job={job}
          readOnly={readOnly}
          open={menuOpen}
          onOpenChange={(open) => {
            setMenuOpen(open);
            if (!open) cardRef.current?.focus();
          }}
        />
      </div>
    </article>
  );
});
