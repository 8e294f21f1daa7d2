// Text normalisation and featurisation for the work-order classifier.
//
// A message becomes a bag of hashed features: character n-grams over "units" (one Han character,
// one run of letters, or one digit token) that never cross punctuation, plus words and word
// bigrams from ICU's Chinese word segmenter. Feature strings are hashed to 30 bits so the model
// never has to store them; the strings are kept only when an explanation is asked for.

export interface FeatureConfig {
  /** Smallest and largest character n-gram (in units). */
  charNgramMin: number;
  charNgramMax: number;
  /** Add ICU word-segmenter words (length >= 2). */
  words: boolean;
  /** Add bigrams of consecutive words. */
  wordBigrams: boolean;
  /**
   * Word features only for texts of at most this many characters (titles, short messages):
   * segmentation costs about 1.5 us per character, and on long texts character n-grams already
   * carry the words. Undefined = no limit.
   */
  wordsMaxChars?: number;
  /** Characters of normalised text that are featurised; the rest of a long message is ignored. */
  maxChars: number;
}

export const DEFAULT_FEATURE_CONFIG: FeatureConfig = {
  charNgramMin: 1,
  charNgramMax: 3,
  words: true,
  wordBigrams: false,
  maxChars: 3000,
  wordsMaxChars: 200,
};

/** Raw input beyond this many UTF-16 code units is dropped before any regex work. */
const MAX_RAW_CHARS = 20_000;

const HTML_TAG = /<\/?[a-z!][^<>]{0,300}>/gi;
const HTML_ENTITY = /&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,10});/gi;
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff0-\uffff]/g;
const URL = /(?:https?:\/\/|www\.)[^\s\u3000-\u303f\uff00-\uffef\u4e00-\u9fff]*/gi;
const EMAIL = /[a-z0-9._%+-]{1,64}@[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){0,8}\.[a-z]{2,24}/gi;
// Anonymised place names such as "A市", "K1区", "L5县", "M5市" lose their letter code (the
// administrative level 市/区/县 is kept: in cross-validation that was slightly better than
// dropping it), and the fictional province "西地省" becomes "省".
const PLACEHOLDER = /(?<![a-z])[a-z]\d{0,3}(?=[市区县])/g;
const PROVINCE = /西地省/g;
const DIGITS = /\d+(?:[.,]\d+)*/g;

/**
 * Normalises a message: NFKC (full-width to half-width), lower case, strip HTML tags and
 * entities, control and zero-width characters, URLs, e-mail addresses and the codes of
 * anonymised place names; digit runs become the single token "0"; whitespace is collapsed; the
 * result is cut to `maxChars`. Never throws.
 */
export function normalizeText(raw: unknown, maxChars: number = DEFAULT_FEATURE_CONFIG.maxChars): string {
  if (typeof raw !== 'string' || raw.length === 0) return '';
  let s = raw.length > MAX_RAW_CHARS ? raw.slice(0, MAX_RAW_CHARS) : raw;
  // Lone surrogates would survive as garbage units; replace them first.
  s = s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, ' ');
  s = s.normalize('NFKC').toLowerCase();
  s = s.replace(HTML_TAG, ' ').replace(HTML_ENTITY, ' ').replace(CONTROL, ' ');
  s = s.replace(URL, ' ').replace(EMAIL, ' ');
  s = s.replace(PLACEHOLDER, '').replace(PROVINCE, '省');
  s = s.replace(DIGITS, '0');
  s = s.replace(/\s+/g, ' ').trim();
  if (s.length > maxChars) s = s.slice(0, maxChars);
  return s;
}

// A unit is one Han character, a run of other letters (Latin, Cyrillic, kana...), or a digit token.
// Everything else (punctuation, symbols, emoji, spaces) ends the current segment.
const UNIT = /(\p{Script=Han})|((?:(?!\p{Script=Han})[\p{L}\p{M}])+)|(0)|([^\p{L}\p{M}0]+)/gu;

/** Splits normalised text into segments of units; n-grams never cross a segment boundary. */
export function unitSegments(normalized: string): string[][] {
  const segments: string[][] = [];
  let current: string[] = [];
  for (const m of normalized.matchAll(UNIT)) {
    if (m[4] !== undefined) {
      if (current.length > 0) segments.push(current);
      current = [];
    } else {
      const unit = m[0];
      // Very long letter runs (base64, garbage) are cut so they cannot blow up feature strings.
      current.push(unit.length > 24 ? unit.slice(0, 24) : unit);
    }
  }
  if (current.length > 0) segments.push(current);
  return segments;
}

let segmenter: Intl.Segmenter | undefined;
function wordSegmenter(): Intl.Segmenter {
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  return segmenter;
}

/** Feature strings of a normalised text, with repetitions (each occurrence once). */
export function featureStrings(normalized: string, cfg: FeatureConfig = DEFAULT_FEATURE_CONFIG): string[] {
  const out: string[] = [];
  if (normalized.length === 0) return out;
  for (const seg of unitSegments(normalized)) {
    const len = seg.length;
    for (let i = 0; i < len; i++) {
      let gram = '';
      for (let n = 1; n <= cfg.charNgramMax && i + n <= len; n++) {
        const unit = seg[i + n - 1] as string;
        // Units are maximal runs, so plain concatenation is unambiguous.
        gram += unit;
        if (n >= cfg.charNgramMin) out.push(gram);
      }
    }
  }
  if ((cfg.words || cfg.wordBigrams) && (cfg.wordsMaxChars === undefined || normalized.length <= cfg.wordsMaxChars)) {
    let prev = '';
    for (const w of segmentWords(normalized, true)) {
      if (w === '') {
        prev = '';
        continue;
      }
      if (cfg.words && w.length >= 2 && w.length <= 24) out.push('w:' + w);
      if (cfg.wordBigrams && prev !== '') out.push('b:' + prev + '|' + w);
      prev = w.length <= 24 ? w : w.slice(0, 24);
    }
  }
  return out;
}

// The ensemble segments the same normalised text for two of its members; ICU segmentation is the
// most expensive step, so the last result is kept.
let lastText = '';
let lastWords: string[] = [];

/**
 * ICU word-segmenter words of a normalised text, in order. With `breaks`, an empty string marks
 * each run of non-word characters (punctuation, spaces) between words.
 */
export function segmentWords(normalized: string, breaks = false): string[] {
  if (normalized !== lastText || lastText === '') {
    const all: string[] = [];
    for (const part of wordSegmenter().segment(normalized)) {
      if (part.isWordLike) all.push(part.segment);
      else if (all.length > 0 && all[all.length - 1] !== '') all.push('');
    }
    lastText = normalized;
    lastWords = all;
  }
  return breaks ? lastWords : lastWords.filter((w) => w !== '');
}

/**
 * FNV-1a hash of a string's UTF-16 code units with a murmur3 finaliser, reduced to 30 bits so
 * that hashes are small integers for V8 (fast Map keys). About 2^30 buckets: collisions among
 * the few million distinct n-grams of a training set are negligible.
 */
export function hashFeature(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // Final avalanche (murmur3 fmix32) so that similar strings spread over the whole range.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h & 0x3fffffff;
}

export interface FeatureCounts {
  /** Distinct feature hashes. */
  hashes: number[];
  /** Occurrence count of each hash. */
  counts: number[];
  /** The feature string of each hash (only when names were requested). */
  names?: string[];
}

/** Normalises and featurises a raw message into distinct hashed features with counts. */
export function countFeatures(raw: unknown, cfg: FeatureConfig = DEFAULT_FEATURE_CONFIG, withNames = false): FeatureCounts {
  const strings = featureStrings(normalizeText(raw, cfg.maxChars), cfg);
  const index = new Map<number, number>();
  const hashes: number[] = [];
  const counts: number[] = [];
  const names: string[] = [];
  for (const s of strings) {
    const h = hashFeature(s);
    const at = index.get(h);
    if (at === undefined) {
      index.set(h, hashes.length);
      hashes.push(h);
      counts.push(1);
      if (withNames) names.push(s);
    } else {
      counts[at] = (counts[at] as number) + 1;
    }
  }
  return withNames ? { hashes, counts, names } : { hashes, counts };
}
