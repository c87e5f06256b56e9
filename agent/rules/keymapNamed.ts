import { KEYMAP_WORDS } from "./locales.js";
import type { Token } from "./text.js";
import { STOP } from "./tokens.js";

/** Words after which the next word is the layout's own name: "keymap gb", "keyboard no". */
const NAMING = new Set(["keymap", "keyboard", "layout", "kb"]);

/**
 * A console keymap's name as people write it: a two-letter code ("gb", "ie"), one with a variant
 * ("br-abnt2", "de_CH-latin1"), or a name the keymap table knows. Three letters alone are too often
 * a word ("mi waan di keyboard pon di UK layout").
 */
const KEYMAP_NAME = /^(?:[a-z]{2}|[a-z]{2,3}(?:[_-][a-z0-9]+)+)$/i;
const KNOWN = new Set(Object.values(KEYMAP_WORDS));

/**
 * The keymap written right after "keymap"/"keyboard"/"layout", taken as written ("keymap gb",
 * "keyboard ir", "keymap br-abnt2"). A two-letter name that is also an English word ("is", "no",
 * "it") counts only where it ends its clause ("keymap is," but not "keyboard is german"). Returns
 * the name and the index of its token.
 */
export function keymapNamed(tokens: readonly Token[]): { keymap: string; at: number } | undefined {
  for (let i = 1; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (
      t.kind !== "word" ||
      !NAMING.has(tokens[i - 1]!.norm) ||
      !(KEYMAP_NAME.test(t.raw) || KNOWN.has(t.norm))
    )
      continue;
    const next = tokens[i + 1];
    if (STOP.has(t.norm) && next && next.kind !== "punct") continue;
    return {
      keymap: t.raw.toLowerCase().replace(/_([a-z]{2})/, (_, c: string) => `_${c.toUpperCase()}`),
      at: i,
    };
  }
  return undefined;
}
