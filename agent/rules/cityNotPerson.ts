import type { Decision } from "../../tools/decision.js";
import { CITIES, zoneOfCity } from "./locales.js";

/**
 * "user max sudo, berlin, german kb": a city in a list beside locale words is the time zone, not a
 * second account (tester 26 W2: "create user berlin" and no time zone). Read only where the same
 * turn sets a language or keyboard and no time zone, and only for a city no account word, "called"
 * or "named" puts where a name goes ("user paris", "a user called berlin", "max and paris").
 *
 * Safety: the account dropped was never asked for in an account's words, and it had no sudo
 * (a city word with sudo is left alone); a time zone changes nothing on any disk.
 */
export function citiesAsZones(d: Decision, text: string): Decision {
  if (!("calls" in d)) return d;
  const locale = d.calls.find((c) => c.tool === "setLocale");
  if (!locale || locale.args.timezone) return d;
  let zone: string | undefined;
  const calls = d.calls.filter((c) => {
    if (zone || c.tool !== "createUser" || c.args.sudo) return true;
    const name = String(c.args.username);
    const z = CITIES[name] ?? zoneOfCity(name);
    if (!z || anchored(text.toLowerCase(), name)) return true;
    zone = z;
    return false;
  });
  if (!zone) return d;
  return { calls: calls.map((c) => (c === locale ? { ...c, args: { ...c.args, timezone: zone } } : c)) };
}

function anchored(text: string, name: string): boolean {
  return new RegExp(
    String.raw`\b(?:users?|accounts?|logins?|username|called|named|and|&)\s+(?:is\s+|=\s*|:\s*)?${name}\b`,
  ).test(text);
}
