/**
 * An account refused in words: "don't create ben after all", "do not add an account for ben",
 * "no user for ben", "ben doesn't need an account", "dont bother making ben". The parser reads the
 * name after a creating verb whatever stands before the verb, so "don't create ben" planned ben
 * (with the sudo the plan already gave him: dev11 h10-003). This reader is asked last
 * (agent/rules/negatedCalls.ts): a createUser for a name the words refuse is never added.
 *
 * A refusal that carries a privilege word ("don't make ben an admin", "don't add ben to wheel",
 * "don't create ben with sudo") refuses the privilege, not the account: that is
 * agent/rules/sudoRefusals.ts, and the account stays.
 */

const CREATE =
  /^(?:create|creates|creating|created|add|adds|adding|added|make|makes|making|made|setup|set|setting|open|opening|register|registering)$/;
/** Words between the negation and the verb: "don't even create", "do not bother making". */
const BETWEEN =
  /^(?:not|ever|even|really|bother|bothering|to|need|want|wanna|have|go|just|please|pls|you|u|dare|actually)$/;
const NEGATION = /^(?:dont|don't|not|never|no|without|nor|neither|shouldnt|wont|cant|stop|skip|avoid)$/;
const PRIVILEGE =
  /^(?:sudo|sudoer|sudoers|admin|admins|administrator|wheel|superuser|root|privileges|privileged|rights)$/;
/** The object of the refused verb ends where another request or an exception starts. */
const OBJECT_END =
  /^(?:and|&|plus|but|except|besides|instead|rather|install|use|put|give|grant|remove|erase|wipe|then|so|because|since|as|with|just|only)$/;
/** "an account for ben", "no user for ben": the nouns of an account. */
const ACCOUNT = /^(?:account|accounts|user|users|login|logins|profile|home)$/;
/** "ben doesn't need an account", "ben won't need a login". */
const NEEDS_NONE = /^(?:doesnt|dont|wont|shouldnt|doesn't|won't|shouldn't|needs|need|gets|get)$/;

/** The words of each clause, lower case, apostrophes kept for "don't". */
function clausesOf(text: string): string[][] {
  return text
    .toLowerCase()
    .split(/[.;!?,:\n]|\bbut\b|\bthen\b|\bso\b|\bbecause\b/)
    .map((c) => c.split(/[^a-z0-9_'-]+/).filter(Boolean))
    .filter((w) => w.length);
}

/** The object of a refused verb at `at`: its words up to where another request starts. */
function objectAfter(w: readonly string[], at: number): string[] {
  const out: string[] = [];
  for (let k = at + 1; k < w.length; k++) {
    if (OBJECT_END.test(w[k]!) && out.length) break;
    out.push(w[k]!);
  }
  return out;
}

/** The clause that refuses an account for `username`, or undefined. */
export function refusedAccount(username: string, text: string): string | undefined {
  const u = username.toLowerCase();
  for (const w of clausesOf(text)) {
    if (!w.includes(u) && !w.includes(`${u}'s`)) continue;
    if (w.some((x) => PRIVILEGE.test(x))) continue;
    for (let i = 0; i < w.length; i++) {
      if (!NEGATION.test(w[i]!)) continue;
      // "no" and "without" refuse the noun right after them: "no account for ben", "no ben"
      if (w[i] === "no" || w[i] === "without") {
        const next = w.slice(i + 1, i + 3);
        if (next.some((x) => ACCOUNT.test(x)) && w.slice(i + 1).includes(u)) return w.join(" ");
        if (w[i + 1] === u && w.length <= i + 3) return w.join(" ");
        if (!CREATE.test(w[i + 1] ?? "") && !/^(?:creating|adding|making)$/.test(w[i + 1] ?? "")) continue;
      }
      let k = i + 1;
      while (k < w.length && BETWEEN.test(w[k]!)) k++;
      if (!CREATE.test(w[k] ?? "")) continue;
      // "set" refuses an account only as "set up"
      if (w[k] === "set" || w[k] === "setting") {
        if (w[k + 1] !== "up") continue;
        k++;
      }
      if (objectAfter(w, k).includes(u)) return w.join(" ");
    }
    // "ben doesn't need an account", "ben needs no login"
    const at = w.indexOf(u);
    const rest = w.slice(at + 1, at + 6);
    const need = rest.findIndex((x) => NEEDS_NONE.test(x));
    if (need >= 0 && rest.slice(need).some((x) => ACCOUNT.test(x))) {
      const negated =
        /n'?t$/.test(rest[need]!) || rest.slice(need, need + 3).some((x) => x === "no" || x === "not");
      if (negated) return w.join(" ");
    }
  }
  return undefined;
}
