/**
 * "erase sda later, not now", "remove git, but not yet", "remove git tomorrow", "not now: remove
 * git": the person says when, and it is not now (attacker 9 H5). An erase, a removal or sudo put
 * off to later is never planned in this turn: the rest of the turn is read without it, and when
 * nothing else is left the reply says it is not planned and how to ask when ready. Read before any
 * backend sees the words, so no parser or model can plan it now. Only steps that lose something or
 * give power are held back: "install git later" plans nothing lost either way.
 */

const MARKER =
  /\b(?:later(?:\s+on)?|not\s+now|not\s+yet|not\s+today|not\s+right\s+now|tomorrow|tmrw|tmr|tonight|next\s+(?:week|month|year|time|weekend)|eventually|at\s+some\s+point|some\s*day|some\s+other\s+time|another\s+time|in\s+a\s+(?:bit|while|few\s+days)|after\s+the\s+weekend|after\s+i\s+(?:back\s+up|backup|copy|check)\b[^,;.]*)\b/i;

/** Steps that lose something or hand out root. */
const LOSES =
  /\b(?:erase|wipe|format|reformat|nuke|delete|remove|uninstall|purge|destroy|overwrite|trash|ditch|get\s+rid\s+of|sudo|admin|root)\b/i;

/** A negation already keeps it ("don't remove git yet"): that reading is someone else's. */
const NEGATED = /\b(?:don'?t|do\s+not|never|no\s+need|won'?t)\b/i;

/** Words that join or soften without asking anything. */
const GLUE =
  /^(?:and|but|then|so|ok|okay|please|pls|though|tho|just|only|maybe|do\s+it|do\s+that|that)\b\s*/i;

const SPEAKER = /\b(?:i|i'll|ill|i'm|im|we|we'll|you|let\s+me|let's)\b/i;

interface Clause {
  text: string;
  deferred: boolean;
  dropped?: boolean;
}

function strip(text: string): string {
  let t = text.trim();
  for (let prev = ""; prev !== t; ) {
    prev = t;
    t = t
      .replace(GLUE, "")
      .replace(MARKER, "")
      .replace(/^[\s,;:.!-]+|[\s,;:.!-]+$/g, "");
  }
  return t;
}

export interface Deferred {
  /** The words put off, as typed. */
  deferred: string[];
  /** The rest of the turn, to be read as usual (may be empty). */
  rest: string;
}

export function readDeferredAction(text: string): Deferred | undefined {
  const t = text.replace(/[’]/g, "'");
  if (!MARKER.test(t) || !LOSES.test(t)) return undefined;
  const parts = t
    .split(/\s*(?:[,;]|[.!?](?:\s|$)|:\s|\s-\s|\s+(?=\b(?:and|but|then)\b))\s*/i)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  const clauses: Clause[] = parts.map((p) => ({ text: p, deferred: false }));
  let lastVerb: string | undefined;
  for (let i = 0; i < clauses.length; i++) {
    const c = clauses[i]!;
    const verb = LOSES.exec(c.text)?.[0];
    if (!MARKER.test(c.text)) {
      if (verb) lastVerb = verb;
      continue;
    }
    const rest = strip(c.text);
    if (!rest) {
      // "but not yet", "not now": the step beside it is put off
      const target = clauses[i - 1] ?? clauses[i + 1];
      if (target && LOSES.test(target.text) && !NEGATED.test(target.text)) target.deferred = true;
      c.deferred = true;
      continue;
    }
    if (NEGATED.test(c.text)) continue;
    if (verb) {
      c.deferred = true;
      lastVerb = verb;
    } else if (lastVerb && rest.split(/\s+/).length <= 2 && !SPEAKER.test(rest)) {
      // "remove fd now and git later": git takes the verb before it
      c.deferred = true;
      c.text = `${lastVerb} ${c.text.replace(GLUE, "")}`;
    } else if (SPEAKER.test(rest)) {
      // "remove fd, I'll check git later": what the person will do later asks nothing now
      c.dropped = true;
    }
  }
  const put = clauses.filter((c) => c.deferred && strip(c.text));
  if (!put.length && !clauses.some((c) => c.dropped)) return undefined;
  const kept = clauses.filter((c) => !c.deferred && !c.dropped).map((c) => c.text);
  if (!put.length && !kept.length) return undefined;
  return { deferred: put.map((c) => strip(c.text)), rest: kept.join(", ") };
}

export function deferredReply(d: Deferred, planned: boolean): string {
  if (!d.deferred.length) return planned ? "OK, the plan is as it was." : "OK, nothing is planned.";
  const what = d.deferred.map((s) => `"${s}"`).join(" and ");
  return `Not planned: ${what}, since you said not now. When you are ready, say it again without the "later" (e.g. ${what.split(" and ")[0]}).${planned ? " The plan is as it was." : " Nothing is planned."}`;
}
