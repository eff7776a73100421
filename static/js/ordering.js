// Fractional ordering keys: the same fractional-indexing format and library as govlab/domain/ordering.py
// (PyPI fractional-indexing there, npm fractional-indexing vendored here), so an optimistic guess made
// here is the key the server makes when it needs no re-keying.
import { generateKeyBetween } from "../vendor/fractional-indexing.js";

/** A key sorting after `before` and before `after` (null = open end); null when there is none. */
export function keyBetween(before, after) {
  // The library would swap out-of-order bounds; a guess between them would be wrong, so refuse.
  if (before !== null && after !== null && before >= after) return null;
  try {
    return generateKeyBetween(before, after);
  } catch {
    return null; // a malformed key (e.g. from a board loaded before an upgrade): no guess
  }
}

/** Board order: position, then id (plain string order is byte order for this ASCII alphabet). */
export function compareCards(a, b) {
  if (a.position !== b.position) return a.position < b.position ? -1 : 1;
  return a.id - b.id;
}
