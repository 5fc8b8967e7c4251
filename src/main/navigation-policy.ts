/** Links the console may hand to the system browser (never navigate to inside the app). */
export function isAllowedExternalUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return (
      url.protocol === 'https:' ||
      url.protocol === 'sms:' ||
      url.protocol === 'tel:' ||
      url.protocol === 'mailto:' ||
      isLoopbackHttp(url)
    );
  } catch {
    return false;
  }
}

/** The sandbox's public site lives on loopback http; opening a tracking link there is fine. */
function isLoopbackHttp(url: URL): boolean {
  return url.protocol === 'http:' && (url.hostname === '127.0.0.1' || url.hostname === 'localhost');
}
