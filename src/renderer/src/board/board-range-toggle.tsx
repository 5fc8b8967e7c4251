import { useFindStore } from '../find/find-store';
import { useBoardRangeStore } from './board-range';

/**
 * The board's range beside the header's filters: by default today and what is coming (open
 * jobs of past days always show, first, under "Earlier"); ticked, the finished days too. A
 * picked date, a search or the archive decides on its own, so then this rests.
 */
export function BoardRangeToggle() {
  const range = useBoardRangeStore((s) => s.range);
  const setRange = useBoardRangeStore((s) => s.setRange);
  const rests = useFindStore(
    (s) => s.view !== 'board' || s.date !== 'all' || s.query.trim() !== '' || s.includeArchived,
  );
  return (
    <label
      className="check board-range"
      title="Show jobs finished or canceled before today. Open jobs from past days always show, under Earlier."
    >
      <input
        type="checkbox"
        aria-label="Show past days"
        checked={range === 'all'}
        disabled={rests}
        onChange={(e) => setRange(e.target.checked ? 'all' : 'coming')}
      />
      Past days
    </label>
  );
}
