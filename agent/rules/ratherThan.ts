/**
 * Scoping words said plainly: "install on the crucial rather than the seagate", "rather than the
 * seagate, the crucial", "helix instead of neovim", "not the seagate but the crucial", "i'd rather
 * use sdb than sda", "prefer the crucial over the seagate". The thing after the scoping word is the
 * one NOT meant; read as prose it stood beside the target and was taken for it ("rather than the
 * seagate" asked to erase the Seagate, tester 9 D1). Each form is said back as "A, not B": the
 * readers already target A and keep B, in that order, for disks and programs alike ("helix, not
 * neovim" installs helix and removes nothing). Said of people and sudo, the same words move a grant
 * between accounts; that is read by the sudo rules (agent/rules/sudo*), so those sentences are left
 * as typed.
 */

/** A sentence about accounts or privileges: never restated here. */
const PEOPLE = /\b(?:sudo|admin|admins|administrator|wheel|root|superuser|user|users|account|accounts)\b/i;

/** Where the thing after a scoping word ends. */
const STOP_AT =
  /^(?:and|but|because|cause|since|so|then|as|for|please|pls|thanks|though|if|which|that|it|its|it's|they)$/i;

/** A verb said after a scoping word ("rather than wiping sda"): the refusal of that act. */
const VERB_FORMS: Record<string, string> = {
  wipe: "wipe",
  wiping: "wipe",
  erase: "erase",
  erasing: "erase",
  format: "format",
  formatting: "format",
  nuke: "wipe",
  nuking: "wipe",
  remove: "remove",
  removing: "remove",
  delete: "delete",
  deleting: "delete",
  uninstall: "uninstall",
  uninstalling: "uninstall",
  install: "install",
  installing: "install",
  use: "use",
  using: "use",
  put: "put",
  putting: "put",
  touch: "touch",
  touching: "touch",
};

/** Words that start another request: the thing after a scoping word stops before them. */
const REQUEST =
  /^(?:install|use|put|erase|wipe|format|add|create|make|set|give|choose|pick|remove|drop|uninstall|delete|keep|leave)$/i;

/**
 * The thing right after a scoping word: "the seagate", "on sda", "neovim", "wiping the seagate".
 * Returns what it is said as after "not" ("the seagate", "wipe the seagate") and the words left.
 */
function thingAfter(words: readonly string[]): { not: string; rest: string } | undefined {
  let i = 0;
  let verb: string | undefined;
  const v = VERB_FORMS[words[0]?.toLowerCase() ?? ""];
  if (v) {
    verb = v;
    i = 1;
  }
  while (i < words.length && /^(?:on|onto|to|in|into)$/i.test(words[i]!)) i++;
  const start = i;
  while (
    i < words.length &&
    i - start < 4 &&
    !/[,;:!?]$/.test(words[i - 1] ?? "") &&
    !STOP_AT.test(words[i]!) &&
    !REQUEST.test(words[i]!)
  )
    i++;
  const thing = words
    .slice(start, i)
    .join(" ")
    .replace(/[,;:!?.]+$/, "");
  if (!thing || /^(?:the|my|that|this)$/i.test(thing)) return undefined;
  // the mark that ended the thing stays with the words after it
  const mark = /([,;:!?])$/.exec(words[i - 1] ?? "")?.[1] ?? "";
  const after = words.slice(i).join(" ");
  return { not: verb ? `don't ${verb} ${thing}` : `not ${thing}`, rest: after ? `${mark} ${after}` : "" };
}

/** One sentence with its scoping words said as "A, not B"; undefined when it has none. */
function sayOne(sentence: string): string | undefined {
  if (PEOPLE.test(sentence)) return undefined;
  const words = sentence.trim().split(/\s+/);
  const lower = words.map((w) => w.toLowerCase().replace(/[,;:!?.]+$/, ""));

  // "the crucial > the seagate": the preference written as a sign
  const sign = /^\s*([^<>]+?)\s*>+\s*([^<>]+?)\s*$/.exec(sentence);
  if (sign && sign[1]!.split(/\s+/).length <= 4) {
    const b = thingAfter(sign[2]!.split(/\s+/));
    if (b && !b.rest) return `${sign[1]}, ${b.not}`;
  }

  // "use sdb, rather not sda", "preferably not the seagate": the thing after "not" is not meant
  for (let i = 0; i + 2 < words.length; i++)
    if (/^(?:rather|preferably|ideally|better)$/.test(lower[i]!) && lower[i + 1] === "not") {
      const b = thingAfter(words.slice(i + 2));
      if (!b) continue;
      const head = words.slice(0, i).filter((x, k) => !(k === i - 1 && /^(?:i'?d|id|would)$/i.test(x)));
      return `${head.join(" ")}${head.length ? " " : ""}${b.not}${b.rest}`.trim();
    }

  // "rather than the seagate, the crucial": the thing not meant said first, up to its comma
  const lead = /^(?:rather than|instead of|in place of|as opposed to)\s+([^,;]+?)\s*[,;]\s*(.+)$/i.exec(
    sentence.trim(),
  );
  if (lead) {
    const b = thingAfter(lead[1]!.split(/\s+/));
    if (b && !b.rest) return `${lead[2]!.replace(/[.!]+$/, "")}, ${b.not}`;
  }

  // "instead of htop remove tmux": the thing not meant, then the request itself
  const bare = /^(?:rather than|instead of|in place of|as opposed to)\s+/i.exec(sentence.trim());
  if (bare) {
    const after = sentence.trim().slice(bare[0].length).split(/\s+/);
    const b = thingAfter(after);
    const rest = b?.rest.trim();
    if (b && rest && REQUEST.test(rest.split(/\s+/)[0]!)) return `${rest.replace(/[.!]+$/, "")}, ${b.not}`;
  }

  for (let i = 1; i < words.length; i++) {
    const w = lower[i]!;
    const two = `${w} ${lower[i + 1] ?? ""}`;
    const three = `${two} ${lower[i + 2] ?? ""}`;
    const span =
      two === "rather than" || two === "instead of" || two === "and not"
        ? 2
        : three === "as opposed to" || three === "in place of"
          ? 3
          : w === "over" &&
              /\b(?:prefer|preferably|rather|choose|pick|take|go with|want)\b/i.test(
                lower.slice(0, i).join(" "),
              )
            ? 1
            : 0;
    if (!span) continue;
    const b = thingAfter(words.slice(i + span));
    if (!b) continue;
    const before = words
      .slice(0, i)
      .join(" ")
      .replace(/[,;]+$/, "")
      // "prefer the crucial over the seagate": the preference is the choice
      .replace(/\b(?:i'?d |i would )?prefer(?:ably)?\b/i, "use");
    return `${before}, ${b.not}${b.rest}`;
  }

  // "i'd rather use the crucial than the seagate": the choice between "rather" and "than"
  const rather = lower.indexOf("rather");
  const than = lower.indexOf("than", rather + 2);
  if (rather >= 0 && than > rather + 1) {
    const b = thingAfter(words.slice(than + 1));
    if (b) {
      const head = words.slice(0, rather).filter((x) => !/^(?:i'?d|id|would|i)$/i.test(x));
      const chosen = words.slice(rather + 1, than).join(" ");
      return `${[...head, chosen].join(" ")}, ${b.not}${b.rest}`;
    }
  }

  // "not the seagate but the crucial", "install not on sda but on sdb": the second is meant
  const m =
    /(^|[\s,]|\b(?:install|put|use|it|levitate|linux)\s)not\s+((?:on|onto|to|in|into)\s+)?((?:the|my|that|this)\s+)?([\w/.-]+(?:\s+(?:one|disk|drive|ssd|hdd|nvme))?)\s*,?\s+but\s+(?:(on|onto|to|in|into)\s+)?(.+)$/i.exec(
      sentence,
    );
  if (m && !/\b(?:do|does|did|should|will|would|could|can|is|are|was|i'm|im)\s+not\s/i.test(sentence)) {
    const kept = `${m[3] ?? ""}${m[4]}`;
    const after = m[6]!.replace(/[.!]+$/, "");
    if (/^(?:only|just|also|too|sure)$/i.test(m[4]!)) return undefined;
    const prep = m[5] ?? m[2]?.trim() ?? "";
    return `${sentence.slice(0, m.index)}${m[1]}${prep ? `${prep} ` : ""}${after}, not ${kept}`;
  }
  return undefined;
}

/**
 * "use helix, not neovim", "have helix, not neovim": a program chosen by a verb of choosing is a
 * program to install (the verbs alone ask the readers for nothing).
 */
function chosenProgram(said: string | undefined, programs: ReadonlySet<string>): string | undefined {
  if (said === undefined) return undefined;
  const m = /^(\s*)(?:i\s+)?(?:use|have|want|get|take|choose|pick|go with)\s+([\w.+-]+)(?=,)/i.exec(said);
  if (!m || !programs.has(m[2]!.toLowerCase())) return said;
  return `${m[1]}install ${m[2]}${said.slice(m[0].length)}`;
}

/** "i'd like", "i want", "we need", "give me": the wish a program swap is said with. */
const WANT =
  /\b(?:i'?d|id|i would|we'?d|we would|i|we)\s+(?:like|want|prefer|need|rather have)\b|\bgive me\b/i;

/**
 * "instead of bat, i want eza": a program given up for another, which the recipe rules read as the
 * swap it is (remove bat, install eza; conv10-people-grants). Said as "i want eza, not bat" the
 * removal the person asked for was lost, so such a sentence stays as typed.
 */
function swapsProgram(sentence: string, programs: ReadonlySet<string>): boolean {
  const m = /\b(?:instead of|in place of)\s+(?:the\s+|my\s+)?([a-z0-9][\w.+-]*)/i.exec(sentence);
  return m !== null && programs.has(m[1]!.toLowerCase()) && WANT.test(sentence);
}

/**
 * "install levitate instead of debian", "in place of windows": the system there is what the
 * install replaces (its disk is erased, which the disk rules ask or plan as for "replace debian"),
 * never a disk to keep; said as "install levitate, not debian" it read as a keep (alongside-rules).
 */
function replacesSystem(sentence: string): boolean {
  return /\b(?:instead of|in place of)\s+(?:the\s+|my\s+|that\s+)?(?:windows(?: \d+)?|debian|ubuntu|fedora|arch(?: linux)?|mint|linux mint|manjaro|opensuse|suse|centos|rocky|alma(?:linux)?|pop!?_?os|elementary|zorin|kali|gentoo|nixos|void|macos|mac ?os|os ?x|(?:the\s+)?(?:old|other|current|existing)\s+(?:os|system|linux|install))\b/i.test(
    sentence,
  );
}

/** The text with every sentence's scoping words said as "A, not B"; other words unchanged. */
export function sayRatherThan(raw: string, programs: ReadonlySet<string> = new Set()): string {
  // "in stead of": autocorrect's split of the one word
  const text = raw.replace(/\bin stead of\b/gi, "instead of");
  if (
    !/\b(?:rather|preferably|ideally|better|instead of|in place of|as opposed to|and not|over|not\b[^.;!?]*\bbut)\b|>/i.test(
      text,
    )
  )
    return raw;
  let changed = false;
  const out = text.replace(/[^.;!?\n]+(?:\.(?=\S)[^.;!?\n]*)*/g, (sentence) => {
    if (swapsProgram(sentence, programs) || replacesSystem(sentence)) return sentence;
    const said = chosenProgram(sayOne(sentence), programs);
    if (said === undefined) return sentence;
    changed = true;
    const lead = /^\s*/.exec(sentence)![0];
    return `${lead}${said}`;
  });
  return changed ? out : raw;
}
