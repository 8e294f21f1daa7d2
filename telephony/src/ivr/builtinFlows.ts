// The two flows shipped with the engine, as JSON documents beside this file: "default" (welcome,
// a person or self-service, per the seed documents) and "direct" (straight to a person, no menu,
// as GB/T 33358 allows). The server copies them into its database on first start; after that the
// database copy is the one that runs.

import { readFileSync } from 'node:fs';

export const BUILTIN_FLOW_IDS = ['default', 'direct'] as const;
export type BuiltinFlowId = (typeof BUILTIN_FLOW_IDS)[number];

/** The JSON text of a built-in flow (text, so duplicate keys stay detectable by validateFlow). */
export function builtinFlowText(id: BuiltinFlowId): string {
  return readFileSync(new URL(`./flows/${id}.json`, import.meta.url), 'utf8');
}
