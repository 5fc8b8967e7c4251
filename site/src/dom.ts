/**
 * The element helpers every public page shares: one copy in each page's bundle, where the
 * tracking page's byte budget (test/site/build-site.test.ts) counts every duplicate.
 */

/** `document` under a name the minifier can shorten: the pages name it a dozen times. */
export const page = document;

export const $ = (id: string): HTMLElement => page.getElementById(id) as HTMLElement;

/** An element with its text (always textContent: what the pages show is untrusted). */
export const el = (tag: string, text: string, className = ''): HTMLElement => {
  const node = page.createElement(tag);
  node.textContent = text;
  node.className = className;
  return node;
};
