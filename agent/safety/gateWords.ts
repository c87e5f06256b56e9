import { SUDO_WORDS } from "./lexicon.js";

/** Word classes the certainty gate's modules share (./certaintyGate.ts). */

/** Pronouns a target may have come from: counted only when the turn never names the target. */
export const THING_PRONOUNS = new Set(["it", "that", "this", "them", "those", "there"]);
export const PERSON_PRONOUNS = new Set([
  "she",
  "he",
  "her",
  "him",
  "they",
  "them",
  "their",
  "his",
  "me",
  "my",
  "i",
  "myself",
]);

/** Verbs that start a request of their own: a negator before one of them is spent. */
export const REQUEST_VERBS = new Set([
  "install",
  "put",
  "use",
  "erase",
  "wipe",
  "format",
  "reformat",
  "nuke",
  "remove",
  "uninstall",
  "delete",
  "drop",
  "purge",
  "ditch",
  "add",
  "create",
  "make",
  "give",
  "set",
  "go",
  "take",
  "target",
]);

/** A word of admin rights, typed with one slip too ("sudi", "admn"): SUDO_WORDS and their stems. */
const SUDO_STEM = /^(?:sudo|sudi|sduo|suod|sudoo|admin|admn|amdin|administrat|superuser|wheel|privileg|root)/;
export const isSudoWord = (w: string): boolean => SUDO_WORDS.has(w) || SUDO_STEM.test(w);
