import type { InputHTMLAttributes } from 'react';
import { NEW_JOB_MAX_LENGTH } from '../../../shared/job';

export interface FormFieldProps {
  /** The form's id prefix ("new-job", "new-request"): ids stay unique across open dialogs. */
  form: string;
  name: string;
  label: string;
  /** The field's name in its message: "Customer name is required." */
  spoken: string;
  /** What is wrong with it, in words ("is required"), or nothing. */
  problem?: string | undefined;
  busy: boolean;
  /** A textarea (notes) instead of an input. */
  multiline?: boolean;
  input?: InputHTMLAttributes<HTMLInputElement>;
}

/**
 * One labelled field of the New job and New request forms (new-job-form.tsx,
 * inbox/new-request-dialog.tsx): read-only while saving (so nothing typed meanwhile is lost to
 * the reset that follows — not disabled, which would take the keyboard focus away), and tied
 * to its message when it has one.
 */
export function FormField({
  form,
  name,
  label,
  spoken,
  problem,
  busy,
  multiline = false,
  input = {},
}: FormFieldProps) {
  const id = `${form}-${name}`;
  const errorId = `${id}-error`;
  const common = {
    name,
    readOnly: busy,
    'aria-invalid': problem ? true : undefined,
    'aria-describedby': problem ? errorId : undefined,
  };
  return (
    <div className={`field field-${name}`}>
      <label htmlFor={id}>{label}</label>
      {multiline ? (
        <textarea id={id} {...common} rows={2} maxLength={NEW_JOB_MAX_LENGTH.notes} />
      ) : (
        <input id={id} {...common} {...input} />
      )}
      <span className="field-error" id={errorId}>
        {problem && `${spoken} ${problem}.`}
      </span>
    </div>
  );
}
