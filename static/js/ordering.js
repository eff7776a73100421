// Fractional ordering keys, the same algorithm as govlab/domain/ordering.py.
const DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz";

function midpoint(low, high) {
  if (high !== null) {
    let common = 0;
    while (common < high.length && (low[common] ?? "0") === high[common]) common += 1;
    if (common > 0) return high.slice(0, common) + midpoint(low.slice(common), high.slice(common));
  }
  const digitLow = low ? DIGITS.indexOf(low[0]) : 0;
  const digitHigh = high !== null ? DIGITS.indexOf(high[0]) : DIGITS.length;
  if (digitHigh - digitLow > 1) return DIGITS[Math.floor((digitLow + digitHigh + 1) / 2)];
  if (high !== null && high.length > 1) return high.slice(0, 1);
  return DIGITS[digitLow] + midpoint(low.slice(1), null);
}

/** A key sorting after `before` and before `after` (null = open end). */
export function keyBetween(before, after) {
  if (before !== null && after !== null && before >= after) return null;
  return midpoint(before ?? "", after);
}

/** Board order: position, then id. */
export function compareCards(a, b) {
  if (a.position !== b.position) return a.position < b.position ? -1 : 1;
  return a.id - b.id;
}
