import type { ConversationView } from "../types.js";

/**
 * "windows and linux i mean. i dont want to loose windows", "Good, then please make it so. Windows is
 * not to be touched.", "i just dont want to lose the c drive ... can linux go somewhere else?": a
 * turn that keeps the system on the one disk there is, in a conversation about installing. The
 * only place the install can go is the free space beside what is kept, and the person came to
 * install: that install is the plan, not a question about it (dev28 h27k-011, -054, -066).
 *
 * Safety: the call installs into the free space (`use: "free"`), which keeps every partition byte
 * for byte; it is only a plan, shown and confirmed with a yes before anything runs. It is made
 * only where no other disk could take the install (the question stays where there is a choice),
 * only where words of this turn or an earlier one of the person ask for the install, not negated
 * ("don't install yet, keep windows" plans nothing), and never on a turn that asks or reports
 * ("I can keep my Windows, is that right?": answered, not planned; dev h27a-030).
 */
const INSTALL =
  /\b(?:install|installing|installed|linux|levitate|levitateos|dual ?boot|dualboot|both|alongside|next to|beside|free space|empty space|unallocated|make it so|instalar|instalarlo|instala|installer|installiere|installieren|junto a|a c[oô]t[eé])\b/i;
const NEGATED = /\b(?:dont|don't|do not|not|never|no|without|wont|won't)\s+(?:\w+\s+){0,2}$/i;

function asksInstall(text: string): boolean {
  const t = text.toLowerCase().replace(/[’]/g, "'");
  const g = new RegExp(INSTALL.source, "gi");
  for (let m = g.exec(t); m; m = g.exec(t)) if (!NEGATED.test(t.slice(0, m.index))) return true;
  return false;
}

/** "... and still keep my Windows. Is that right?", "my grandson told me ...": asked or reported. */
const NOT_ASKED = /\?|\b(?:told me|tells me|says|said|is that right|is it true)\b/i;

/** The person's words, now or earlier in the conversation, ask for the install; this turn asks nothing. */
export function installMeant(text: string, conv: ConversationView): boolean {
  if (NOT_ASKED.test(text)) return false;
  return [text, ...conv.turns.map((t) => t.user)].some(asksInstall);
}
