/**
 * "and go", "go too", "also rust please": a program added to the list, where the program's name
 * is also a word that answers a plan ("go"). Read as a yes, "and go" confirmed the plan, an erase
 * included (fresh set 26 h25m-026: recipes held go, and the person went on to say "i mean the
 * language go, not go as in start").
 *
 * Why this is safe: it only keeps such a turn from being a yes; the turn goes to the readers, which
 * make the install (nothing destroyed) or ask. The shape is strict: an additive word ("and",
 * "also", "plus" first, or "too", "as well" last), and nothing else but program names of the facts
 * and "please": "go", "ok go", "yes and go ahead" stay what they were.
 */
const ADDITIVE_FIRST = new Set(["and", "also", "plus"]);
const ADDITIVE_LAST = new Set(["too", "also"]);
const POLITE = new Set(["please", "pls", "plz"]);

export function addsProgram(text: string, programs: readonly string[]): boolean {
  const w = text
    .toLowerCase()
    .replace(/[.,!]+/g, " ")
    .trim()
    .split(/\s+/)
    .filter((x) => x && !POLITE.has(x));
  if (w.length < 2) return false;
  const known = new Set(programs.map((p) => p.toLowerCase()));
  let body = w;
  if (ADDITIVE_FIRST.has(body[0]!)) body = body.slice(1);
  else if (ADDITIVE_LAST.has(body.at(-1)!)) body = body.slice(0, -1);
  else if (body.at(-2) === "as" && body.at(-1) === "well") body = body.slice(0, -2);
  else return false;
  return body.length > 0 && body.every((x) => known.has(x));
}
