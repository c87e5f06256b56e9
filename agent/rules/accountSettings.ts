import type { Token } from "./text.js";
import { STOP } from "./tokens.js";

/** An account's settings besides its name and sudo: full name, login shell, extra groups. */

export const SHELLS = new Set(["bash", "zsh", "fish", "sh", "dash", "ksh", "tcsh", "nu", "nushell"]);

/** "full name Maria Lopez", "real name ...": the words after it, as typed (the last one said wins). */
export function readFullName(tokens: readonly Token[]): string | undefined {
  const w = tokens.map((t) => t.norm);
  let fullName: string | undefined;
  for (let i = 0; i < w.length - 1; i++) {
    if ((w[i] === "full" || w[i] === "real") && w[i + 1] === "name") {
      const parts: string[] = [];
      for (let j = i + 2; j < tokens.length; j++) {
        const t = tokens[j]!;
        if (t.kind !== "word" || (STOP.has(t.norm) && parts.length)) break;
        if (STOP.has(t.norm)) continue;
        parts.push(t.raw);
      }
      if (parts.length) fullName = parts.join(" ");
    }
  }
  return fullName;
}

/** "his shell is fish", "with zsh", "give her zsh", "he wants fish", "/usr/bin/zsh". */
export function readShell(tokens: readonly Token[]): string | undefined {
  const w = tokens.map((t) => t.norm);
  let shell: string | undefined;
  for (let i = 0; i < w.length; i++) {
    const before = w[i - 1] ?? "";
    const offered = ["with", "use", "uses", "give", "gets", "wants", "prefers", "her", "him", "them", "me"];
    if (SHELLS.has(w[i]!) && (w.includes("shell") || offered.includes(before))) {
      const name = w[i] === "nushell" ? "nu" : w[i]!;
      shell = `/bin/${name}`;
    }
    if (tokens[i]?.kind === "path" && /^\/(usr\/)?bin\/[a-z]+$/.test(w[i]!)) shell = w[i]!;
  }
  return shell;
}

/**
 * "in the docker group", "groups video audio", "in the video and audio groups". `nameAt` says
 * whether a token can be a name at all (a group's name is spelled like a user's).
 */
export function readGroups(
  tokens: readonly Token[],
  nameAt: (t: Token | undefined) => string | undefined,
): string[] | undefined {
  const w = tokens.map((t) => t.norm);
  let groups: string[] | undefined;
  for (let i = 0; i < w.length; i++) {
    if (w[i] === "group" || w[i] === "groups") {
      const before = nameAt(tokens[i - 1]);
      const after: string[] = [];
      for (let j = i + 1; j < tokens.length; j++) {
        const c = nameAt(tokens[j]);
        if (c) after.push(c);
        else if (!STOP.has(w[j]!)) break;
      }
      // "in the video and audio groups": a list before the word
      const listed: string[] = [];
      for (let j = i - 1; j >= 0; j -= 2) {
        const c = nameAt(tokens[j]);
        if (!c) break;
        listed.unshift(c);
        if (!["and", ","].includes(w[j - 1] ?? "")) break;
      }
      const g = before && !["the", "a"].includes(before) ? listed : after;
      if (g.length) groups = [...(groups ?? []), ...g];
    }
  }
  return groups;
}

/** Token positions that belong to a group list (the word before "group(s)" and every word after): never a username. */
export function groupPositions(w: readonly string[]): Set<number> {
  const out = new Set<number>();
  for (let i = 0; i < w.length; i++)
    if (w[i] === "group" || w[i] === "groups") {
      out.add(i - 1);
      for (let j = i + 1; j < w.length; j++) out.add(j);
    }
  return out;
}
