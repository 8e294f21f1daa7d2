// Two channels' speech segments as one conversation: segments in time order, consecutive segments
// of the same speaker joined into one turn, so "您好" "请问有什么可以帮您" from the agent reads as
// one turn and the emotion and quality rules see who said what in which order.

import type { SpeechSegment } from './stt.ts';

export interface TimedTurn {
  speaker: 'citizen' | 'agent';
  text: string;
  /** Seconds from the start of the recording. */
  start: number;
  end: number;
}

export function mergeTurns(citizen: readonly SpeechSegment[], agent: readonly SpeechSegment[]): TimedTurn[] {
  const all = [...citizen.map((s) => ({ ...s, speaker: 'citizen' as const })), ...agent.map((s) => ({ ...s, speaker: 'agent' as const }))].sort(
    // Same start: the agent first (the agent usually opens and answers what was just said).
    (a, b) => a.start - b.start || a.end - b.end || (a.speaker === b.speaker ? 0 : a.speaker === 'agent' ? -1 : 1),
  );
  const turns: TimedTurn[] = [];
  for (const s of all) {
    const last = turns[turns.length - 1];
    if (last && last.speaker === s.speaker) {
      last.text = joinText(last.text, s.text);
      last.end = Math.max(last.end, s.end);
    } else {
      turns.push({ speaker: s.speaker, text: s.text, start: s.start, end: s.end });
    }
  }
  return turns;
}

/** Chinese runs on without a space; Latin words keep one between them. */
function joinText(a: string, b: string): string {
  return /[A-Za-z0-9]$/.test(a) && /^[A-Za-z0-9]/.test(b) ? `${a} ${b}` : `${a}${b}`;
}
