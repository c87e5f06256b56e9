/**
 * A removal given with its reason (tester 8, D4): "remove htop, btop is enough", "remove htop, I
 * still use btop", "remove htop as btop is better", "remove htop since I use btop now", "remove
 * htop coz btop". The program the reason names is the one the person keeps; every reader took it
 * as one more program to remove. The reason is restated as a keep ("remove htop, keep btop"), so
 * the readers, the protections and any model all see one meaning. A reason that names no program,
 * or says nothing good of it ("because btop is broken"), is left as said.
 */

/** A removal in the sentence: without one there is nothing a reason could protect. */
const REMOVAL =
  /\b(?:remove|removing|uninstall|uninstalling|delete|purge|drop|ditch|get\s+rid\s+of|lose|bin|scrap|dump|axe|nuke|yeet|kill|trash|toss|zap|rm)\b/i;

/** Words that open a reason: "because", "coz", "since", "as" (with a judgement after it). */
const LEAD =
  /\b(?:because(?:\s+of)?|coz|cos|cuz|cause|'cause|bc|b\/c|since|as|seeing\s+as|given(?:\s+that)?|now\s+that)\s+/gi;
/** Leads that may stand with the bare name: "coz btop", "since lazygit". "as" may not ("as well"). */
const BARE_LEAD = /^(?:because|coz|cos|cuz|cause|'cause|bc|b\/c|since|given|seeing)/i;

/** Where a reason ends: punctuation, a spaced dash, or the next request. */
const END =
  /[,.;!?()]|\s[-–—]+\s|\b(?:and|but|so|then|plus)\s+(?:also\s+)?(?:remove|uninstall|delete|purge|drop|add|install|get|put|use|create|set|make|give|keep)\b/i;

/** Words a bare reason may carry beside the name ("coz btop now tbh"). */
const BARE_FILLER =
  /^(?:now|tbh|lol|anyway|anyways|already|instead|obv|obviously|innit|mate|honestly|really|the|my)$/i;

/** A program judged good enough to keep, the name first: "btop is enough", "btop's plenty", "btop does the job". */
function judgedGood(name: string): RegExp {
  return new RegExp(
    `(?:^|[^a-z0-9._+-])${esc(name)}(?:'s|\\s+is|\\s+does|\\s+will|\\s+works|\\s+covers|\\s+replaces|\\s+beats|\\s+has)?\\s+` +
      "(?:(?:way|much|far|just|so|more\\s+than|totally|plenty|good|all)\\s+)?" +
      "(?:enough|plenty|fine|better|nicer|superior|faster|good(?:\\s+enough)?|great|sufficient|ok|okay|all\\s+i\\s+need|" +
      "the\\s+job|it|that|the\\s+same|everything|do|work|my\\s+go-?to|what\\s+i\\s+use|the\\s+one\\s+i\\s+use|it\\s+better|the\\s+trick)" +
      // "btop is fine to remove too", "btop is better off gone": the judgement lets it go
      "(?![a-z0-9._+-])(?!\\s+(?:to\\s+(?:remove|go|delete|uninstall|lose|drop|bin|ditch)|off|gone|removed|too|as\\s+well|also))",
    "i",
  );
}

/** A program the person says they use: "I still use btop", "I'm using btop now", "I prefer btop". */
function inUse(name: string): RegExp {
  return new RegExp(
    "\\b(?:i|i'm|im|i\\s+am|i've|ive|we|we're)\\s+(?:(?:still|now|only|just|already|mostly|actually|really|much|rather|all|always|usually|normally)\\s+)*" +
      "(?:use|using|prefer|like|love|have|got|run|running|rely\\s+on|stick\\s+with|went\\s+with|switched\\s+to|moved\\s+to)\\s+" +
      `(?:the\\s+|my\\s+)?${esc(name)}(?![a-z0-9._+-])`,
    "i",
  );
}

function esc(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The programs a reason keeps; `lead` is the word that opened it, if any. */
function keptIn(reason: string, programs: ReadonlySet<string>, lead: string | undefined): string[] {
  const kept: string[] = [];
  // "since btop is better and htop isn't needed": each part judges its own program
  for (const part of reason.split(/\s+(?:and|but|while|whereas|plus)\s+/i))
    for (const n of keptInPart(part, programs, lead)) if (!kept.includes(n)) kept.push(n);
  return kept;
}

function keptInPart(reason: string, programs: ReadonlySet<string>, lead: string | undefined): string[] {
  const said = (reason.toLowerCase().match(/[a-z0-9][a-z0-9._+'-]*/g) ?? []).map((w) =>
    w.replace(/\.+$/, "").replace(/'s$/, ""),
  );
  const named = [...new Set(said.filter((w) => programs.has(w)))];
  if (!named.length) return [];
  // "because I don't use btop": a negated reason keeps nothing
  if (/\b(?:not|dont|don't|doesnt|doesn't|never|no\s+longer|isnt|isn't|hardly|barely)\b/i.test(reason))
    return [];
  const kept = named.filter((n) => judgedGood(n).test(reason) || inUse(n).test(reason));
  if (kept.length) return kept;
  // "coz btop", "since lazygit now": the bare name after a reason word is the one kept
  if (lead && BARE_LEAD.test(lead) && said.every((w) => programs.has(w) || BARE_FILLER.test(w))) return named;
  return [];
}

/** "remove htop, btop is enough" → "remove htop, keep btop"; words with no such reason come back as they were. */
export function restateRecipeReasons(text: string, programs: ReadonlySet<string>): string {
  if (!REMOVAL.test(text)) return text;
  let out = keepAsides(text, programs);
  // reasons opened by a word ("as btop is better", "since I use btop now", "coz btop")
  for (let guard = 0; guard < 8; guard++) {
    const found = reasonAfterLead(out, programs);
    if (!found) break;
    out = found;
  }
  // reasons said as a clause of their own ("…, btop is enough", "…. I still use btop")
  // ("i use btop now so remove htop": "so" ends the reason too)
  const parts = out.split(/([,.;!?]+\s*|\s[-–—]+\s|\s+(?:so|hence|therefore|thus)\s+)/i);
  for (let i = 0; i < parts.length; i += 2) {
    const piece = parts[i]!;
    if (REMOVAL.test(piece) || /^\s*keep\b/i.test(piece)) continue;
    const kept = keptIn(piece, programs, undefined);
    if (!kept.length) continue;
    parts[i] = `keep ${kept.join(" and ")}`;
    // a dash or "so" around it becomes a comma: "keep btop, remove htop" reads as two clauses
    for (const j of [i - 1, i + 1])
      if (j > 0 && j < parts.length && /[-–—]|[a-z]/i.test(parts[j]!)) parts[j] = ", ";
  }
  const restated = parts.join("");
  // the reason must stand beside a removal of another program: in "I HAVE FD. DELETE THAT" the
  // program said is the one to remove
  const rest = restated.replace(/\bkeep\s+[a-z0-9._+-]+(?:\s+and\s+[a-z0-9._+-]+)*/gi, " ").toLowerCase();
  const others = rest.match(/[a-z0-9][a-z0-9._+-]*/g) ?? [];
  // ("remove vim, neovim does the job": "vim" names no recipe here, but the removal has its object)
  const object = new RegExp(
    `${REMOVAL.source}\\s+(?:the\\s+|my\\s+)?(?!(?:it|that|this|them|those|these)\\b)[a-z0-9]`,
    "i",
  );
  return others.some((w) => programs.has(w.replace(/\.+$/, ""))) || object.test(rest) ? restated : text;
}

/**
 * An aside in parentheses is said beside the request, not as part of it: "remove htop (btop covers
 * it)" had removed btop too. A program named in an aside that holds other words and no removal of
 * its own is kept; an aside of names only ("remove the extras (htop, btop)") or one that adds ("(and
 * btop)") lists objects and is left as said.
 */
function keepAsides(text: string, programs: ReadonlySet<string>): string {
  return text.replace(/\(([^()]{1,200})\)/g, (whole, inner: string) => {
    const words = inner.toLowerCase().match(/[a-z0-9][a-z0-9._+'-]*/g) ?? [];
    const named = [...new Set(words.map((w) => w.replace(/'s$/, "")).filter((w) => programs.has(w)))];
    if (!named.length || REMOVAL.test(inner)) return whole;
    if (/^\s*(?:and|also|plus|\+|&|too|as\s+well)\b/i.test(inner)) return whole;
    const others = words.filter((w) => !programs.has(w.replace(/'s$/, "")) && !/^(?:and|or|&)$/.test(w));
    if (!others.length) return whole;
    return `, keep ${named.join(" and ")},`;
  });
}

function reasonAfterLead(text: string, programs: ReadonlySet<string>): string | undefined {
  const start = text.search(REMOVAL);
  for (const m of text.matchAll(LEAD)) {
    if (m.index < start) continue;
    const from = m.index + m[0].length;
    const rest = text.slice(from);
    const stop = rest.search(END);
    const reason = stop < 0 ? rest : rest.slice(0, stop);
    const kept = keptIn(reason, programs, m[0].trim());
    if (!kept.length) continue;
    const before = text.slice(0, m.index).replace(/[\s,]+$/, "");
    const after = stop < 0 ? "" : rest.slice(stop);
    // "…, keep btop, and remove fd": the request after the reason stays a clause of its own
    return `${before}, keep ${kept.join(" and ")}${/^\w/.test(after) ? ", " : ""}${after}`;
  }
  return undefined;
}
