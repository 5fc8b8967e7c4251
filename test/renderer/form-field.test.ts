import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { FormField } from '../../src/renderer/src/board/form-field';
import { NEW_JOB_FIELDS } from '../../src/renderer/src/board/read-new-job';
import { NEW_REQUEST_FIELDS } from '../../src/renderer/src/inbox/read-new-request';

// The New job and New request forms draw their fields with one component (issue 17: the
// request dialog had copied the job form's field renderer).
const html = (props: Parameters<typeof FormField>[0]) =>
  renderToStaticMarkup(createElement(FormField, props));

describe('one field for the New job and New request forms', () => {
  it('labels its input and ties a problem to it, in the field’s words', () => {
    const out = html({
      form: 'new-request',
      name: 'customer_name',
      label: NEW_REQUEST_FIELDS.customer_name,
      spoken: NEW_REQUEST_FIELDS.customer_name,
      problem: 'is required',
      busy: false,
      input: { required: true },
    });
    expect(out).toContain('<label for="new-request-customer_name">');
    expect(out).toContain('id="new-request-customer_name"');
    expect(out).toContain('aria-invalid="true"');
    expect(out).toContain('aria-describedby="new-request-customer_name-error"');
    expect(out).toContain(
      `<span class="field-error" id="new-request-customer_name-error">${NEW_REQUEST_FIELDS.customer_name} is required.</span>`,
    );
  });

  it('is read-only while saving, not disabled (the focus stays), and notes are a textarea', () => {
    const out = html({
      form: 'new-job',
      name: 'notes',
      label: NEW_JOB_FIELDS.notes,
      spoken: NEW_JOB_FIELDS.notes,
      busy: true,
      multiline: true,
    });
    expect(out).toMatch(/<textarea id="new-job-notes" name="notes" readOnly=""/);
    expect(out).not.toContain('disabled');
    expect(out).not.toContain('aria-invalid');
  });
});
