/** RPM version comparison, following rpm's rpmvercmp rules (segments of digits or letters, `~` and `^`). */

export interface Evr {
  epoch: number;
  version: string;
  /** Empty when a requirement names no release: then only epoch and version count. */
  release: string;
}

export type Flag = "EQ" | "LT" | "GT" | "LE" | "GE";

const isDigit = (c: string) => c >= "0" && c <= "9";
const isAlpha = (c: string) => (c >= "a" && c <= "z") || (c >= "A" && c <= "Z");
const isAlnum = (c: string) => isDigit(c) || isAlpha(c);

/** Compares two version (or release) strings the way rpm does: -1, 0 or 1. */
export function rpmvercmp(a: string, b: string): number {
  if (a === b) return 0;
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while (i < a.length && !isAlnum(a[i]!) && a[i] !== "~" && a[i] !== "^") i++;
    while (j < b.length && !isAlnum(b[j]!) && b[j] !== "~" && b[j] !== "^") j++;

    // A tilde sorts before everything, even the end of the string.
    if (a[i] === "~" || b[j] === "~") {
      if (a[i] !== "~") return 1;
      if (b[j] !== "~") return -1;
      i++;
      j++;
      continue;
    }
    // A caret sorts after the end of the string but before anything else.
    if (a[i] === "^" || b[j] === "^") {
      if (i >= a.length) return -1;
      if (j >= b.length) return 1;
      if (a[i] !== "^") return 1;
      if (b[j] !== "^") return -1;
      i++;
      j++;
      continue;
    }
    if (!(i < a.length && j < b.length)) break;

    const numeric = isDigit(a[i]!);
    const take = (s: string, k: number) => {
      let e = k;
      while (e < s.length && (numeric ? isDigit(s[e]!) : isAlpha(s[e]!))) e++;
      return e;
    };
    const ei = take(a, i);
    const ej = take(b, j);
    let sa = a.slice(i, ei);
    let sb = b.slice(j, ej);
    // Segments of different kinds: the numeric one is newer.
    if (sb.length === 0) return numeric ? 1 : -1;
    if (numeric) {
      sa = sa.replace(/^0+/, "");
      sb = sb.replace(/^0+/, "");
      if (sa.length !== sb.length) return sa.length > sb.length ? 1 : -1;
    }
    if (sa !== sb) return sa < sb ? -1 : 1;
    i = ei;
    j = ej;
  }
  if (i >= a.length && j >= b.length) return 0;
  return i >= a.length ? -1 : 1;
}

export function compareEvr(a: Evr, b: Evr): number {
  if (a.epoch !== b.epoch) return a.epoch < b.epoch ? -1 : 1;
  const v = rpmvercmp(a.version, b.version);
  if (v !== 0) return v;
  // A missing release on either side matches any release.
  if (!a.release || !b.release) return 0;
  return rpmvercmp(a.release, b.release);
}

/** Parses `[epoch:]version[-release]`. */
export function parseEvr(s: string): Evr {
  let epoch = 0;
  let rest = s;
  const colon = s.indexOf(":");
  if (colon >= 0) {
    epoch = Number.parseInt(s.slice(0, colon), 10) || 0;
    rest = s.slice(colon + 1);
  }
  const dash = rest.lastIndexOf("-");
  return dash >= 0
    ? { epoch, version: rest.slice(0, dash), release: rest.slice(dash + 1) }
    : { epoch, version: rest, release: "" };
}

export function formatEvr(e: Evr): string {
  return `${e.epoch ? `${e.epoch}:` : ""}${e.version}${e.release ? `-${e.release}` : ""}`;
}

/**
 * Whether a provide (`name flag evr`) satisfies a requirement's range. An unversioned side
 * matches anything, as in rpm.
 */
export function rangesOverlap(
  provide: { flags?: Flag; evr?: Evr },
  require: { flags?: Flag; evr?: Evr },
): boolean {
  if (!provide.flags || !provide.evr || !require.flags || !require.evr) return true;
  const c = compareEvr(provide.evr, require.evr);
  const pLess = provide.flags.includes("L");
  const pGreater = provide.flags.includes("G");
  const pEq = provide.flags.includes("E");
  const rLess = require.flags.includes("L");
  const rGreater = require.flags.includes("G");
  const rEq = require.flags.includes("E");
  if (c < 0) return pGreater || rLess;
  if (c > 0) return pLess || rGreater;
  return (pEq && rEq) || (pLess && rLess) || (pGreater && rGreater);
}
