/**
 * `<input type="datetime-local">` values read and written in the BUSINESS's time zone, not the
 * machine's: a dispatcher on a laptop set to another zone still types Chicago times for a
 * Chicago business, as the customer's page shows them.
 */

const partsFormatter = (timeZone: string) =>
  new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });

/** The wall-clock reading of `instant` in `timeZone`, as if that reading were UTC (ms). */
function wallClockAsUtc(instant: number, timeZone: string): number {
  const parts = { year: 0, month: 1, day: 1, hour: 0, minute: 0, second: 0 };
  for (const part of partsFormatter(timeZone).formatToParts(new Date(instant))) {
    if (part.type in parts) parts[part.type as keyof typeof parts] = Number(part.value);
  }
  const { year, month, day, hour, minute, second } = parts;
  return Date.UTC(year, month - 1, day, hour, minute, second);
}

/** ISO instant → "2026-12-03T13:00" as the business's clocks read it ('' for none). */
export function toZonedInput(iso: string | null | undefined, timeZone: string): string {
  if (!iso) return '';
  const instant = Date.parse(iso);
  if (Number.isNaN(instant)) return '';
  return new Date(wallClockAsUtc(instant, timeZone)).toISOString().slice(0, 16);
}

/**
 * "2026-12-03T13:00" read on the business's clocks → ISO instant ('' for an empty or unreadable
 * value). A time a DST change skips is moved forward, as clocks are.
 */
export function fromZonedInput(local: string, timeZone: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!match) return '';
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const wanted = Date.UTC(y, mo - 1, d, h, mi);
  // The zone's offset at a first guess, then at the corrected instant (they differ near DST).
  let instant = wanted - (wallClockAsUtc(wanted, timeZone) - wanted);
  instant = wanted - (wallClockAsUtc(instant, timeZone) - instant);
  return new Date(instant).toISOString();
}
