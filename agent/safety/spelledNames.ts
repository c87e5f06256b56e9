import type { Decision, ModelToolCall } from "../../tools/decision.js";
import type { ConversationView } from "../types.js";

/**
 * A name spelled out letter by letter ("new user: r, o, s, a. rosa.", "user name is kay eye em.
 * kim.", "user p a v e l"): the letters are one name, never an account each. Read before, every
 * letter became a user ("r", "o", "s", "kay") beside the name. ("p-a-v-e-l" as one word is joined
 * where words are read: agent/rules/userNames.ts spelledName, agent/rules/clauses.ts.)
 */

/** The letters as people say them aloud. */
const LETTER_NAMES: Record<string, string> = {
  ay: "a",
  bee: "b",
  cee: "c",
  see: "c",
  dee: "d",
  ee: "e",
  ef: "f",
  eff: "f",
  gee: "g",
  aitch: "h",
  eye: "i",
  jay: "j",
  kay: "k",
  el: "l",
  ell: "l",
  em: "m",
  en: "n",
  oh: "o",
  pee: "p",
  cue: "q",
  ar: "r",
  ess: "s",
  tee: "t",
  vee: "v",
  ex: "x",
  wy: "y",
  zee: "z",
  zed: "z",
};

const letterOf = (w: string): string | undefined => (/^[a-z]$/.test(w) ? w : LETTER_NAMES[w]);

/** Each run of three or more letters in the words: the words spelled and the name they make. */
export function spelledRuns(text: string): { words: string[]; name: string }[] {
  const w = text
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter(Boolean);
  const out: { words: string[]; name: string }[] = [];
  let run: string[] = [];
  const close = () => {
    if (run.length >= 3) out.push({ words: run, name: run.map((x) => letterOf(x)!).join("") });
    run = [];
  };
  for (const x of w)
    if (letterOf(x)) run.push(x);
    else close();
  close();
  return out;
}

type UserCall = Extract<ModelToolCall, { tool: "createUser" }>;
const isUser = (c: ModelToolCall): c is UserCall => c.tool === "createUser";

/**
 * The decision with the accounts made of a spelling's letters replaced by the one name they
 * spell (kept once, where the name is said as well). Sudo goes with the person only where the
 * words gave it to one of the letters, which are that person.
 */
export function screenSpelledNames(d: Decision, conv: ConversationView): Decision {
  const calls = "calls" in d ? d.calls : "reply" in d ? d.offer?.calls : undefined;
  if (!calls?.some(isUser)) return d;
  const runs = spelledRuns(conv.user);
  if (!runs.length) return d;
  let out = [...calls];
  for (const run of runs) {
    const letters = out.filter((c): c is UserCall => isUser(c) && run.words.includes(c.args.username));
    if (!letters.length || !/^[a-z][a-z0-9]{2,31}$/.test(run.name)) continue;
    const planned = conv.pending.some((c) => c.tool === "createUser" && c.args.username === run.name);
    const named = out.find((c): c is UserCall => isUser(c) && c.args.username === run.name);
    const sudo = letters.some((c) => c.args.sudo) || (named?.args.sudo ?? false);
    const first = out.indexOf(named ?? letters[0]!);
    const person =
      planned && !named
        ? undefined
        : ({
            ...(named ?? letters[0]!),
            args: { ...(named ?? letters[0]!).args, username: run.name, sudo },
          } as UserCall);
    out = out.flatMap((c, i) => {
      if (i === first) return person ? [person] : [];
      return isUser(c) && (c === named || letters.includes(c)) ? [] : [c];
    });
  }
  if (out.length === calls.length && out.every((c, i) => c === calls[i])) return d;
  if ("calls" in d) return out.length ? ({ calls: out } as Decision) : { reply: "That is already the plan." };
  const reply = "reply" in d ? d.reply : "";
  return (out.length ? { reply, offer: { calls: out } } : { reply }) as Decision;
}
