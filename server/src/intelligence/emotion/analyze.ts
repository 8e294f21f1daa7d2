// Emotion and risk of an appeal (or of the citizen's side of a call transcript): anger, despair,
// self-harm, threats to others, and threats to escalate (media, petitions), with negation and
// intensity. A high risk is flagged for the supervisor.

import { Lexicon, scoreByTag, type LexiconHit } from './lexicon.ts';
import { EMOTION_LEXICON, type EmotionTag } from './lexicons.ts';

export type Risk = 'none' | 'low' | 'medium' | 'high';
export type RiskReason = 'selfHarm' | 'possibleSelfHarm' | 'threatToOthers' | 'massPetition' | 'angryEscalation' | 'strongAnger' | 'despair' | 'escalation';

export interface EmotionSignal {
  tag: EmotionTag;
  term: string;
  start: number;
  end: number;
  negated: boolean;
  hypothetical: boolean;
  intensity: number;
}

export interface EmotionResult {
  scores: Record<'anger' | 'despair' | 'selfHarm' | 'threat' | 'escalation', number>;
  /** The strongest of anger, despair and threat; 'calm' when nothing counts. */
  dominant: 'anger' | 'despair' | 'threat' | 'calm';
  /** 0..1, grows with the total weight of what counts. */
  intensity: number;
  risk: Risk;
  reasons: RiskReason[];
  signals: EmotionSignal[];
}

const lexicon = new Lexicon(EMOTION_LEXICON);
const round = (n: number) => Math.round(n * 100) / 100;

export function analyzeEmotion(text: string): EmotionResult {
  const hits = lexicon.match(text.length > 10_000 ? text.slice(0, 10_000) : text);
  const s = scoreByTag(hits);
  const anger = s.anger ?? 0;
  const despair = s.despair ?? 0;
  const selfHarm = s.selfHarm ?? 0;
  const threat = s.threat ?? 0;
  const petition = s.petition ?? 0;
  const escalation = petition + (s.media ?? 0);
  const reasons: RiskReason[] = [];
  if (selfHarm >= 3) reasons.push('selfHarm');
  if (threat >= 3) reasons.push('threatToOthers');
  if (maxWeight(hits, 'petition') >= 3) reasons.push('massPetition');
  if (anger >= 4 && escalation >= 2) reasons.push('angryEscalation');
  const high = reasons.length > 0;
  if (!high && hits.some((h) => h.tag === 'selfHarm' && h.hypothetical && !h.negated)) reasons.push('possibleSelfHarm');
  if (anger >= 4) reasons.push('strongAnger');
  if (despair >= 2) reasons.push('despair');
  if (escalation >= 2) reasons.push('escalation');
  const total = anger + despair + selfHarm + threat + escalation;
  const risk: Risk = high ? 'high' : reasons.length ? 'medium' : total > 0 ? 'low' : 'none';
  const moods = { anger, despair: despair + selfHarm, threat } as const;
  const top = (Object.entries(moods) as [EmotionResult['dominant'], number][]).sort((a, b) => b[1] - a[1])[0]!;
  return {
    scores: { anger: round(anger), despair: round(despair), selfHarm: round(selfHarm), threat: round(threat), escalation: round(escalation) },
    dominant: top[1] > 0 ? top[0] : 'calm',
    intensity: round(1 - Math.exp(-total / 5)),
    risk,
    reasons: [...new Set(reasons)],
    signals: hits.map(({ tag, term, start, end, negated, hypothetical, intensity }) => ({ tag, term, start, end, negated, hypothetical, intensity: round(intensity) })),
  };
}

function maxWeight(hits: LexiconHit<EmotionTag>[], tag: EmotionTag): number {
  return Math.max(0, ...hits.filter((h) => h.tag === tag && !h.negated && !h.hypothetical).map((h) => h.weight));
}

export interface TranscriptTurn {
  speaker: 'citizen' | 'agent';
  text: string;
}

const RISK_ORDER: Risk[] = ['none', 'low', 'medium', 'high'];

/**
 * The citizen's side of a conversation (chat, or a call once a transcriber has turned it into
 * turns): the whole, each turn, and whether anger rose towards the end of the conversation.
 */
export function analyzeTranscript(turns: readonly TranscriptTurn[]) {
  const citizen = turns.map((t, index) => ({ ...t, index })).filter((t) => t.speaker === 'citizen');
  const perTurn = citizen.map((t) => {
    const r = analyzeEmotion(t.text);
    return { index: t.index, risk: r.risk, anger: r.scores.anger };
  });
  const overall = analyzeEmotion(citizen.map((t) => t.text).join('\n'));
  const third = Math.max(1, Math.floor(perTurn.length / 3));
  const mean = (xs: { anger: number }[]) => xs.reduce((a, x) => a + x.anger, 0) / Math.max(1, xs.length);
  const rising = perTurn.length >= 3 && mean(perTurn.slice(-third)) > mean(perTurn.slice(0, third)) + 1;
  const peak = perTurn.reduce((best, t) => (RISK_ORDER.indexOf(t.risk) > RISK_ORDER.indexOf(best.risk) ? t : best), perTurn[0] ?? { index: -1, risk: 'none' as Risk, anger: 0 });
  return { overall, turns: perTurn, rising, peakTurn: peak.index };
}
