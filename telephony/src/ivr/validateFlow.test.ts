import { describe, expect, it } from 'vitest';
import { builtinFlowText } from './builtinFlows.ts';
import { validateFlow } from './validateFlow.ts';
import { createVerb } from './verbs/index.ts';

/** A small valid flow to break in one place per test. */
function base(): Record<string, any> {
  return {
    id: 'test',
    name: 'test flow',
    version: 1,
    start: 'answer',
    nodes: {
      answer: { verb: 'answer', next: 'menu' },
      menu: { verb: 'menu', prompt: { tts: '按1或2' }, onDigit: { '1': 'bye', '2': 'bye' }, onFailure: 'bye' },
      bye: { verb: 'hangup' },
    },
  };
}

function errorsOf(doc: unknown): string[] {
  const r = validateFlow(doc);
  if (r.ok) throw new Error('expected the document to be rejected');
  return r.errors;
}

describe('validateFlow', () => {
  it('accepts both built-in flows without warnings and applies defaults', () => {
    for (const id of ['default', 'direct'] as const) {
      const r = validateFlow(builtinFlowText(id));
      expect(r.ok && r.warnings, id).toEqual([]);
    }
    const r = validateFlow(base());
    expect(r.ok && r.flow.nodes.menu).toMatchObject({ timeoutMs: 5000, retries: 2 });
    expect(r.ok && r.flow.maxSteps).toBe(200);
  });

  it('names a target that does not exist, with the field it is in', () => {
    const doc = base();
    doc.nodes.menu.onDigit['2'] = 'nowhere';
    doc.nodes.answer.next = 'missing';
    expect(errorsOf(doc)).toEqual(['nodes.answer.next: no node "missing"', 'nodes.menu.onDigit.2: no node "nowhere"']);
  });

  it('rejects a start node that does not exist', () => {
    expect(errorsOf({ ...base(), start: 'begin' })).toEqual(['start: no node "begin"']);
  });

  it('rejects a digit used twice in a menu (duplicate JSON key, or option and repeat key)', () => {
    const text = JSON.stringify(base()).replace('"1":"bye","2":"bye"', '"1":"bye","1":"answer","2":"bye"');
    expect(errorsOf(text)).toEqual(['nodes.menu.onDigit: digit "1" is used twice']);
    const doc = base();
    doc.nodes.menu.repeatDigit = '2';
    expect(errorsOf(doc)).toEqual(['nodes.menu.repeatDigit: digit "2" is used twice (it is also an option in onDigit)']);
  });

  it('rejects an unknown verb and lists the verbs it knows', () => {
    const doc = base();
    doc.nodes.bye = { verb: 'dance' };
    expect(errorsOf(doc)).toEqual([
      'nodes.bye.verb: unknown verb "dance" (expected one of: answer, play, menu, collect, record, voicemail, lookup, speak, survey, schedule, enqueue, transfer, hangup)',
    ]);
    doc.nodes.bye = {};
    expect(errorsOf(doc)[0]).toMatch(/^nodes\.bye\.verb: missing \(expected one of: answer, /);
  });

  it('reports wrong types, out-of-range values, bad keys and unknown fields by path', () => {
    const doc = base();
    doc.version = '1';
    doc.nodes.menu.timeoutMs = 10;
    doc.nodes.menu.onDigit.x = 'bye';
    doc.nodes.answer.colour = 'red';
    doc.nodes.menu.prompt = { text: 'hi' };
    expect(errorsOf(doc)).toEqual([
      'version: expected number, received string',
      'nodes.answer: unknown field "colour"',
      'nodes.menu.prompt: a prompt ({"tts"} or {"file"}) or a list of prompts',
      'nodes.menu.onDigit.x: bad key: a DTMF key: 0-9, * or #',
      'nodes.menu.timeoutMs: Too small: expected number to be >=1000',
    ]);
  });

  it('checks what the schema cannot: min/max, time ranges, time zone, record lengths', () => {
    const doc = base();
    doc.nodes.menu.onDigit['1'] = 'num';
    doc.nodes.menu.onDigit['2'] = 'hours';
    doc.nodes.num = { verb: 'collect', prompt: { tts: '请输入' }, into: 'n', min: 8, max: 4, onSuccess: 'bye', onFailure: 'bye' };
    doc.nodes.hours = { verb: 'schedule', timezone: 'Mars/Olympus', workdays: [{ from: '18:00', to: '08:30' }], onOpen: 'vm', onClosed: 'bye' };
    doc.nodes.vm = { verb: 'voicemail', prompt: { tts: '请留言' }, maxMs: 10000, minMs: 20000, onSuccess: 'bye', onFailure: 'bye' };
    expect(errorsOf(doc)).toEqual([
      'nodes.num: min (8) is greater than max (4)',
      'nodes.hours.timezone: unknown time zone "Mars/Olympus"',
      'nodes.hours.workdays.0: "from" (18:00) must be before "to" (08:30)',
      'nodes.vm: minMs (20000) must be below maxMs (10000)',
    ]);
  });

  it('warns about unreachable nodes and template variables nothing sets', () => {
    const doc = base();
    doc.nodes.orphan = { verb: 'play', prompt: { tts: '您的编号是{ticket}' }, next: 'bye' };
    const r = validateFlow(doc);
    expect(r.ok && r.warnings).toEqual(['nodes.orphan: unreachable from start "answer"', 'nodes.orphan.prompt: "{ticket}" is not a variable this flow sets']);
  });

  it('reports text that is not JSON', () => {
    expect(errorsOf('{"id": ')[0]).toMatch(/^not valid JSON: /);
  });
});

describe('createVerb', () => {
  it('validates the node before building the verb', () => {
    expect(createVerb('a', { verb: 'answer', next: 'b' }).node).toEqual({ verb: 'answer', next: 'b' });
    expect(() => createVerb('m', { verb: 'menu', prompt: { tts: 'x' } })).toThrow(TypeError);
    expect(() => createVerb('m', { verb: 'menu', prompt: { tts: 'x' } })).toThrow(/node "m" is not a valid verb: onDigit: /);
  });
});
