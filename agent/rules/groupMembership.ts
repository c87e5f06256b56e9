import type { Token } from "./text.js";
import { STOP } from "./tokens.js";

/**
 * The extra groups a person is put in, said without the word "group" or with a program's name as
 * the group (issue 14, round 27): "put him in audio and video", "add her to video, audio and
 * input", "user ci, group podman, no sudo", "groups docker and podman".
 *
 * Two shapes:
 * - "in/into/to" before a list of the ordinary device and service groups of a Linux system
 *   (DEVICE_GROUPS), said of a person: the list is the person's groups. Only that closed class
 *   counts without the word "group": "put him in docker" or "add her to the nvme" names no group.
 * - the word "group(s)" right before a name: the name is a group even where a program has it
 *   ("group podman"), because what follows "group" is named as a group, not asked to be installed.
 *
 * Why this is safe: a group is no privilege that the words did not give. The groups that are
 * root by another name (wheel, sudo, admin, root, disk, adm) are never read from the first shape:
 * sudo stays with the sudo readers, which need it given to that person.
 */

/**
 * The device and service groups a desktop user is put in; none of them is root by another name.
 * Not "users" (every account's own group, and SQL's "INSERT INTO users") nor "power" ("non-attachment
 * to power"): words prose puts after "to" far more often than a group (dev h17m-092, h20-051).
 */
export const DEVICE_GROUPS = new Set([
  "audio",
  "video",
  "input",
  "plugdev",
  "lp",
  "scanner",
  "storage",
  "optical",
  "network",
  "netdev",
  "dialout",
  "uucp",
  "games",
  "render",
  "bluetooth",
  "cdrom",
  "floppy",
  "realtime",
  "lpadmin",
  "sambashare",
  "vboxusers",
]);

/** Groups that give root in another name: never read from a list without the person's sudo. */
const ROOT_GROUPS = new Set(["wheel", "sudo", "admin", "root", "disk", "adm", "sudoers"]);

const INTO = new Set(["in", "into", "to"]);
const JOIN = new Set(["and", ",", "&", "plus", "+"]);
const GROUP_WORD = new Set(["group", "groups"]);
const NAME = /^[a-z_][a-z0-9_-]{0,31}$/;

/**
 * The device groups listed after "in/into/to" ("in audio and video", "to the video, audio and
 * input groups"), in order, each once; with the positions of the list's words.
 */
export function listedDeviceGroups(tokens: readonly Token[]): { groups: string[]; at: Set<number> } {
  const w = tokens.map((t) => t.norm);
  const groups: string[] = [];
  const at = new Set<number>();
  for (let i = 0; i < w.length; i++) {
    if (!INTO.has(w[i]!)) continue;
    let j = i + 1;
    if (w[j] === "the") j++;
    const found: number[] = [];
    // members joined by "and" or commas, or side by side where the splitter took the "and" out
    while (j < w.length && DEVICE_GROUPS.has(w[j]!)) {
      found.push(j);
      j++;
      while (j < w.length && (JOIN.has(w[j]!) || w[j] === "the")) j++;
    }
    for (const k of found) {
      if (!groups.includes(w[k]!)) groups.push(w[k]!);
      at.add(k);
    }
  }
  return { groups, at };
}

/** "group podman", "groups docker and podman": the names right after the word "group(s)". */
export function namedAfterGroupWord(tokens: readonly Token[]): string[] {
  const w = tokens.map((t) => t.norm);
  const out: string[] = [];
  for (let i = 0; i < w.length; i++) {
    if (!GROUP_WORD.has(w[i]!)) continue;
    for (let j = i + 1; j < w.length; j++) {
      const x = w[j]!;
      if (JOIN.has(x)) continue;
      if (!NAME.test(x) || STOP.has(x) || ROOT_GROUPS.has(x) || GROUP_WORD.has(x)) break;
      if (!out.includes(x)) out.push(x);
    }
  }
  return out;
}

/** Person words that make an "in/into/to" list a person's groups ("put him in audio"). */
const PERSON = new Set(["him", "her", "them", "he", "she", "they", "user", "users", "account", "me"]);

/** The clause puts a person in device groups ("put him in audio and video"): a user clause. */
export function putsPersonInGroups(tokens: readonly Token[]): boolean {
  if (!tokens.some((t) => PERSON.has(t.norm))) return false;
  return listedDeviceGroups(tokens).groups.length > 0;
}

/**
 * "put him in audio" / "and video": a list of device groups that the clause splitter cut at its
 * "and" (or comma) is one clause again, so the rest of the list is read as groups, never as
 * programs ("\"video\" is not a recipe here").
 */
export function joinGroupLists(clauses: Token[][]): Token[][] {
  const out: Token[][] = [];
  for (const c of clauses) {
    const prev = out.at(-1);
    const words = c.filter((t) => t.kind !== "punct");
    const onlyGroups =
      words.length > 0 &&
      words.every((t) => DEVICE_GROUPS.has(t.norm) || t.norm === "the" || GROUP_WORD.has(t.norm)) &&
      words.some((t) => DEVICE_GROUPS.has(t.norm));
    if (prev && onlyGroups && endsInGroupList(prev)) {
      out[out.length - 1] = [...prev, ...c];
      continue;
    }
    out.push(c);
  }
  return out;
}

/** The clause ends in "in/into/to [the] GROUP" (possibly after earlier joined members). */
function endsInGroupList(c: readonly Token[]): boolean {
  const w = c.filter((t) => t.kind !== "punct").map((t) => t.norm);
  let j = w.length - 1;
  while (j >= 0 && (DEVICE_GROUPS.has(w[j]!) || w[j] === "the")) j--;
  return j >= 0 && j < w.length - 1 && INTO.has(w[j]!) && w.slice(0, j).some((x) => PERSON.has(x));
}
