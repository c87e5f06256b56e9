import { z } from "zod";

/**
 * `levitate.plan=` on the kernel command line, as kickstart's `inst.ks=` and Ubuntu's
 * `autoinstall ds=` do for fleets: where the plan file of an unattended install is.
 *
 *   levitate.plan=LABEL=PLANS:/web01.json        a file on a disk or ISO found by its label
 *   levitate.plan=http://10.0.0.1/plans/web.json  an http(s) URL
 *   levitate.plan=/run/plan.json                  a file the live system already has
 *   levitate.plan.countdown=30                    seconds to cancel before it starts (default 10)
 */

export const PLAN_PARAM = "levitate.plan";
export const COUNTDOWN_PARAM = "levitate.plan.countdown";
export const DEFAULT_COUNTDOWN_SECONDS = 10;

const FileInside = z
  .string()
  .regex(/^\/[^\0]*$/, { message: "the file's path starts with /" })
  .refine((p) => !p.split("/").includes(".."), { message: "the file's path may not contain .." });

export const PlanSourceSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("label"),
    label: z.string().min(1).max(64),
    path: FileInside,
  }),
  z.object({ kind: z.literal("url"), url: z.url({ protocol: /^https?$/ }) }),
  z.object({ kind: z.literal("file"), path: FileInside }),
]);
export type PlanSource = z.infer<typeof PlanSourceSchema>;

export interface UnattendedRequest {
  source: PlanSource;
  countdownSeconds: number;
}

export type CmdlineResult = { ok: true; request: UnattendedRequest | null } | { ok: false; error: string };

/**
 * The kernel's own splitting: words separated by spaces, double quotes group (`a="b c"`), and the
 * quotes are dropped. (The kernel passes `param="x y"` to userspace with its quotes in
 * /proc/cmdline; every later reader must undo them.)
 */
export function splitCmdline(text: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  let inWord = false;
  for (const ch of text.trim()) {
    if (ch === '"') {
      quoted = !quoted;
      inWord = true;
    } else if (!quoted && /\s/.test(ch)) {
      if (inWord) out.push(cur);
      cur = "";
      inWord = false;
    } else {
      cur += ch;
      inWord = true;
    }
  }
  if (inWord) out.push(cur);
  return out;
}

/** The value of the last `key=` on the line (the kernel's rule: a later one wins), or undefined. */
function lastValue(words: string[], key: string): string | undefined {
  let v: string | undefined;
  for (const w of words) if (w.startsWith(`${key}=`)) v = w.slice(key.length + 1);
  return v;
}

const FORMS = `levitate.plan=LABEL=NAME:/file.json, levitate.plan=http://host/file.json or levitate.plan=/file.json`;

/** Reads where the plan is, from a source string (the part after `levitate.plan=`). */
export function parsePlanSource(
  value: string,
): { ok: true; source: PlanSource } | { ok: false; error: string } {
  const bad = (why: string) => ({
    ok: false as const,
    error: `${PLAN_PARAM}=${value}: ${why}; use ${FORMS}`,
  });
  let candidate: unknown;
  if (value === "") return bad("the value is empty");
  if (/^LABEL=/i.test(value)) {
    const rest = value.slice("LABEL=".length);
    // A label cannot hold "/", so the first ":/" ends it.
    const at = rest.indexOf(":/");
    if (at <= 0) return bad("a label source is LABEL=NAME:/path (the label, a colon, the file's path)");
    candidate = { kind: "label", label: rest.slice(0, at), path: rest.slice(at + 1) };
  } else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    if (!/^https?:\/\//i.test(value)) return bad("only http:// and https:// URLs are read");
    // A kernel command line is readable by every user of the live system (/proc/cmdline), and
    // fetch refuses such URLs anyway: say so at once instead of retrying for 30 s.
    if (/^[a-z]+:\/\/[^/]*@/i.test(value))
      return bad(
        "a URL with user:password@ is not read (the kernel command line is readable by every user); serve the plan without credentials on a network you trust, or use LABEL=NAME:/file.json",
      );
    candidate = { kind: "url", url: value };
  } else if (value.startsWith("/")) {
    candidate = { kind: "file", path: value };
  } else {
    return bad("not a label, a URL or an absolute path");
  }
  const r = PlanSourceSchema.safeParse(candidate);
  if (!r.success) return bad(r.error.issues.map((i) => i.message).join("; "));
  return { ok: true, source: r.data };
}

/**
 * What `/proc/cmdline` asks for: null when it has no `levitate.plan=` (a normal live boot), an
 * error naming the parameter when the value cannot be used.
 */
export function unattendedFromCmdline(text: string): CmdlineResult {
  const words = splitCmdline(text);
  const value = lastValue(words, PLAN_PARAM);
  if (value === undefined) {
    if (words.includes(PLAN_PARAM)) return { ok: false, error: `${PLAN_PARAM} needs a value: ${FORMS}` };
    return { ok: true, request: null };
  }
  const src = parsePlanSource(value);
  if (!src.ok) return src;
  let countdownSeconds = DEFAULT_COUNTDOWN_SECONDS;
  const cd = lastValue(words, COUNTDOWN_PARAM);
  if (cd !== undefined) {
    if (!/^\d{1,3}$/.test(cd) || Number(cd) > 600)
      return {
        ok: false,
        error: `${COUNTDOWN_PARAM}=${cd}: give whole seconds from 0 to 600 (0 starts at once)`,
      };
    countdownSeconds = Number(cd);
  }
  return { ok: true, request: { source: src.source, countdownSeconds } };
}

/** The source as a person wrote it, for messages. */
export function describeSource(s: PlanSource): string {
  switch (s.kind) {
    case "label":
      return `${s.path} on the volume labelled ${s.label}`;
    case "url":
      return s.url;
    case "file":
      return s.path;
  }
}
