import type { Facts } from "../../facts/schema.js";
import type { Decision } from "../../tools/decision.js";
import { NOT_A_NAME, readSudo, sudoUsers, sudoVerdict } from "../safety/sudoReader.js";
import type { Protection, Reading } from "../safety/types.js";
import { describeCall } from "../session/describe.js";
import type { ConversationView, PlanCall } from "../types.js";

export { NOT_A_NAME, plainSudoValues, readSudo, type SudoReading } from "../safety/sudoReader.js";

/**
 * Sudo refused in any form, read one way (tester 7, DANGEROUS 1-11). Sudo is given only by a
 * positive grant aimed at a user; a negation, an off/false/0/disabled value or an exclusivity near
 * a privilege word, in the clause of that user, means no sudo, whatever the word order:
 * "administrator she is not", "sudo not for him", "the sudo she must not have", "sudo=false",
 * "(sudo: off)", "admin=0", "with sudo disabled", "wheel group is for me only", "I'm the only
 * admin", "me admin, the kids not", "useradd -G users tina" (the users group is no admin group).
 *
 * The readers before this one recognise refusals by their shape ("no sudo for X", "X without
 * sudo"); each new word order slipped through as a grant because "sudo" was in the sentence. This
 * one asks the opposite question, for every user a decision gives sudo: do the words near the
 * privilege, in that user's clause, say no? Then the grant goes (the account stays), the refusal
 * becomes a protection (shown as "Kept: kim without sudo", never offered by the login question),
 * and a later bare "yes"/"ok" cannot give it back. The words are read by the one sudo reader
 * (agent/safety/sudoReader.ts), which the evidence gate asks too: what one screen reads as refused,
 * the other never grants.
 */

type CreateUser = Extract<PlanCall, { tool: "createUser" }>;
const isCreate = (c: { tool: string }): c is CreateUser => c.tool === "createUser";

/**
 * The last check of a turn (agent/turn.ts): a createUser with sudo that the words refuse loses
 * the sudo (the account stays); an account named by a group word ("others", "the kids") is never
 * created; sudo given to a group the words never name ("others: sudo", "all three with sudo except
 * tom") is asked about, by name; sudo given back by a bare "yes"/"ok" after the person refused it in
 * an earlier turn is asked about instead, quoting the refusal.
 */
export function screenSudoRefusals(decision: Decision, conv: ConversationView, facts: Facts): Decision {
  return withOfferedTakings(refusalsScreened(decision, conv, facts), conv);
}

/**
 * "no wait paul keeps sudo, rita doesnt" after "paul no sudo": paul's grant is refused and the turn
 * becomes a question, whose offer also takes rita's sudo. The reply says so: a refused half of a
 * turn never swallows the other half unsaid (tester 11 D4).
 */
function withOfferedTakings(decision: Decision, conv: ConversationView): Decision {
  if (!("reply" in decision) || !decision.offer) return decision;
  const reply = decision.reply;
  const taken = decision.offer.calls.flatMap((c) =>
    isCreate(c) &&
    !c.args.sudo &&
    !new RegExp(`\\b${c.args.username}\\b`).test(reply) &&
    conv.pending.some((p) => isCreate(p) && p.args.username === c.args.username && p.args.sudo)
      ? [c.args.username]
      : [],
  );
  if (!taken.length) return decision;
  return { ...decision, reply: `${reply} "yes" also takes sudo from ${taken.join(" and ")}.`.slice(0, 2000) };
}

function refusalsScreened(decision: Decision, conv: ConversationView, facts: Facts): Decision {
  const offered = "reply" in decision && decision.offer !== undefined;
  if (!("calls" in decision) && !offered) return decision;
  const calls = ("calls" in decision ? decision.calls : decision.offer!.calls) as PlanCall[];
  const creates = calls.filter(isCreate);
  if (!creates.length) return decision;
  const users = sudoUsers(conv, calls);
  const now = readSudo(conv.user, users);
  // the one reader (agent/safety/sudoReader.ts): what the evidence gate reads as refused is refused here
  const verdict = new Map(users.map((u) => [u, sudoVerdict(u, conv, decision, users)]));
  const refused = (u: string) => verdict.get(u)?.kind === "refused";
  const notes: string[] = [];
  const groups = creates.filter((c) => NOT_A_NAME.has(c.args.username));
  if (groups.length)
    notes.push(
      `"${groups.map((g) => g.args.username).join('", "')}" ${groups.length > 1 ? "are" : "is"} not a name, so I created no account for it.`,
    );
  let out = calls.filter((c) => !groups.includes(c as CreateUser));
  out = out.map((c) => {
    if (!isCreate(c) || !c.args.sudo) return c;
    const u = c.args.username;
    const v = verdict.get(u);
    if (v?.kind !== "refused") return c;
    // sudo refused in an earlier turn comes back only through words that give it to them now
    if (v.earlier)
      notes.push(
        `You said "${v.said}" for ${u} earlier, so ${u} stays without sudo. To give ${u} sudo after all, say "give ${u} sudo after all".`,
      );
    return { ...c, args: { ...c.args, sudo: false } };
  });
  // "others: sudo", "all three with sudo except tom": my reading of who that is, said by name
  // and offered, never given on a guess (a "yes" takes it)
  if (now.groupGrant) {
    const who = out.filter(
      (c): c is CreateUser => isCreate(c) && !refused(c.args.username) && !NOT_A_NAME.has(c.args.username),
    );
    const not = out.filter((c): c is CreateUser => isCreate(c) && refused(c.args.username));
    out = out.map((c) => (isCreate(c) ? { ...c, args: { ...c.args, sudo: who.includes(c) } } : c));
    notes.push(
      who.length
        ? `I read "${now.groupGrant}" as sudo for ${who.map((c) => c.args.username).join(" and ")}${not.length ? `, not for ${not.map((c) => c.args.username).join(" or ")}` : ""}.`
        : `Who should get sudo ("${now.groupGrant}")? Say e.g. "give anna sudo".`,
    );
  }
  const changed = out.length !== calls.length || out.some((c, i) => c !== calls[i]);
  if (!changed && !notes.length) return decision;
  if (!notes.length)
    return offered ? ({ ...decision, offer: { calls: out } } as Decision) : ({ calls: out } as Decision);
  // what is new beside the notes is offered ("Shall I ...?"), never added unasked
  const fresh = out.filter((c) => !conv.pending.some((p) => sameCall(p, c)));
  const lead = "reply" in decision ? [decision.reply] : [];
  const question = fresh.length
    ? [`Shall I ${fresh.map((c) => describeCall(c, facts)).join(", ")}?`]
    : conv.pending.length
      ? ["The plan is as it was."]
      : [];
  const reply = [...lead, ...notes, ...question].join(" ");
  return fresh.length ? ({ reply, offer: { calls: fresh } } as Decision) : { reply };
}

function sameCall(a: PlanCall, b: PlanCall): boolean {
  if (a.tool !== b.tool) return false;
  if (isCreate(a) && isCreate(b)) return a.args.username === b.args.username && a.args.sudo === b.args.sudo;
  return JSON.stringify(a.args) === JSON.stringify(b.args);
}

/**
 * What `Conversation.record` adds to a turn's protections: every account the decision creates
 * that the words refuse sudo to is kept without it ("Kept: kim without sudo"), so the login
 * question never offers it back and a later grant needs words that lift the refusal.
 */
export function withSudoRefusals(reading: Reading, text: string, decision: Decision): Reading {
  if (!("calls" in decision)) return reading;
  const users = decision.calls.filter(isCreate).map((c) => c.args.username);
  if (!users.length) return reading;
  const { refused } = readSudo(text, users);
  const add: Protection[] = [...refused]
    .filter(([u]) => !reading.protect.some((p) => p.kind === "sudo" && p.username === u))
    .filter(([u]) => !reading.release.some((p) => p.kind === "sudo" && p.username === u))
    .map(([username, said]) => ({ kind: "sudo", username, said }));
  return add.length ? { ...reading, protect: [...reading.protect, ...add] } : reading;
}
