// Renders the light markdown of articles (headings, lists, bold, paragraphs, simple tables) as
// React elements: no HTML from the article is ever interpreted.
import type { CSSProperties, ReactNode } from 'react';

const CELL: CSSProperties = { border: '1px solid #e5e5e5', padding: '4px 8px', textAlign: 'left' };

function inline(text: string): ReactNode[] {
  return text.split(/(\*\*[^*]+\*\*)/g).map((part, i) => (part.startsWith('**') && part.endsWith('**') && part.length > 4 ? <strong key={i}>{part.slice(2, -2)}</strong> : part));
}

type Block = { kind: 'h' | 'p' | 'ul' | 'ol' | 'table'; lines: string[] };

function blocks(text: string): Block[] {
  const out: Block[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trimEnd();
    const kind: Block['kind'] | null = !line.trim()
      ? null
      : /^#{1,6}\s/.test(line)
        ? 'h'
        : /^\s*[-*+]\s/.test(line)
          ? 'ul'
          : /^\s*\d+[.、]\s?/.test(line)
            ? 'ol'
            : /^\|.*\|$/.test(line.trim())
              ? 'table'
              : 'p';
    if (!kind) {
      out.push({ kind: 'p', lines: [] });
      continue;
    }
    const last = out[out.length - 1];
    if (last && last.kind === kind && kind !== 'h' && last.lines.length) last.lines.push(line);
    else out.push({ kind, lines: [line] });
  }
  return out.filter((b) => b.lines.length);
}

export function Markdown({ text }: { text: string }) {
  return (
    <div style={{ lineHeight: 1.8 }}>
      {blocks(text).map((b, i) => {
        if (b.kind === 'h') return <h4 key={i}>{inline(b.lines[0]!.replace(/^#+\s*/, ''))}</h4>;
        if (b.kind === 'ul') return <ul key={i}>{b.lines.map((l, j) => <li key={j}>{inline(l.replace(/^\s*[-*+]\s/, ''))}</li>)}</ul>;
        if (b.kind === 'ol') return <ol key={i}>{b.lines.map((l, j) => <li key={j}>{inline(l.replace(/^\s*\d+[.、]\s?/, ''))}</li>)}</ol>;
        if (b.kind === 'table') {
          const rows = b.lines.filter((l) => !/^\|[\s|:-]+\|$/.test(l.trim())).map((l) => l.trim().slice(1, -1).split('|').map((c) => c.trim()));
          return (
            <table key={i} style={{ borderCollapse: 'collapse', margin: '8px 0' }}>
              <tbody>
                {rows.map((r, j) => (
                  <tr key={j}>{r.map((c, k) => (j === 0 ? <th key={k} style={CELL}>{inline(c)}</th> : <td key={k} style={CELL}>{inline(c)}</td>))}</tr>
                ))}
              </tbody>
            </table>
          );
        }
        return <p key={i}>{b.lines.map((l, j) => <span key={j}>{j > 0 && <br />}{inline(l)}</span>)}</p>;
      })}
    </div>
  );
}
