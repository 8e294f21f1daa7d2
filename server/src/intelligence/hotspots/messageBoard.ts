// Reading a message-board export (one message per line: id, title, body, user, time, likes,
// dislikes, tab-separated with a header), the shape of the citizen-messages hotspot file.

import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_DATA_DIR } from '../classifier/dataset.ts';
import type { HotspotDoc } from './cluster.ts';

export const HOTSPOT_FILE = resolve(DEFAULT_DATA_DIR, 'hotspot-messages.tsv');

export interface BoardMessage extends HotspotDoc {
  user: string;
  dislikes: number;
}

/** "2019/2/28 11:25:05" (Asia/Shanghai) → epoch ms, or NaN. */
export function parseBoardTime(s: string): number {
  const m = /^(\d{4})[/-](\d{1,2})[/-](\d{1,2})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(s.trim());
  if (!m) return NaN;
  const p = (x: string | undefined, n = 2) => (x ?? '0').padStart(n, '0');
  return Date.parse(`${m[1]}-${p(m[2])}-${p(m[3])}T${p(m[4])}:${p(m[5])}:${p(m[6])}+08:00`);
}

export function parseMessageBoard(content: string): BoardMessage[] {
  const lines = content.replace(/^\ufeff/, '').split(/\r?\n/);
  const header = (lines[0] ?? '').split('\t').map((h) => h.trim().toLowerCase());
  const col = (name: string) => header.indexOf(name);
  const [id, title, body, user, time, likes, dislikes] = ['id', 'title', 'body', 'user', 'time', 'likes', 'dislikes'].map(col);
  if (title! < 0 || time! < 0) throw new Error('message board file needs title and time columns');
  const out: BoardMessage[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const c = line.split('\t');
    const at = parseBoardTime(c[time!] ?? '');
    if (!Number.isFinite(at)) continue;
    out.push({
      id: id! >= 0 ? (c[id!] ?? String(i)) : String(i),
      title: c[title!] ?? '',
      body: body! >= 0 ? (c[body!] ?? '') : '',
      user: user! >= 0 ? (c[user!] ?? '') : '',
      reporter: user! >= 0 && c[user!] ? c[user!] : undefined,
      at,
      likes: likes! >= 0 ? Number(c[likes!]) || 0 : 0,
      dislikes: dislikes! >= 0 ? Number(c[dislikes!]) || 0 : 0,
    });
  }
  return out.sort((a, b) => a.at - b.at);
}

export function hasHotspotFile(file = HOTSPOT_FILE): boolean {
  return existsSync(file);
}

export function loadMessageBoard(file = HOTSPOT_FILE): BoardMessage[] {
  return parseMessageBoard(readFileSync(file, 'utf8'));
}
