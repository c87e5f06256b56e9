import { plainSudoValues } from "../safety/sudoReader.js";

/**
 * Lines written as a list or a form, said back as the sentences they stand for: "- keep: seagate",
 * "keep=sda,nvme0n1", "1. keep sda 2. user ana", "**keep**: the samsung", "windows: keep",
 * "disk=sdb". Read as prose, the colon or the equals sign split the key from its value, so the
 * value stood alone as a clause: "seagate" alone names a disk to install on, and "yes" then erased
 * the very disk the line kept (tester 9, D2). A line's key says what to do with its value; here the
 * key and the value become one clause again, the key first, so a "keep" key keeps and a "disk" key
 * targets. Keys this does not know are left as typed, for the readers that already know them
 * (kickstart lines, "user=ana sudo=no").
 */

/** A key that keeps its value: said as the keep verb before the value. */
const KEEP_KEYS: [RegExp, string][] = [
  [/^(?:keep|keeps|kept|preserve|protect|spare|save)$/, "keep"],
  [/^(?:leave|leave alone|leave untouched|untouched|intact|sealed|hands off|off limits|off-limits)$/, "keep"],
  [/^(?:don'?t touch|dont touch|do not touch|no touch|never touch|not touch)$/, "don't touch"],
  [
    /^(?:don'?t wipe|dont wipe|do not wipe|don'?t erase|dont erase|do not erase|no wipe|no erase)$/,
    "don't erase",
  ],
  [/^(?:don'?t remove|dont remove|do not remove|no remove|don'?t uninstall|dont uninstall)$/, "don't remove"],
  [/^(?:exclude|excluded|skip|avoid|not|never|except|ignore)$/, "keep"],
];

/** A key that targets its value (a disk to install on, programs to add, things to remove). */
const ACT_KEYS: [RegExp, string][] = [
  [
    /^(?:disk|drive|target|target disk|install disk|install on|install to|install onto|root|dest|destination|device)$/,
    "install on",
  ],
  [/^(?:wipe|erase|format)$/, "erase"],
  [/^(?:apps|app|packages|package|pkgs|programs|software|tools|recipes|install|add)$/, "install"],
  [/^(?:remove|uninstall|delete|drop|purge)$/, "remove"],
];

/** A value that says what to do with the key before it: "windows: keep", "sda = don't touch". */
const KEEP_VALUE =
  /^(?:keep|keep (?:it|them|both|all|all of them|please)|stays?|stay put|untouched|untouchable|intact|sealed|protected|leave|leave (?:it|them|both)|leave (?:it |them |both )?alone|don'?t touch(?: (?:it|them|either|any))?|dont touch|do not touch|not to be touched|no touching|hands off|off limits|protect|preserve|safe|no wipe|don'?t wipe|do not wipe)$/;
const ERASE_VALUE = /^(?:wipe|wipe it|erase|erase it|format|format it|nuke)$/;
/** A value that puts the install on the key: "nvme0n1: install", "/dev/sdc,install here". */
const INSTALL_VALUE = /^(?:install|install here|install on it|install there|target|os|root|levitate)$/;

/** The words of a key as compared: lowercased, markdown and list marks taken off, spaces made one. */
function keyWords(key: string): string {
  return key.toLowerCase().replace(/[*_~]/g, "").replace(/[-_]/g, " ").replace(/\s+/g, " ").trim();
}

function lookup(keys: [RegExp, string][], key: string): string | undefined {
  const k = keyWords(key);
  return keys.find(([re]) => re.test(k))?.[1];
}

/** A verb that starts a request of its own: a list item after it is no longer the key's value. */
const OWN_REQUEST =
  /^(?:install|use|put|erase|wipe|format|add|create|make|set|give|choose|pick|remove|drop|uninstall|delete|user|users)\b/i;

/**
 * "sda,nvme0n1", "samsung, seagate": the key's value as a list said with "and", so the keep's
 * scope is every item; an item that starts a request of its own ends the value.
 */
function valueList(value: string): { list: string; rest: string } {
  const items = value.split(/\s*,\s*|\s+and\s+|\s*\+\s*/);
  const out: string[] = [];
  let i = 0;
  for (; i < items.length; i++) {
    const item = items[i]!.trim();
    if (!item) continue;
    if (out.length && (OWN_REQUEST.test(item) || item.split(/\s+/).length > 4)) break;
    out.push(item);
  }
  const restItems = items.slice(i).filter((x) => x.trim());
  return { list: out.join(" and "), rest: restItems.length ? restItems.join(", ") : "" };
}

/** One item of a list or one line of a form, said as a clause; undefined when it is neither. */
function itemWords(item: string): string | undefined {
  // "--keep sda", "--keep=sda": a flag named for a keep
  const flag = /^--?([a-z][a-z-]*)(?:=|\s+)(.+)$/i.exec(item);
  // "--keep sda --disk sdb": a command line of flags is read by the flag readers as typed
  if (flag && /\s--?[a-z]/i.test(flag[2]!)) return undefined;
  if (flag) {
    const keep = lookup(KEEP_KEYS, flag[1]!);
    if (keep) return `${keep} ${valueList(flag[2]!).list}`;
    return undefined;
  }
  // ("/dev/sda: keep", "nvme0n1 = install": a device name or path is a key too; a CSV row
  // "/dev/sda,keep" is a key and its value when the value is an action, dev17-keep h16k-011: the
  // kept rows erased /dev/sda)
  const kv =
    /^([a-z/][a-z0-9/' _*~-]{0,24}?)\s*(?::|=>|->|=)\s*(.+)$/i.exec(item) ??
    listKey(item) ??
    /^([a-z/][a-z0-9/_-]{1,24})\s*,\s*(keep|wipe|erase|format|install|leave|skip|ignore|untouched)\s*$/i.exec(
      item,
    );
  if (!kv) return undefined;
  // ("/dev/sda" said as "sda": a path ends at no full stop, so "keep /dev/sda." named no disk)
  const key = kv[1]!.replace(/^\/dev\//i, "");
  // "C: keep", "D: (Games)": a Windows drive letter, read by agent/safety/driveLetters.ts
  if (key.trim().length < 2) return undefined;
  const value = kv[2]!
    .replace(/[*_~]{2,}/g, "")
    .replace(/[.!;]+$/, "")
    .trim();
  const v = keyWords(value).replace(/[.!]+$/, "");
  // "windows: keep", "sda = wipe": the value is the verb, the key its object
  if (KEEP_VALUE.test(v) && !lookup(ACT_KEYS, key)) return `keep ${keyWords(key)}`;
  // "sda, sdb: keep", "WD + crucial = untouchable": a list key is only read with a keep value
  if (/[,+&]/.test(key)) return undefined;
  if (ERASE_VALUE.test(v) && !lookup(KEEP_KEYS, key)) return `erase ${keyWords(key)}`;
  if (INSTALL_VALUE.test(v) && !lookup(KEEP_KEYS, key) && !lookup(ACT_KEYS, key))
    return `install on ${keyWords(key)}`;
  const keep = lookup(KEEP_KEYS, key);
  if (keep) {
    const { list, rest } = valueList(value);
    return rest ? `${keep} ${list}, ${rest}` : `${keep} ${list}`;
  }
  const act = lookup(ACT_KEYS, key);
  if (act) return `${act} ${value}`;
  return undefined;
}

/**
 * "sda, sdb: keep", "WD + crucial = untouchable", "samsung & WD -> hands off": a key that lists
 * several things before a keep value. Read as prose, the comma cut the list, so only the last
 * item was kept and the first stood alone as a disk to install on (tester 18: a pick and a yes
 * then erased it). The items are said back joined by "and", so the keep's scope is every one.
 */
function listKey(item: string): RegExpExecArray | undefined {
  const m =
    /^([a-z/][a-z0-9/' _*~-]{0,24}(?:\s*(?:,|\+|&|\band\b)\s*[a-z/][a-z0-9/' _*~-]{0,24}){1,5}?)\s*(?::|=>|->|=)\s*(.+)$/i.exec(
      item,
    );
  if (!m) return undefined;
  const value = keyWords(m[2]!.replace(/[.!;]+$/, ""));
  if (!KEEP_VALUE.test(value)) return undefined;
  const items = m[1]!.split(/\s*(?:,|\+|&|\band\b)\s*/).filter(Boolean);
  if (items.some((x) => lookup(ACT_KEYS, x.replace(/^\/dev\//i, "")) || OWN_REQUEST.test(x)))
    return undefined;
  m[1] = items.map((x) => x.trim().replace(/^\/dev\//i, "")).join(" and ");
  return m;
}

/** The items of a list typed on one line: "1. keep sda 2. user ana", "- keep: a - target: b". */
function listItems(line: string): string[] | undefined {
  const t = line.trim();
  const numbered = /^(\d{1,2})[.)]\s+/.exec(t);
  if (numbered) {
    const items: string[] = [];
    let n = Number(numbered[1]);
    let rest = t.slice(numbered[0].length);
    for (;;) {
      const next = new RegExp(`\\s(${n + 1})[.)]\\s+`).exec(rest);
      if (!next) break;
      items.push(rest.slice(0, next.index));
      rest = rest.slice(next.index + next[0].length);
      n++;
    }
    items.push(rest);
    return items;
  }
  const bullet = /^([-*•+–])\s+/.exec(t);
  if (bullet) {
    const mark = bullet[1]!.replace(/[*+]/, "\\$&");
    return t
      .slice(bullet[0].length)
      .split(new RegExp(`\\s+${mark}\\s+`))
      .map((x) => x.trim());
  }
  return undefined;
}

/** "**keep**", "__keep__", "*keep*": emphasis marks around words are no words. */
function withoutEmphasis(text: string): string {
  return text
    .replace(/(\*\*|__)([^*_\n]+?)\1/g, "$2")
    .replace(/(^|[\s(])\*([^*\n]+?)\*(?=$|[\s).,:;!?])/g, "$1$2");
}

/** The text with list items and form lines said as sentences; other words unchanged. */
export function sayStructuredLines(typedText: string): string {
  // "user=oma sudo=no shell=/bin/bash", "admin? no": the refused privilege said as "without sudo"
  // before the pairs are split, so no reader sees a bare "sudo" beside the name (sudoReader.ts)
  const text = plainSudoValues(typedText);
  if (!/[:=\n]|->|^\s*(?:[-*•+]|\d{1,2}[.)])\s|--?[a-z]|\*\*|__/i.test(text)) return text;
  let changed = false;
  const out: string[] = [];
  for (const typed of text.split(/\r?\n/)) {
    const line = withoutEmphasis(typed);
    const listed = listItems(line);
    // "disk: the crucial. keep: the seagate": each sentence of an item is a line of its own
    const items = (listed ?? [line.trim()]).flatMap((x) => x.split(/(?<=[.;!?])\s+(?=\S)/));
    const said = items.map((item) => {
      // "--keep sda --disk sdb --swap 4G": a command line of flags is read by the flag readers
      if ((item.match(/(?:^|\s)--?[a-z]/gi) ?? []).length > 1) return item;
      const first =
        (item.match(/(?:^|\s)[a-z][a-z_-]*\s*=[^=\s]/gi) ?? []).length > 1 ? undefined : itemWords(item);
      if (first !== undefined) return first;
      // "user=ana sudo=no", "keep: sda, install on sdb": each clause of the item is read alone
      // "remove=htop keep=git": each key=value pair is a clause of its own
      return item
        .split(/(?<=[,;])\s+|\s+(?=[a-z][a-z_-]*\s*=[^=\s])/i)
        .map((p) => {
          const tail = /[,;]$/.test(p) ? p.slice(-1) : "";
          const w = itemWords(p.replace(/[,;]$/, "").trim());
          return w === undefined ? p : `${w}${tail}`;
        })
        .join(" ");
    });
    if (!line.trim() || (listed === undefined && line === typed && said.every((x, i) => x === items[i]))) {
      // a line no key changes stays as typed: a pasted disk listing is read row by row later
      out.push(typed);
      continue;
    }
    changed = true;
    // the line said is a sentence of its own, whatever the line before it ended with
    const before = out.findLast((x) => x.trim());
    const opener = before !== undefined && !/[.;!?]\s*$/.test(before) ? ". " : "";
    out.push(`${opener}${said.map((x) => x.replace(/[.;,\s]+$/, "")).join(". ")}.`);
  }
  return changed ? out.join("\n") : text;
}
