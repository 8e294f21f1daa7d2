import { describe, expect, it } from 'vitest';
import { highlightParts } from './highlight.ts';

describe('highlightParts', () => {
  it('cuts marked ranges out of escaped text and unescapes both', () => {
    expect(highlightParts('办理<mark>居住证</mark>需要 &lt;材料&gt; &amp; <mark>照片</mark>')).toEqual([
      { text: '办理', mark: false },
      { text: '居住证', mark: true },
      { text: '需要 <材料> & ', mark: false },
      { text: '照片', mark: true },
    ]);
  });

  it('leaves unknown markup as text and handles empty input', () => {
    expect(highlightParts('<b>x</b>')).toEqual([{ text: '<b>x</b>', mark: false }]);
    expect(highlightParts('')).toEqual([]);
    expect(highlightParts(undefined)).toEqual([]);
  });
});
