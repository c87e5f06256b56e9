import { isActionVerb, startsWithActionVerb } from "./actionVerbs.js";

/**
 * "🚫 wipe sda. install on sdb", "erase sda ❌ install sdb ✅", "remove fd, git ❌", "lena: admin ❌"
 * (attacker 10 H3): a refusing mark was dropped as noise, so the clause or item it refused read as
 * a request (the Windows disk erased, git removed, sudo given). Said in words before any reader: a
 * refusing mark makes its clause "do not …" and a bare item "keep …" ("no sudo" for a grant); an
 * affirming mark (✅ 👍 ✔) leaves its clause as typed. Whose mark it is follows how the line is
 * written: a line that starts with a mark puts each mark before its clause; a line that ends with
 * one puts each after its clause; a mark inside a clause refuses the item after it ("remove fd 🚫
 * git"), or with its verb before it ("wipe 🚫 sda") the verb on that item.
 */

const VARIANT = String.raw`[\u{FE0F}\u{200D}\u{1F3FB}-\u{1F3FF}\u{2640}\u{2642}]*`;
const NO = String.raw`(?:\u{1F6AB}|\u{274C}|\u{1F645}|\u{26D4}|\u{270B}|\u{1F44E}|\u{1F6D1}|\u{2716}|\u{274E})${VARIANT}`;
const YES = String.raw`(?:\u{2705}|\u{1F44D}|\u{2714}|\u{2611}|\u{2713}|\u{1F197})${VARIANT}`;
const MARK = new RegExp(`(${NO}|${YES})`, "u");
const IS_NO = new RegExp(`^${NO}$`, "u");
const ANY = new RegExp(`${NO}|${YES}`, "u");

const GRANT = /^(?:sudo|admin|administrator|root|wheel|superuser)$/i;

/** A refused piece said in words. */
function refuse(piece: string): string {
  const p = piece.replace(/[:=\s]+$/, "").trim();
  if (!p) return "";
  // "create user bob sudo: 🚫", "user kim, admin ❌": the mark is the value of the privilege said
  // right before it, never a refusal of the whole request (attacker 27 L5: bob was not created)
  const grantLast = /^(.*\S)[\s,]+(\S+)$/.exec(p);
  if (grantLast && GRANT.test(grantLast[2]!)) return `${grantLast[1]}, no sudo`;
  if (startsWithActionVerb(p)) return `do not ${p}`;
  // "lena: admin ❌": the label stays, the grant is refused
  const label = /^(.*?:\s*)(\S+)$/.exec(p);
  if (label && GRANT.test(label[2]!)) return `${label[1]}no sudo`;
  if (GRANT.test(p)) return "no sudo";
  return `keep ${p}`;
}

/** An affirmed piece runs on into what follows it ("nvme ✅ btrfs": "nvme btrfs"). */
const RUN_ON = "\u0000";
const affirm = (piece: string): string => `${piece.replace(/[:=\s]+$/, "").trim()}${RUN_ON}`;

/** Pieces of a line between sentence ends and commas, the marks kept as their own pieces. */
function sayLine(line: string): string {
  // "👍", "❌" alone answer my question (a yes, a no): the answer readers know them
  if (!ANY.test(line) || !/[\p{L}\p{N}]/u.test(line)) return line;
  const parts = line.split(MARK);
  // parts: text, mark, text, mark, …, text
  const trimmed = line.replace(/^[\s\-*•>]+/, "");
  const lead = new RegExp(`^(?:${NO}|${YES})`, "u").test(trimmed);
  // "sda ❌ nvme ✅ btrfs": no verb before the first mark, so the marks follow their items;
  // "remove fd 🚫 git": a verb before it, so the mark is the next item's
  const trail =
    !lead &&
    (new RegExp(`(?:${NO}|${YES})[\\s.!;,]*$`, "u").test(line) ||
      !splitClauseBack(parts[0]!)[1].split(/\s+/).some(isActionVerb));
  const out: string[] = [];
  if (lead) {
    out.push(parts[0]!.trim());
    for (let i = 1; i < parts.length; i += 2) {
      const [clause, rest] = splitClause(parts[i + 1] ?? "");
      out.push(IS_NO.test(parts[i]!) ? refuse(clause) : affirm(clause), rest);
    }
  } else if (trail) {
    for (let i = 0; i < parts.length; i += 2) {
      const mark = parts[i + 1];
      if (mark === undefined) {
        out.push(parts[i]!);
        break;
      }
      const [before, clause] = splitClauseBack(parts[i]!);
      out.push(before.replace(/[,;\s]+$/, ""), IS_NO.test(mark) ? refuse(clause) : affirm(clause));
    }
  } else {
    // inside a clause: the mark is the item's after it
    let text = parts[0]!;
    for (let i = 1; i < parts.length; i += 2) {
      const [item, rest] = splitItem(parts[i + 1] ?? "");
      if (!IS_NO.test(parts[i]!)) {
        text += ` ${item}${rest}`;
        continue;
      }
      const verb = /(^|.*[\s,])(\w+)\s*$/.exec(text);
      if (verb && startsWithActionVerb(verb[2]!) && !/\S/.test(verb[1]!.replace(/[,.;]\s*$/, "")))
        text = `${verb[1]}do not ${verb[2]} ${item}`;
      else text = `${text.replace(/\s*(?:,|\band\b|\bbut\b)?\s*$/i, "")}. ${refuse(item)}`;
      text += rest;
    }
    out.push(text);
  }
  return out
    .map((s) => s.trim())
    .filter((s) => s && !/^[.,;!\s]+$/.test(s))
    .map((s) => s.replace(/^[.,;!\s]+/, ""))
    .join(". ")
    .replace(/\u0000(?=\. (?:do not|keep|no sudo)\b)/g, "")
    .replace(/\u0000(?:\. )?/g, " ")
    .replace(/\s*\.\s*\./g, ".")
    .trim();
}

/** The clause after a leading mark (to the next sentence end) and what follows it. */
function splitClause(text: string): [string, string] {
  const m = /^([^.;!?\n]*)([\s\S]*)$/.exec(text)!;
  return [m[1]!.trim(), m[2]!];
}

/** The clause before a trailing mark (back to a sentence end or a comma) and what precedes it. */
function splitClauseBack(text: string): [string, string] {
  const m = /^([\s\S]*[.;!?,\n])?([^.;!?,\n]*)$/.exec(text)!;
  return [m[1] ?? "", m[2]!.trim()];
}

/** The item after a mark inside a clause: one word (with what follows it kept as typed). */
function splitItem(text: string): [string, string] {
  const m = /^\s*([\w./+-]+)([\s\S]*)$/.exec(text);
  return m ? [m[1]!, m[2]!] : ["", text];
}

export function sayEmojiMarks(text: string): string {
  if (!ANY.test(text)) return text;
  return text.split("\n").map(sayLine).join("\n");
}
