import type { Facts } from "../../facts/schema.js";
import { BRANDS } from "./disks.js";

/**
 * "kp th smsng, nstll n th wd nvm", "wp fdr, kp wndws": a register that drops the vowels. No reader
 * lists such words, and no list of them would carry to the next voice; but the consonants left are
 * the word's skeleton, and the installer's own vocabulary is small. So a word typed without vowels
 * is read as the one word of that vocabulary (or of the machine's facts: brands, models, systems,
 * labels) whose skeleton it is; a skeleton two words share ("fr": "free", "for") is left as typed.
 *
 * Only whole turns in this register are restored (most of their words of two letters or more have
 * no vowel), and only for reading: the gates after the backend still judge the words as typed, so
 * an erase read from "wp" is asked about unless the typed words plainly ask for it.
 */

/**
 * The installer's vocabulary: the closed-class words a request is built from and the words of what
 * it can do. Kept small on purpose: every word added is a skeleton another word may collide with.
 */
const CORE = `the and there then next beside alongside with without not dont free space whole disk
  drive keep leave alone touch use install put wipe erase format replace encrypt swap hostname user
  sudo add remove create delete`.split(/\s+/);

const VOWELS = /[aeiou]/;

function skeleton(w: string): string {
  return w.replace(/[aeiou]/g, "");
}

/** A word typed without its vowels: two letters or more, none of them a vowel, no digit. */
function vowelless(w: string): boolean {
  return w.length >= 2 && /^[a-z]+$/.test(w) && !VOWELS.test(w) && !/^(?:y+|[^y]*y)$/.test(w);
}

/** The turn's words, restored where it is written without vowels; undefined when it is not. */
export function restoreVowels(text: string, facts: Facts): string | undefined {
  const words = text.toLowerCase().match(/[a-z]+/g) ?? [];
  const long = words.filter((w) => w.length >= 2);
  const bare = long.filter(vowelless);
  if (bare.length < 2 || bare.length * 2 < long.length) return undefined;
  const factWords = [
    // the medium this system runs from is never a target: its "LEVITATE_LIVE" would take "lv" from "leave"
    ...facts.disks
      .filter((d) => !d.liveMedium && !d.mounted)
      .flatMap((d) => [d.model, ...(d.partitions ?? []).flatMap((p) => [p.os ?? "", p.label ?? ""])]),
    ...facts.recipes,
    // "crcl": the brand of a disk whose model says only "CT500MX500SSD1"
    ...Object.entries(BRANDS).flatMap(([brand, re]) =>
      facts.disks.some((d) => re.test(d.model)) ? [brand] : [],
    ),
  ].flatMap((s) => s.toLowerCase().match(/[a-z]{3,}/g) ?? []);
  const bySkeleton = new Map<string, Set<string>>();
  for (const w of [...CORE, ...factWords]) {
    const k = skeleton(w);
    if (k.length < 2 || k === w) continue;
    bySkeleton.set(k, (bySkeleton.get(k) ?? new Set()).add(w));
  }
  let changed = false;
  const out = text.replace(/[A-Za-z]+/g, (raw) => {
    const w = raw.toLowerCase();
    if (!vowelless(w)) return raw;
    const found = bySkeleton.get(w);
    const only = found?.size === 1 ? [...found][0] : undefined;
    if (!only) return raw;
    changed = true;
    return only;
  });
  return changed ? out : undefined;
}
