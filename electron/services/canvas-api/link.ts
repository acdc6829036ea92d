/**
 * RFC 8288 Link header parsing for Canvas pagination. Canvas sends rel="current|next|prev|first|last"; the URLs
 * are opaque (numbers or bookmarks), so they are followed as given and never built by hand.
 */
export function parseLinks(header: string | null): Map<string, string> {
  const links = new Map<string, string>();
  if (!header) return links;
  // Split on commas that start a new <…> entry (URLs themselves may contain commas).
  for (const part of header.split(/,(?=\s*<)/)) {
    const m = /^\s*<([^>]*)>(.*)$/s.exec(part);
    if (!m) continue;
    const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,]+))/i.exec(m[2]!);
    const names = (rel?.[1] ?? rel?.[2] ?? '').toLowerCase().split(/\s+/).filter(Boolean);
    for (const name of names) if (!links.has(name)) links.set(name, m[1]!);
  }
  return links;
}

export function nextLink(header: string | null): string | null {
  return parseLinks(header).get('next') ?? null;
}
