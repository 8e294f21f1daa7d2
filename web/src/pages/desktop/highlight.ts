// The knowledge search marks matches as `<mark>…</mark>` inside HTML-escaped text. Rather than
// inject that HTML, it is cut into plain and marked parts that React renders as text.

export interface Part {
  text: string;
  mark: boolean;
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

function unescape(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|#39);/g, (m) => ENTITIES[m] ?? m);
}

/** Any other markup is not ours and stays visible as text. */
export function highlightParts(html: string | null | undefined): Part[] {
  if (!html) return [];
  const parts: Part[] = [];
  const re = /<mark>([\s\S]*?)<\/mark>/g;
  let at = 0;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    if (m.index > at) parts.push({ text: unescape(html.slice(at, m.index)), mark: false });
    parts.push({ text: unescape(m[1] ?? ''), mark: true });
    at = m.index + m[0].length;
  }
  if (at < html.length) parts.push({ text: unescape(html.slice(at)), mark: false });
  return parts;
}
