/**
 * A program that needs another, said as a reason: "lazygit needs it", "lazygit needs git", "git is
 * used by lazygit", "delta won't work without git". After "remove git" the bare name was read as
 * one more program to remove and lazygit was removed (retired held-out set, dev13-keep "confirm
 * removes lazygit"). The program needed is the one kept; the one that needs it is asked for
 * nothing. Restated as a keep ("keep git"), so every reader and the protections read one meaning.
 */

import { escapeRegex } from "./text.js";

const NEEDS =
  "(?:needs|need|requires|require|depends\\s+on|depend\\s+on|relies\\s+on|rely\\s+on|uses|use|is\\s+built\\s+on|runs\\s+on|calls|wraps|(?:won'?t|will\\s+not|doesn'?t|does\\s+not|can'?t|cannot)\\s+(?:work|run|start)\\s+without|breaks\\s+without|is\\s+useless\\s+without)";
const NEEDED_BY =
  "(?:is\\s+)?(?:needed|required|used)\\s+by|is\\s+a\\s+dep(?:endency)?\\s+(?:of|for)|is\\s+what\\s+\\S+\\s+uses";
const OBJECT = "(it|that|this(?:\\s+one)?|that\\s+one|[a-z0-9][a-z0-9+._-]*)";

export function restateRecipeDependencies(text: string, programs: ReadonlySet<string>): string {
  const names = [...programs].filter((p) => p.length > 1);
  // "install git since lazygit needs it": the need is why something is installed, not a keep
  if (!names.length || /\b(?:install|add|get|put|set\s+up|grab|need\s+to\s+have)\b/i.test(text)) return text;
  const prog = `(${names.map(escapeRegex).join("|")})`;
  const isObject = (o: string) =>
    /^(?:it|that|this|this one|that one)$/i.test(o) || programs.has(o.toLowerCase());
  // "lazygit needs it", "lazygit still needs git", "but lazygit depends on that"
  let out = text.replace(
    new RegExp(
      `\\b${prog}\\s+(?:still\\s+|really\\s+|also\\s+|kinda\\s+|actually\\s+)?${NEEDS}\\s+${OBJECT}\\b`,
      "gi",
    ),
    (whole, _needer: string, object: string) => (isObject(object) ? `keep ${object}` : whole),
  );
  // "git is used by lazygit", "it's needed by lazygit"
  out = out.replace(
    new RegExp(`\\b${OBJECT}(?:'s|\\s+is)?\\s+(?:${NEEDED_BY})\\s+${prog}\\b`, "gi"),
    (whole, object: string) => (isObject(object) ? `keep ${object}` : whole),
  );
  return out;
}
