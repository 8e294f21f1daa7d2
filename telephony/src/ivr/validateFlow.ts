// Validation of a flow document: the zod schema first, then what a schema cannot say — that every
// target exists, that no menu uses a key twice, that the times make sense — and, as warnings,
// nodes nobody can reach and template variables nobody sets. Messages name the exact place:
// "nodes.selfService.onDigit.7: no node "queryy"".

import type { z } from 'zod';
import { VERB_NAMES, flowSchema, targetsOf, type Flow, type Prompts } from './flowSchema.ts';
import { duplicateKeys } from './jsonKeys.ts';
import { BUILTIN_VARS, placeholders } from './template.ts';

export type FlowValidation = { ok: true; flow: Flow; warnings: string[] } | { ok: false; errors: string[] };

/** Accepts the document as JSON text (preferred: duplicate keys are detectable) or as a value. */
export function validateFlow(input: unknown): FlowValidation {
  let json = input;
  const errors: string[] = [];
  if (typeof input === 'string') {
    try {
      json = JSON.parse(input);
    } catch (e) {
      return { ok: false, errors: [`not valid JSON: ${(e as Error).message}`] };
    }
    for (const { path, key } of duplicateKeys(input)) {
      const what = /(^|\.)(onDigit|options)$/.test(path) ? `digit "${key}" is used twice` : `key "${key}" appears twice`;
      errors.push(`${path || '(flow)'}: ${what}`);
    }
  }
  const parsed = flowSchema.safeParse(json);
  if (!parsed.success) return { ok: false, errors: [...errors, ...parsed.error.issues.map((i) => formatIssue(i, json))] };
  const flow = parsed.data;
  errors.push(...semanticErrors(flow));
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, flow, warnings: warningsFor(flow) };
}

function formatIssue(issue: z.core.$ZodIssue, root: unknown): string {
  const path = issue.path.map(String).join('.') || '(flow)';
  if (issue.code === 'invalid_union' && 'discriminator' in issue && issue.discriminator === 'verb') {
    const value = issue.path.reduce<unknown>((v, k) => (v as Record<PropertyKey, unknown> | undefined)?.[k], root);
    const expected = `expected one of: ${VERB_NAMES.join(', ')}`;
    return value === undefined ? `${path}: missing (${expected})` : `${path}: unknown verb ${JSON.stringify(value)} (${expected})`;
  }
  if (issue.code === 'unrecognized_keys') return `${path}: unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  if (issue.code === 'invalid_key') return `${path}: bad key: ${issue.issues.map((i) => i.message).join('; ')}`;
  return `${path}: ${issue.message.replace(/^Invalid input: /, '')}`;
}

function semanticErrors(flow: Flow): string[] {
  const errors: string[] = [];
  const exists = (id: string): boolean => Object.hasOwn(flow.nodes, id);
  if (!exists(flow.start)) errors.push(`start: no node "${flow.start}"`);
  if (flow.onError !== undefined && !exists(flow.onError)) errors.push(`onError: no node "${flow.onError}"`);
  for (const [id, node] of Object.entries(flow.nodes)) {
    const at = `nodes.${id}`;
    for (const [field, target] of targetsOf(node)) if (!exists(target)) errors.push(`${at}.${field}: no node "${target}"`);
    switch (node.verb) {
      case 'menu':
        if (Object.keys(node.onDigit).length === 0) errors.push(`${at}.onDigit: a menu needs at least one option`);
        if (node.repeatDigit !== undefined && Object.hasOwn(node.onDigit, node.repeatDigit)) {
          errors.push(`${at}.repeatDigit: digit "${node.repeatDigit}" is used twice (it is also an option in onDigit)`);
        }
        break;
      case 'collect':
        if (node.min > node.max) errors.push(`${at}: min (${node.min}) is greater than max (${node.max})`);
        break;
      case 'survey':
        if (Object.keys(node.options).length === 0) errors.push(`${at}.options: a survey needs at least one option`);
        break;
      case 'schedule':
        try {
          new Intl.DateTimeFormat('en', { timeZone: node.timezone });
        } catch {
          errors.push(`${at}.timezone: unknown time zone "${node.timezone}"`);
        }
        for (const day of ['workdays', 'restdays', 'holidays'] as const) {
          node[day].forEach((r, n) => {
            if (r.from >= r.to) errors.push(`${at}.${day}.${n}: "from" (${r.from}) must be before "to" (${r.to})`);
          });
        }
        break;
      case 'record':
      case 'voicemail':
        if (node.minMs >= node.maxMs) errors.push(`${at}: minMs (${node.minMs}) must be below maxMs (${node.maxMs})`);
        break;
      default:
        break;
    }
  }
  return errors;
}

function warningsFor(flow: Flow): string[] {
  const warnings: string[] = [];
  const reachable = new Set<string>();
  const queue = [flow.start, ...(flow.onError === undefined ? [] : [flow.onError])];
  while (queue.length > 0) {
    const id = queue.pop()!;
    if (reachable.has(id)) continue;
    reachable.add(id);
    for (const [, t] of targetsOf(flow.nodes[id]!)) queue.push(t);
  }
  for (const id of Object.keys(flow.nodes)) if (!reachable.has(id)) warnings.push(`nodes.${id}: unreachable from start "${flow.start}"`);

  const known = new Set<string>(BUILTIN_VARS);
  for (const node of Object.values(flow.nodes)) if (node.verb === 'collect') known.add(node.into);
  for (const [id, node] of Object.entries(flow.nodes)) {
    for (const [field, value] of Object.entries(node)) {
      for (const name of placeholders(value as Prompts)) {
        if (!known.has(name)) warnings.push(`nodes.${id}.${field}: "{${name}}" is not a variable this flow sets`);
      }
    }
  }
  return warnings;
}
