import { describe, expect, it } from 'vitest';
import { List, render, splitFormat, w3 } from './format.ts';

describe('Open311 rendering', () => {
  it('renders a list container as an array in JSON and as repeated elements in XML, even when empty or single', () => {
    const doc = { name: 'a&b <c>', n: 1.5, yes: true, none: null, skipped: undefined, items: new List('item', [{ k: 'x' }]), empty: new List('value', []) };
    expect(JSON.parse(render('json', 'root', doc))).toEqual({ name: 'a&b <c>', n: 1.5, yes: true, none: null, items: [{ k: 'x' }], empty: [] });
    const xml = render('xml', 'root', doc);
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<root>')).toBe(true);
    expect(xml).toContain('<name>a&amp;b &lt;c&gt;</name>');
    expect(xml).toContain('<none/>');
    expect(xml).not.toContain('skipped');
    expect(xml).toMatch(/<items>\s*<item>\s*<k>x<\/k>\s*<\/item>\s*<\/items>/);
    expect(xml).toContain('<empty></empty>');
  });

  it('writes times in the city’s zone and splits resource names from formats', () => {
    expect(w3(new Date('2026-11-23T01:00:00.000Z'))).toBe('2026-11-23T09:00:00+08:00');
    expect(w3(new Date('2026-12-31T16:30:05.123Z'))).toBe('2027-01-01T00:30:05+08:00');
    expect(splitFormat('services.json')).toEqual({ name: 'services', format: 'json' });
    expect(splitFormat('2026112300001.xml')).toEqual({ name: '2026112300001', format: 'xml' });
    expect(splitFormat('x.csv')).toBeNull();
    expect(splitFormat('.xml')).toBeNull();
  });
});
