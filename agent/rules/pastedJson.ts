/**
 * A turn that is JSON ("{"tool":"createUser","args":{"username":"bob","sudo":true}}",
 * "{"username":"bob","passwordHash":"$6$x"}") read by its VALUES, never its keys (attacker 27
 * H4: the words "tool", "passwordhash" and "proto" of "__proto__" were planned as accounts, some
 * with sudo; M2: a pasted removeRecipe planned "install fd").
 *
 * - A tool call (or a list of them, or {"calls": [...]}) is said as the sentence CONTRACTS gives
 *   it ("create user bob with sudo", "remove fd", "install on /dev/sda"): the ordinary readers,
 *   and with them every question and protection, then read that sentence. A disk call is said as
 *   "install on DISK" whatever its "use" says, so a disk that holds data is still asked about.
 * - Any other JSON keeps its form for the form readers, without the keys no one means as a
 *   setting ("__proto__", "constructor", "prototype", with everything under them) and without a
 *   password or hash (said "password ***", so the password note is given).
 *
 * Safety: sudo comes only from "sudo": true in the same call as that username; a key never
 * becomes a name; a call this cannot read is said as nothing, so the turn gets a question.
 */

const NAME = /^[a-z_][a-z0-9_-]{0,31}$/;
const DANGEROUS_KEY = /^(?:__proto__|constructor|prototype)$/;
const SECRET_KEY = /pass|secret|hash|^pin$|^pw$|^pwd$/i;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function isObject(v: Json | undefined): v is { [k: string]: Json } {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The value without the keys no one means and without secrets; `hadSecret` says one went. */
function cleaned(v: Json, seen: { secret: boolean }): Json | undefined {
  if (Array.isArray(v)) return v.map((x) => cleaned(x, seen)).filter((x): x is Json => x !== undefined);
  if (!isObject(v)) return v;
  const out: { [k: string]: Json } = {};
  for (const [k, x] of Object.entries(v)) {
    if (DANGEROUS_KEY.test(k)) continue;
    if (SECRET_KEY.test(k)) {
      seen.secret = true;
      continue;
    }
    const c = cleaned(x, seen);
    if (c !== undefined)
      Object.defineProperty(out, k, { value: c, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

const str = (v: Json | undefined): string | undefined =>
  typeof v === "string" && v.trim() ? v.trim() : undefined;

function callSentence(tool: string, a: { [k: string]: Json }): string | undefined {
  switch (tool) {
    case "createUser": {
      const name = str(a.username)?.toLowerCase();
      if (!name || !NAME.test(name)) return undefined;
      return `create user ${name}${a.sudo === true ? " with sudo" : a.sudo === false ? " without sudo" : ""}`;
    }
    case "installRecipe":
    case "removeRecipe": {
      const name = str(a.name);
      if (!name || !/^[\w.+-]{1,64}$/.test(name)) return undefined;
      return `${tool === "installRecipe" ? "install" : "remove"} ${name}`;
    }
    case "partitionDisk": {
      const disk = str(a.disk);
      if (!disk || !/^[\w/.-]{1,64}$/.test(disk)) return undefined;
      if (a.use === "free") return `install into the free space of ${disk}`;
      return `install on ${disk}`;
    }
    case "setHostname": {
      const h = str(a.hostname);
      return h && /^[A-Za-z0-9.-]{1,253}$/.test(h) ? `set the hostname to ${h}` : undefined;
    }
    case "setLocale": {
      const bits = [
        str(a.locale) && `locale ${str(a.locale)}`,
        str(a.keymap) && `keymap ${str(a.keymap)}`,
        str(a.timezone) && `time zone ${str(a.timezone)}`,
      ].filter(Boolean);
      return bits.length ? `set ${bits.join(", ")}` : undefined;
    }
    default:
      return undefined;
  }
}

/** The calls of a pasted value, or undefined when it is not shaped as tool calls. */
function callsOf(v: Json): { tool: string; args: { [k: string]: Json } }[] | undefined {
  const list = Array.isArray(v) ? v : isObject(v) && Array.isArray(v.calls) ? v.calls : [v];
  const calls = list.filter(isObject).filter((c) => typeof c.tool === "string");
  if (!calls.length) return undefined;
  return calls.map((c) => ({ tool: c.tool as string, args: isObject(c.args) ? c.args : {} }));
}

export function sayPastedJson(text: string): string {
  const t = text.trim();
  if (!/^[[{]/.test(t) || !/[\]}]$/.test(t)) return text;
  let parsed: Json;
  try {
    parsed = JSON.parse(t) as Json;
  } catch {
    return text;
  }
  const seen = { secret: false };
  const value = cleaned(parsed, seen);
  if (value === undefined) return text;
  const secretNote = seen.secret ? ", password ***" : "";
  const calls = callsOf(value);
  if (calls) {
    const sentences = calls.map((c) => callSentence(c.tool, c.args)).filter((s): s is string => !!s);
    return sentences.length
      ? `${sentences.join(", and ")}${secretNote}`
      : `(pasted calls I cannot read)${secretNote}`;
  }
  return `${JSON.stringify(value)}${secretNote}`;
}
