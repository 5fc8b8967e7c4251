/**
 * How the booking page's documents reach the inbox: straight to the data bucket with the
 * presigned POST policy of `api/book-upload.json`, under an id kept until the send is
 * confirmed, so a retry on a weak signal is the same submission (the console makes one job of
 * it however often it arrives).
 */
export interface Upload {
  url: string;
  fields: Record<string, string>;
  key_prefix: string;
  expires_at: string;
}

const SEND_TIMEOUT_MS = 20_000;

export function uploadOf(doc: Record<string, unknown> | null): Upload | null {
  const u = doc?.upload as Record<string, unknown> | undefined;
  if (!u || typeof u.url !== 'string' || typeof u.key_prefix !== 'string') return null;
  if (typeof u.expires_at !== 'string' || typeof u.fields !== 'object' || !u.fields) return null;
  const fields = u.fields as Record<string, unknown>;
  if (Object.values(fields).some((v) => typeof v !== 'string')) return null;
  return u as unknown as Upload;
}

/** A fresh id per submission, kept until it is confirmed sent: a retry reuses it. */
export function submissionId(slot: string): string {
  const key = 'qdn-sub-' + slot;
  let id = sessionStorage.getItem(key);
  if (!id) {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    id = btoa(String.fromCharCode(...bytes))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '');
    sessionStorage.setItem(key, id);
  }
  return id;
}

export type Sent = 'ok' | 'expired' | 'failed';

export async function send(upload: Upload, id: string, body: object): Promise<Sent> {
  if (Date.parse(upload.expires_at) <= Date.now()) return 'expired';
  const form = new FormData();
  for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
  form.append('key', upload.key_prefix + id + '.json');
  form.append('file', new Blob([JSON.stringify(body)], { type: 'application/json' }), id + '.json');
  // Weak signal: two quiet retries before the customer is asked to try again.
  for (let attempt = 0; attempt < 3; attempt++) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), SEND_TIMEOUT_MS);
    try {
      const res = await fetch(upload.url, {
        method: 'POST',
        body: form,
        signal: controller.signal,
      });
      if (res.ok) return 'ok';
      if (res.status === 403 && /expired/i.test(await res.text())) return 'expired';
      if (res.status < 500) return 'failed';
    } catch {
      // a dropped connection: try again
    } finally {
      clearTimeout(timer);
    }
    await new Promise((r) => setTimeout(r, 1_500 * (attempt + 1)));
  }
  return 'failed';
}
