/**
 * The next page from a distribution `Link` header: `</v2/_catalog?last=b&n=2>; rel="next"` (RFC 8288),
 * resolved against the URL of the page that carried it. Undefined when there is no next page.
 */
export function nextPageUrl(linkHeader: string | undefined, currentUrl: string): string | undefined {
  if (!linkHeader) return undefined;
  for (const part of linkHeader.split(/,(?=\s*<)/)) {
    const m = /^\s*<([^>]*)>\s*(.*)$/s.exec(part);
    if (!m) continue;
    const rel = /(?:^|;)\s*rel\s*=\s*"?([^";]+)"?/i.exec(m[2] ?? '');
    if (rel && rel[1]!.split(/\s+/).includes('next')) return new URL(m[1]!, currentUrl).toString();
  }
  return undefined;
}
