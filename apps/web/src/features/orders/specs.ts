/** Spec values as edited (ordered key/value pairs) and as sent (a record). */

export interface SpecPair {
  key: string;
  value: string;
}

export function recordToPairs(specs: Record<string, string> | null | undefined): SpecPair[] {
  return Object.entries(specs ?? {}).map(([key, value]) => ({ key, value }));
}

/** Pairs with an empty key are dropped; a repeated key keeps its last value. */
export function pairsToRecord(pairs: readonly SpecPair[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of pairs ?? []) {
    const key = p.key.trim();
    if (key) out[key] = p.value.trim();
  }
  return out;
}
