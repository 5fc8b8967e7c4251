/** One part of a multipart/form-data body. */
export interface FormPart {
  name: string;
  filename: string | null;
  contentType: string | null;
  data: Buffer;
}

/**
 * Parses a small multipart/form-data body (an S3 POST upload, a few KB) held in memory. Returns
 * null when the body is not well-formed multipart: the caller answers 400, as S3 does.
 */
export function parseMultipartForm(body: Buffer, contentType: string): FormPart[] | null {
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const boundary = match?.[1] ?? match?.[2];
  if (!/^multipart\/form-data/i.test(contentType) || !boundary) return null;
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: FormPart[] = [];
  let at = body.indexOf(delimiter);
  if (at < 0) return null;
  for (;;) {
    at += delimiter.length;
    if (body.subarray(at, at + 2).toString() === '--') return parts; // the closing delimiter
    if (body.subarray(at, at + 2).toString() !== '\r\n') return null;
    const headerEnd = body.indexOf('\r\n\r\n', at);
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), at);
    if (headerEnd < 0 || next < 0 || headerEnd > next) return null;
    const headers = body.subarray(at + 2, headerEnd).toString('utf8');
    const disposition = /^content-disposition:\s*form-data(.*)$/im.exec(headers)?.[1] ?? null;
    if (disposition === null) return null;
    const name = /;\s*name="([^"]*)"/i.exec(disposition)?.[1];
    if (name === undefined) return null;
    parts.push({
      name,
      filename: /;\s*filename="([^"]*)"/i.exec(disposition)?.[1] ?? null,
      contentType: /^content-type:\s*(.+)$/im.exec(headers)?.[1]?.trim() ?? null,
      data: body.subarray(headerEnd + 4, next),
    });
    at = next + 2;
  }
}
