/**
 * People typed as a table, said as the sentences the table stands for:
 *
 *     name  | admin            name,sudo
 *     omar  | no        or     vince,yes
 *     priya | yes              lena,no
 *
 * is "add user omar without sudo. add user priya with sudo." Read as prose, the header's "admin"
 * stood alone as the grant and went to the first name, while the "no" in omar's row was lost, so
 * omar got sudo (dev17 h16-038); the comma rows were taken for passwords (tester 13 W6). A table's
 * grammar is its columns: a cell is a name only in the name column, and the privilege column's
 * cell says yes or no for that row's person alone. A no-like cell refuses; a cell that says
 * neither is said as a doubt ("maybe with sudo"), which the sudo readers never grant
 * (agent/safety/sudoHedges.ts). Only a table whose header has a name column is read; every other
 * text is left as typed.
 */

/** A header cell that heads the names. */
const NAME_HEAD = /^(?:name|names|user|users|username|user name|login|account|who|person|people)$/;
/** A header cell that heads the privilege. */
const PRIVILEGE_HEAD =
  /^(?:admin|admins|administrator|sudo|sudoer|sudoers|root|wheel|superuser|admin rights|sudo rights|root access|sudo access|privileges?|rights|role)$/;
const YES_CELL =
  /^(?:yes|y|yep|yeah|yup|true|1|x|on|sure|admin|sudo|sudoer|root|wheel|ja|oui|si|sí|da|tak|ano|evet|ha|haan|ya|igen|có|✓|✔|✔️|✅)$/;
const NO_CELL =
  /^(?:no|n|nope|nah|false|0|off|none|never|-|–|—|nein|non|nee|nej|nie|ne|hayır|hayir|nahi|nahin|tidak|bukan|nem|không|khong|nu|nae|user|regular|normal|standard|✗|✘|❌)$/;
/** A username as the tools allow it. */
const USERNAME = /^[a-z_][a-z0-9_-]{0,31}$/;

/** A line's cells: split at "|", a tab, ";" or ","; the outer pipes of a markdown row dropped. */
function cells(line: string): string[] | undefined {
  const t = line.trim().replace(/^\|/, "").replace(/\|$/, "");
  const sep = t.includes("|")
    ? "|"
    : t.includes("\t")
      ? "\t"
      : t.includes(";")
        ? ";"
        : t.includes(",")
          ? ","
          : undefined;
  if (!sep) return undefined;
  return t.split(sep).map((c) => c.trim().toLowerCase().replace(/[*_`]/g, "").replace(/\s+/g, " "));
}

/** "---|:---:": a markdown table's rule line. */
const RULE_LINE = /^[\s|:+-]+$/;

/** The text with every people table in it said as sentences; unchanged when there is none. */
export function sayPeopleTables(text: string): string {
  const lines = text.split("\n");
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const head = cells(lines[i]!);
    const nameCol = head?.findIndex((c) => NAME_HEAD.test(c)) ?? -1;
    if (!head || nameCol < 0 || head.length < 2) {
      out.push(lines[i]!);
      i++;
      continue;
    }
    const privCol = head.findIndex((c) => PRIVILEGE_HEAD.test(c));
    const said: string[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const line = lines[j]!;
      if (RULE_LINE.test(line) && line.includes("-")) continue;
      const row = cells(line);
      if (!row || row.length !== head.length || !USERNAME.test(row[nameCol] ?? "")) break;
      said.push(`add user ${row[nameCol]}${privCol >= 0 ? privilegeWords(row[privCol] ?? "") : ""}.`);
    }
    // a header with no row of names under it is no table: left as typed
    if (!said.length) {
      out.push(lines[i]!);
      i++;
      continue;
    }
    out.push(...said);
    i = j;
  }
  return out.join("\n");
}

/** What a privilege cell says for its row: a grant, a refusal, or a doubt the readers ask about. */
function privilegeWords(cell: string): string {
  const c = cell.replace(/[.!]+$/, "");
  if (YES_CELL.test(c)) return " with sudo";
  if (NO_CELL.test(c) || c === "") return " without sudo";
  return " maybe with sudo";
}
