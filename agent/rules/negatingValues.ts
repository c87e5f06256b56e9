/**
 * A request answered "no" inside its own clause, said as the plain "don't …" every reader knows
 * (attacker 26 F14, F15, F16):
 * - a form's "no" value after the request or after the privilege ("erase /dev/sda = false",
 *   "remove fd: 0", "remove fd ✗", "sudo: -", "admin ☐", "create user bob with sudo [ ]");
 * - an unchecked box before an item ("[ ] erase /dev/sda", "- [ ] give bob sudo");
 * - an adynaton closing the request ("erase /dev/sda in your dreams", "remove fd when pigs fly",
 *   "give eve sudo over my dead body"): the figure says "never", whatever the words before it.
 *
 * Read by shape: the value or the figure closes the clause of a destructive request (erase, wipe,
 * format, remove, uninstall, delete, sudo/admin). Safety: the step only ever says "don't" or "no";
 * a request read as refused costs the user a second sentence, a "no" read as a request erases a
 * disk, removes a program or grants root. A non-destructive clause keeps its words ("swap: 0" is
 * no swap, read by the form lines).
 */

/**
 * The values a form writes for "no". After ":" or "=" a word counts too ("= false", ": off"); after
 * a bare space only a sign or a 0 does, since a word there is English ("wipe that ubuntu off", "a
 * hard no").
 */
const NO_SIGN = String.raw`(?:0|-+|–|—|\[\s?\]|\(\s?\)|☐|□|✗|✘|×|✕|❎)`;
const NO_WORD = String.raw`(?:false|off|no|none|nope|n)`;
/** The value with nothing after it in its clause. */
const CLOSE = String.raw`(?=\s*(?:$|[\n,;|.!?](?!\w)))`;

/** Words that ask for something that cannot be undone. */
const DESTRUCTIVE =
  /\b(?:erase|wipe|format|reformat|nuke|zap|blank|overwrite|repartition|delete|remove|uninstall|purge|rm|del|trash|scrap|kill|destroy|sudo|sudoers?|admin|administrator|root|wheel|superuser)\b/i;

/** A number that names a disk or a partition ("disk 0", "partition 0", "#0") is no value. */
const NUMBERED = /(?:\b(?:disk|drive|partition|part|nvme|number|no|index|slot|device|dev)|#)\s*$/i;

/**
 * The privilege followed by a sign for "no": "sudo 0", "sudo: -", "admin ☐" (the words, "sudo: no",
 * "sudo=false", are read by the form lines already).
 */
const PRIVILEGE_NO = new RegExp(
  String.raw`\b(sudo|admin|administrator|root|wheel|superuser|sudoer)(?:\s*[:=]\s*|\s+)${NO_SIGN}${CLOSE}`,
  "gi",
);

/** A request's clause closed by a "no" value: "erase /dev/sda = false", "remove fd: 0", "remove fd ✗". */
const CLAUSE_NO = new RegExp(
  String.raw`([^\n,;.!?|]*?)(?:\s*[:=]\s*(?:${NO_SIGN}|${NO_WORD})|\s+${NO_SIGN})${CLOSE}`,
  "gi",
);

/** An unchecked box before an item, as a list line or inline ("[x] keep sda [ ] erase sda"). */
const UNCHECKED = /(^|\n|\s)\s*(?:[-*+]\s+)?(?:\[\s?\]|☐|□)\s*([^\n[☐□☑]+)/g;

/**
 * Figures of "never": said after a request, they refuse it. A closed class: the English adynata
 * and their usual variants (not the milder "as if", "yeah right", read elsewhere as mocking).
 */
const ADYNATON =
  /[\s,.!?;:-]*\b(?:(?:only\s+)?(?:when|once|after|the day)\s+(?:pigs|pig)\s+(?:can\s+|will\s+|might\s+|learn\s+to\s+)?fly|pigs\s+might\s+fly|(?:when|once|after|till|until|the day)\s+hell\s+freezes(?:\s+over)?|(?:over|across)\s+my\s+(?:cold\s+)?dead\s+body|in\s+(?:your|ur|yer)\s+(?:wildest\s+)?dreams|dream\s+on|not\s+in\s+(?:a\s+(?:million|thousand|hundred)\s+years|this\s+(?:life(?:time)?|century))|not\s+on\s+(?:your|my)\s+life|on\s+the\s+twelfth\s+of\s+never|when\s+the\s+sun\s+rises\s+in\s+the\s+west|in\s+a\s+pig'?s\s+eye|fat\s+chance|you\s+wish)\b[\s.!?]*(?:lol|lmao|haha+)?[\s.!?]*(?=$|[\n,;])/gi;

export function sayNegatingValues(text: string): string {
  let out = text;
  out = out.replace(PRIVILEGE_NO, (_m, word: string) => `${word}: no`);
  out = out.replace(UNCHECKED, (m, lead: string, item: string) =>
    DESTRUCTIVE.test(item) ? `${lead}don't ${item.trim()}${item.endsWith(" ") ? " " : ""}` : m,
  );
  out = out.replace(CLAUSE_NO, (m, clause: string) => {
    if (
      !DESTRUCTIVE.test(clause) ||
      // a form line of several pairs ("sudo(ana) = true and sudo(ben) = false", "format: yes or no")
      /[=:(){}]/.test(clause) ||
      NUMBERED.test(clause) ||
      /\b(?:sudo|admin|root|wheel|superuser|sudoer|administrator)\s*$/i.test(clause)
    )
      return m;
    // already refused ("wipe sda = no" read before; "don't erase sda: -")
    if (/\b(?:don'?t|do not|never|not|no)\b/i.test(clause)) return m;
    const lead = clause.match(/^\s*/)![0];
    return `${lead}don't ${clause.trim()}`;
  });
  out = refuseAdynata(out);
  return out;
}

/** "erase sda in your dreams" → "don't erase sda"; "remove fd? when pigs fly" → "don't remove fd". */
function refuseAdynata(text: string): string {
  let out = text;
  let from = 0;
  for (let guard = 0; guard < 6; guard++) {
    ADYNATON.lastIndex = from;
    const m = ADYNATON.exec(out);
    if (!m) break;
    const before = out.slice(0, m.index);
    const after = out.slice(m.index + m[0].length);
    // the request it answers: its own clause, or the clause before when it stands alone
    const start = Math.max(before.search(/[^\n,;.!?]*[,;.!?]*\s*$/), 0);
    let head = before.slice(0, start);
    let clause = before.slice(start).replace(/[,;.!?\s]+$/, "");
    if (!/[a-z]/i.test(clause)) {
      const s2 = Math.max(head.replace(/[,;.!?\s]+$/, "").search(/[^\n,;.!?]*$/), 0);
      clause = head.slice(s2).replace(/[,;.!?\s]+$/, "");
      head = head.slice(0, s2);
    }
    // no destructive request to refuse, or one refused already ("the samsung? in your dreams"):
    // left as typed, for the readers of a refusal said as its own clause (safety/requestForm.ts)
    if (!DESTRUCTIVE.test(clause) || /\b(?:don'?t|do not|never)\b/i.test(clause)) {
      from = m.index + m[0].length;
      continue;
    }
    const said = `${head}${head && !/\s$/.test(head) ? " " : ""}don't ${clause.trim()}.`;
    out = `${said}${after ? ` ${after.replace(/^[\s,;]+/, "")}` : ""}`;
    from = said.length;
  }
  return out;
}
