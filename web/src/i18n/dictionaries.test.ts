import { describe, expect, it } from 'vitest';
import { zh } from './zh.ts';
import { en } from './en.ts';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('UI dictionaries', () => {
  it('English has exactly the keys of Chinese, none empty', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    for (const [k, v] of Object.entries(en)) expect({ k, empty: v.trim() === '' }).toEqual({ k, empty: false });
  });

  it('both languages use the same placeholders in each message', () => {
    for (const k of Object.keys(zh) as (keyof typeof zh)[]) {
      expect({ k, p: placeholders(en[k]) }).toEqual({ k, p: placeholders(zh[k]) });
    }
  });
});
