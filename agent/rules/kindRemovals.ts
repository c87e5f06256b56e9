import type { Decision } from "../../tools/decision.js";
import { essentialReason } from "../../tools/essential.js";
import type { Ctx } from "./context.js";
import { removalVerb } from "./grammar.js";
import { sweepDecision } from "./sweepReach.js";
import type { Token } from "./text.js";

/**
 * A removal said of a KIND of program, in the plural, over what is installed (issue 14, round 27):
 * "get rid of all the text editors except neovim", "remove the system monitors but leave htop",
 * "uninstall the shells, keep zsh", "ditch the browsers apart from firefox".
 *
 * The kinds are closed classes of well-known programs by what they do (every editor, every system
 * monitor ... that a distribution ships), so a kind reaches exactly the installed programs of that
 * class; the programs the words keep ("except", "but leave", "keep", "besides") stay.
 *
 * Why this is safe: only a PLURAL kind word under a removal verb counts (a singular "remove the
 * editor" stays a question: which one), and only where the speaker took in the whole class ("all
 * the editors") or named what stays ("but leave htop"): a bare "remove the editors" is asked about; only installed programs of the class are reached, never a
 * program the system needs to boot (tools/essential.ts), nor one the turn names without keeping it
 * (the turn is then left to the other readers), nor under a negation, a question or an "other".
 * The safety screen (agent/safety/evidence.ts) still reads each removal: a kept program is refused.
 */
const KINDS: readonly { words: RegExp; members: readonly string[] }[] = [
  {
    words: /^(?:editors|text-editors)$/,
    members: [
      "vim",
      "vi",
      "vim-minimal",
      "neovim",
      "nano",
      "emacs",
      "helix",
      "micro",
      "kakoune",
      "joe",
      "mg",
      "jed",
      "ne",
    ],
  },
  {
    words: /^(?:monitors|monitoring|top-likes|task-managers)$/,
    members: ["htop", "btop", "bottom", "glances", "atop", "nvtop", "top", "gotop", "bpytop", "bashtop"],
  },
  {
    words: /^shells$/,
    members: ["zsh", "fish", "nushell", "bash", "dash", "ksh", "tcsh", "elvish", "xonsh"],
  },
  { words: /^multiplexers$/, members: ["tmux", "zellij", "screen", "byobu"] },
  {
    words: /^browsers$/,
    members: [
      "firefox",
      "chromium",
      "google-chrome",
      "brave",
      "librewolf",
      "qutebrowser",
      "vivaldi",
      "epiphany",
    ],
  },
  {
    words: /^(?:players|media-players|video-players)$/,
    members: ["mpv", "vlc", "celluloid", "smplayer", "mplayer"],
  },
  {
    words: /^(?:file-managers)$/,
    members: ["ranger", "nnn", "lf", "yazi", "mc", "thunar", "nautilus", "dolphin", "pcmanfm"],
  },
];

/** Words before a program's name that keep it ("except neovim", "but leave htop", "keep zsh"). */
const KEEPING =
  /^(?:except|besides|keep|keeping|leave|leaving|save|spare|excluding|bar|minus|than|not|apart|from|but)$/;
/** A removal verb under a negation ("don't remove the editors"), a question, or "the other X". */
const NEGATOR = /^(?:dont|not|never|no|without|wont|shouldnt)$/;

/** Words with the two-word kinds joined ("text editors" → text-editors, "system monitors" → monitors). */
function joinKinds(w: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < w.length; i++) {
    const two = `${w[i]}-${w[i + 1] ?? ""}`;
    if (/^(?:text-editors|task-managers|media-players|video-players|file-managers)$/.test(two)) {
      out.push(two);
      i++;
    } else if (
      /^(?:system|process|resource)$/.test(w[i]!) &&
      /^(?:monitors|monitoring)$/.test(w[i + 1] ?? "")
    ) {
      out.push("monitors");
      i++;
    } else out.push(w[i]!);
  }
  return out;
}

/** The members of the kind a plural kind word among these words names, or undefined. */
export function pluralKindMembers(words: readonly string[]): readonly string[] | undefined {
  const joined = joinKinds(words);
  return KINDS.find((k) => joined.some((x) => k.words.test(x)))?.members;
}

/**
 * "get rid of all the text editors except neovim": the installed programs of the kind, less the
 * kept ones, removed. Undefined when the turn is not of this shape.
 */
export function removeKind(tokens: readonly Token[], text: string, ctx: Ctx): Decision | undefined {
  const { facts } = ctx;
  if (!ctx.allowed.includes("removeRecipe") || !facts.installed.length || text.includes("?"))
    return undefined;
  if (!removalVerb(tokens)) return undefined;
  const w = joinKinds(tokens.filter((t) => t.kind === "word").map((t) => t.norm));
  const at = w.findIndex((x) => KINDS.some((k) => k.words.test(x)));
  if (at < 0) return undefined;
  const kind = KINDS.find((k) => k.words.test(w[at]!))!;
  // "remove the other editors", "don't remove the editors": not a plain removal of the kind
  if (w.slice(Math.max(0, at - 3), at).some((x) => x === "other" || x === "others")) return undefined;
  if (w.slice(0, at).some((x) => NEGATOR.test(x))) return undefined;
  const kept: string[] = [];
  for (let i = 0; i < w.length; i++) {
    const name = facts.installed.find((n) => n === w[i]) ?? facts.recipes.find((n) => n === w[i]);
    if (!name) continue;
    const before = w.slice(Math.max(0, i - 3), i);
    const listed = kept.length > 0 && ["and", "or", "nor"].includes(w[i - 1] ?? "");
    // a program the turn names without keeping it: another shape ("remove the editors and fzf")
    if (!before.some((x) => KEEPING.test(x)) && !listed) return undefined;
    kept.push(name);
  }
  // "remove the editors", said bare: several programs go at once only where the speaker took in
  // the whole class ("all the editors") or named what stays ("but leave htop"); else a question
  if (!kept.length && !w.slice(0, at).some((x) => x === "all" || x === "every" || x === "each"))
    return undefined;
  const removals = facts.installed.filter(
    (n) => kind.members.includes(n) && !kept.includes(n) && !essentialReason(n, facts),
  );
  if (!removals.length) return undefined;
  return sweepDecision(removals, kept) as Decision;
}
