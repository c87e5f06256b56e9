/**
 * Requests said in the words of another package manager or in slang, restated in the words every
 * reader knows (tester5 WRONG 1 and 3). "apt install ripgrep", "sudo pacman -S fd", "dnf install
 * fish", "yay -S steam", "brew install jq" install; "apt remove htop", "apt-get remove --purge
 * htop", "pacman -Rns htop", "dnf remove x", "nuke htop and tmux", "yeet htop", "kill htop" remove.
 * The verb decides the direction and nothing else does: "nuke htop and tmux" had planned an
 * install of tmux. A leading "sudo" runs the command as root; it never asks for a user.
 *
 * Only a command with plain package names is restated: anything with shell syntax in it (`&&`,
 * `|`, `$(...)`, redirections) stays as said, and the refusal of shell commands answers it.
 */

import { restateConfirmExceptions } from "./confirmExceptions.js";
import { restateRecipeCorrections } from "./recipeCorrections.js";
import { restateRecipeDependencies } from "./recipeDependencies.js";
import { restateRecipeReasons } from "./recipeReasons.js";
import { restateSlangVerbs } from "./slangVerbs.js";

const MANAGERS =
  "apt|apt-get|aptitude|dnf|yum|zypper|pacman|yay|paru|brew|snap|flatpak|apk|pkg|port|nix-env|emerge|xbps-install|xbps-remove|eopkg|swupd|winget|choco|scoop";
const INSTALL_SUB = /^(?:install|add|in|i|-S|-Sy|-Syu|--sync|get|-i|--install)$/i;
const REMOVE_SUB =
  /^(?:remove|purge|uninstall|erase|rm|del|delete|autoremove|-R|-Rs|-Rn|-Rns|-Rsn|-Rnsc|-Rcns|-e|--uninstall|--remove|un|-r)$/i;
/** The manager itself says the verb: "xbps-install foo". */
const MANAGER_VERB: Record<string, "install" | "remove"> = {
  "xbps-install": "install",
  "xbps-remove": "remove",
};

const SHELL = /&&|\|\||[|;`$<>]|\$\(/;
const PACKAGE = /^[a-z0-9][a-z0-9+._@-]*$/i;

/** Slang for taking a program away: only with a program as its object ("nuke sda" erases a disk). */
const SLANG_REMOVE =
  /^(?:nuke|nuk|yeet|kill|zap|axe|torch|obliterate|annihilate|murder|bin|scrap|toss|dump|ditch|trash|purge|kil|nuked|yeeted|flick|turf)$/i;

/** Restates the package-manager commands and slang removals in the words. */
export function restateCommands(text: string, programs: ReadonlySet<string>): string {
  if (SHELL.test(text)) return text;
  let out = restateManagers(text);
  // "sure, minus fd": a yes with an exception is the exception (confirmExceptions.ts)
  out = restateConfirmExceptions(out, programs);
  // "chuck ripgrep, fd and bat on", "get shot of firefox" (slangVerbs.ts)
  out = restateSlangVerbs(out, programs);
  out = restateSlang(out, programs);
  out = restateRemovalNouns(out, programs);
  // "remove git sry lazygit": the corrected name replaces the one before it (recipeCorrections.ts)
  out = restateRecipeCorrections(out, programs);
  // "remove htop, btop is enough": the program a reason names is kept (recipeReasons.ts)
  out = restateRecipeReasons(out, programs);
  // "lazygit needs it": the program needed is kept (recipeDependencies.ts)
  out = restateRecipeDependencies(out, programs);
  return out;
}

/**
 * "tmux stays, bat goes", "no git removal, bat removal yes", "remove htop (keep everything
 * else!!)": a program said to go is a removal, "no X removal" keeps it, and "keep everything else"
 * after a removal adds nothing to it (it had kept htop itself).
 */
function restateRemovalNouns(text: string, programs: ReadonlySet<string>): string {
  const program = (w: string) => programs.has(w.toLowerCase());
  let out = text.replace(
    /\bno\s+([a-z0-9][a-z0-9+._-]*)\s+(?:removal|removing|uninstall)\b/gi,
    (whole, name: string) => (program(name) ? `do not remove ${name}` : whole),
  );
  out = out.replace(
    /\b([a-z0-9][a-z0-9+._-]*)\s+(?:removal|uninstall)(?:\s+(?:yes|ok|okay|please|pls|is\s+fine))?\b/gi,
    (whole, name: string) => (program(name) ? `remove ${name}` : whole),
  );
  out = out.replace(
    /\b([a-z0-9][a-z0-9+._-]*)\s+(?:goes|has\s+to\s+go|must\s+go|needs\s+to\s+go|should\s+go|gotta\s+go)\b/gi,
    (whole, name: string) => (program(name) ? `remove ${name}` : whole),
  );
  if (/\b(?:remove|uninstall|purge|delete)\b/i.test(out))
    // said as a sentence of its own, never cut: "remove fd and just keep the rest" would leave
    // "just" at the end of the removal's list (agent/rules/wordNames.ts reads "just keep")
    out = out.replace(
      /\s*[(,;-]?\s*(?:but\s+|and\s+)?((?:(?:just|simply|then|otherwise|please)\s+)?(?:keep|leave)\s+(?:everything|all|the\s+rest)(?:\s+(?:else|other|of\s+it|installed|alone|as\s+is))*)\s*[!.]*\)?/gi,
      (whole: string, kept: string, at: number, all: string) =>
        at ? `. ${kept}${/^\s*[,.;:!?)]/.test(all.slice(at + whole.length)) ? "" : "."}` : whole,
    );
  return out;
}

function restateManagers(text: string): string {
  const re = new RegExp(`(^|[\\s,.(]|\\bthen\\s)(?:sudo\\s+)?(${MANAGERS})(\\s+[^,.;!?\\n]+)`, "gi");
  return text.replace(re, (whole, lead: string, manager: string, rest: string) => {
    const words = rest.trim().split(/\s+/);
    let verb: "install" | "remove" | undefined = MANAGER_VERB[manager.toLowerCase()];
    let i = 0;
    if (!verb) {
      // "apt -y install x", "pacman -Rns x": flags before the verb are skipped
      while (
        i < words.length &&
        /^--?[a-z]+$/i.test(words[i]!) &&
        !INSTALL_SUB.test(words[i]!) &&
        !REMOVE_SUB.test(words[i]!)
      )
        i++;
      const sub = words[i];
      if (sub && INSTALL_SUB.test(sub)) verb = "install";
      else if (sub && REMOVE_SUB.test(sub)) verb = "remove";
      else return whole;
      i++;
    }
    const names: string[] = [];
    let tail = "";
    for (let k = i; k < words.length; k++) {
      const w = words[k]!;
      if (/^--?[a-z-]+$/i.test(w)) continue; // -y, --purge, --noconfirm
      if (/^(?:and|then|also|plus|please|pls|thanks|thx)$/i.test(w)) {
        tail = ` ${words.slice(k).join(" ")}`;
        break;
      }
      if (!PACKAGE.test(w)) return whole;
      names.push(w);
    }
    if (!names.length) return whole;
    return `${lead}${verb} ${joinNames(names)}${tail}`;
  });
}

function joinNames(names: readonly string[]): string {
  return names.length < 2 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

/** "nuke htop and tmux", "yeet htop", "kill htop and tmux, keep git": remove, when a program follows. */
function restateSlang(text: string, programs: ReadonlySet<string>): string {
  return text.replace(
    /\b([a-z]+)(\s+)(?:the\s+|my\s+)?([a-z0-9][a-z0-9+._-]*)/gi,
    (whole, verb: string, space: string, object: string) => {
      if (!SLANG_REMOVE.test(verb)) return whole;
      if (!programs.has(object.toLowerCase())) return whole;
      return `remove${space}${whole.slice(verb.length + space.length)}`;
    },
  );
}

/** A verb that starts a request of its own in dictation: "... create user max with sudo add ripgrep". */
const REQUEST_START =
  /^(?:create|add|install|set|use|dont|don't|keep|give|make|remove|uninstall|put|wipe|erase|format|leave|enable|encrypt|change|switch|hostname|never|delete|protect|avoid)$/i;
/** Words after which a request verb continues the request: "want to install", "and add", "please use". */
const JOINS =
  /^(?:to|and|or|then|please|pls|plz|you|u|me|i|we|lets|let's|let|can|could|would|will|should|also|just|not|do|dont|don't|never|it|want|wanna|gonna|need|but|so|um|uh|like|ok|okay|maybe|now|first|finally|plus|the|a|an|my|of|for|in|on|fresh|clean|new|full|minimal|actually|wait|no|also|i'll|ill|i'd|id|cant|can't|wont|won't|youll|you'll|they|he|she|who|that|which|might|must|may|shall|go|could|really|definitely|pls|wouldnt|couldnt|shouldnt|wudnt|didnt|doesnt|mustnt|isnt|would|should|must|rather|hate|gotta|going|ever|evr|better|dare|him|her|them|us|everyone|anyone|nobody|people|this|does|did|is|are|was|thought|second|longer|anymore|more|what|how|why|when|where|if|whether)$/i;

/**
 * Dictation without punctuation ("install on the nvme use btrfs create user lena no sudo create
 * user max with sudo add ripgrep fd and tmux ... dont touch the seagates") is split into sentences
 * at the verbs that start a request (tester5 WRONG 14), so a negation in one ("lena no sudo")
 * never reaches the next ("create user max with sudo", "add ... tmux") and no request is lost.
 * A stretch with two or more such verbs is split; the first word of a stretch never is.
 */
export function splitDictation(text: string): string {
  const parts = text.split(/([,.;!?\n]+)/);
  // a stretch that ends in a question mark asks; it is never split into requests
  return parts
    .map((part, k) => (k % 2 === 1 || parts[k + 1]?.includes("?") ? part : splitStretch(part)))
    .join("");
}

function splitStretch(stretch: string): string {
  const words = stretch.split(/(\s+)/);
  const idx: number[] = [];
  for (let i = 0; i < words.length; i += 2) if (words[i]) idx.push(i);
  if (idx.length < 4) return stretch;
  // a verb starts a new request only after another request in the same stretch ("I no longer
  // use fzf" is one request)
  const first = idx.findIndex((i) => REQUEST_START.test(words[i]!));
  const starts = idx.filter(
    (i, k) =>
      first >= 0 &&
      k > first &&
      k < idx.length - 1 &&
      REQUEST_START.test(words[i]!) &&
      !JOINS.test(words[idx[k - 1]!]!),
  );
  // "lena no sudo max sudo": a refusal of a privilege ends its sentence when a name follows
  for (let k = 2; k < idx.length - 1; k++)
    if (
      /^(?:sudo|admin)$/i.test(words[idx[k]!]!) &&
      /^(?:no|without)$/i.test(words[idx[k - 1]!]!) &&
      !/^(?:for|to|and|please|pls|rights|access|privileges)$/i.test(words[idx[k + 1]!]!)
    )
      starts.push(idx[k + 1]!);
  if (!starts.length) return stretch;
  for (const i of starts) words[i - 1] = ". ";
  return words.join("");
}
