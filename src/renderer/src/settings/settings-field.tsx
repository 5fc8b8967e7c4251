import type { ReactNode } from 'react';

/**
 * One labelled setting with its message under it (a line always kept, so messages never move
 * the fields). `path` is the field's path in the settings ("business.phone"): its id too.
 */
export function SettingsField({
  label,
  path,
  errors,
  hint,
  wide = false,
  children,
}: {
  label: string;
  path: string;
  errors: Record<string, string>;
  hint?: string;
  /** Takes the whole row of a two-column grid. */
  wide?: boolean;
  children: (props: {
    id: string;
    'aria-invalid': true | undefined;
    'aria-describedby': string;
  }) => ReactNode;
}) {
  const id = `setting-${path.replace(/\./g, '-')}`;
  const error = errors[path];
  return (
    <div className={wide ? 'settings-field wide' : 'settings-field'}>
      <label htmlFor={id}>{label}</label>
      {children({
        id,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': `${id}-note`,
      })}
      <p id={`${id}-note`} className={error ? 'field-note error' : 'field-note hint'}>
        {error ? `${label} ${error}` : hint}
      </p>
    </div>
  );
}
