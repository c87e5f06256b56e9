import type { Facts } from "../facts/schema.js";
import { type Decision, dropMatches, type Offer, ToolCallSchema } from "../tools/decision.js";
import { rewrite } from "./rewriteSteps.js";
import { deniedUsers, dropsPerson } from "./rules/deniedUsers.js";
import { resolveDisk } from "./rules/disks.js";
import { userOfLastTurn } from "./rules/renameShapes.js";
import { withSudoRefusals } from "./rules/sudoRefusals.js";
import { normalizeTokens } from "./rules/tokens.js";
import { renamedInPlan } from "./rules/userRename.js";
import { withEraseExclusions } from "./safety/eraseExclusions.js";
import { withSetKeeps } from "./safety/keepAllBut.js";
import { readProtections } from "./safety/read.js";
import { refusedPlannedInstalls } from "./safety/refusedInstall.js";
import { keptWithoutSudo, refusalFollowsRename, withoutRefusedSudo } from "./safety/refusedSudoKept.js";
import { type Refusal, refusalOf } from "./safety/screen.js";
import { narrowTwinKeep } from "./safety/twinKeep.js";
import { applyReading, type Protection, type Reading } from "./safety/types.js";
import type { Outcome } from "./session/outcome.js";
import { lettersLanguage } from "./speakerLanguage.js";
import type { ConversationView, Entity, EntityKind, PlanCall, TurnView } from "./types.js";
import { discardsWholePlan } from "./wholePlanDiscard.js";

/**
 * The conversation: turns, the pending plan, and what has been mentioned. Deterministic: the same
 * (user text, decision) pairs always give the same state, so evaluation can rebuild history from
 * expected outcomes and the chat can undo.
 */

export { scrubSecrets } from "./scrubSecrets.js";
export type { Outcome } from "./session/outcome.js";

/**
 * How a new call lands in the pending plan: a follow-up that changes an argument replaces the call
 * it changes instead of adding a second one. Returns the call it replaced, if any.
 */
export function mergeCall(pending: PlanCall[], call: PlanCall): PlanCall | undefined {
  const idx = pending.findIndex((p) => sameTarget(p, call));
  if (idx < 0) {
    pending.push(call);
    return undefined;
  }
  const old = pending[idx]!;
  if (old.tool === "setLocale" && call.tool === "setLocale") {
    // One setLocale per plan: a later turn's settings override, the rest stay.
    const merged = { ...old.args };
    for (const [k, v] of Object.entries(call.args))
      if (v !== undefined) (merged as Record<string, unknown>)[k] = v;
    pending[idx] = { tool: "setLocale", args: merged };
  } else {
    pending[idx] = call;
  }
  return old;
}

/** Two calls that cannot both stand in one plan: the later one is a correction of the earlier. */
function sameTarget(a: PlanCall, b: PlanCall): boolean {
  switch (b.tool) {
    case "partitionDisk":
    case "setLocale":
    case "setHostname":
      return a.tool === b.tool;
    case "createUser":
      return a.tool === "createUser" && a.args.username === b.args.username;
    case "installRecipe":
    case "removeRecipe":
      return (a.tool === "installRecipe" || a.tool === "removeRecipe") && a.args.name === b.args.name;
  }
}

/** Fills defaults and drops what the schema refuses; eval expectations may omit defaults. */
export function normalizeCall(call: { tool: string; args: unknown }): PlanCall | undefined {
  const r = ToolCallSchema.safeParse(call);
  return r.success ? (r.data as PlanCall) : undefined;
}

export function entitiesOfCall(call: PlanCall): { kind: EntityKind; value: string }[] {
  switch (call.tool) {
    case "partitionDisk":
      return [{ kind: "disk", value: call.args.disk }];
    case "createUser":
      return [{ kind: "user", value: call.args.username }];
    case "installRecipe":
    case "removeRecipe":
      return [{ kind: "recipe", value: call.args.name }];
    case "setHostname":
      return [{ kind: "hostname", value: call.args.hostname }];
    case "setLocale": {
      const out: { kind: EntityKind; value: string }[] = [];
      if (call.args.locale) out.push({ kind: "locale", value: call.args.locale });
      if (call.args.keymap) out.push({ kind: "keymap", value: call.args.keymap });
      if (call.args.timezone) out.push({ kind: "timezone", value: call.args.timezone });
      return out;
    }
  }
}

/** Disks, recipes and users a text names literally (a question, a reply offering candidates). */
export function entitiesInText(text: string, facts: Facts): { kind: EntityKind; value: string }[] {
  const out: { kind: EntityKind; value: string }[] = [];
  const seen = new Set<string>();
  const add = (kind: EntityKind, value: string) => {
    if (!seen.has(`${kind}:${value}`)) out.push({ kind, value });
    seen.add(`${kind}:${value}`);
  };
  for (const m of text.matchAll(/\/dev\/[A-Za-z0-9/_.-]*[A-Za-z0-9]/g)) {
    if (facts.disks.some((d) => d.path === m[0])) add("disk", m[0]);
  }
  const words = new Set(text.toLowerCase().match(/[a-z0-9][a-z0-9._+-]*/g) ?? []);
  for (const r of facts.recipes) if (words.has(r)) add("recipe", r);
  for (const u of facts.users) if (u !== "root" && words.has(u)) add("user", u);
  return out;
}

/** Words about a user's rights or settings: a renamed user's are then the words', not carried. */
const RIGHTS_SAID = /\b(?:sudo|admin\w*|root|wheel|groups?|shell|full\s*name|rights|privileges?)\b/i;

export class Conversation {
  readonly turns: TurnView[] = [];
  pending: PlanCall[] = [];
  entities: Entity[] = [];
  /** What the user asked to keep (agent/safety): read from every turn's words, enforced on every change. */
  protections: Protection[] = [];
  /** The calls the last reply offered, until the next turn that answers or drops them. */
  offer: Offer | undefined;
  /** The keeps a change of the plan has already said ("Kept: …"), each said once. */
  private readonly keptSaid = new Set<string>();
  /** Pending plans before each change, for /undo. */
  private readonly history: PlanCall[][] = [];

  constructor(readonly facts: Facts) {}

  /** This turn's reading, with my twin question's answer narrowing the phrase it asked about. */
  private narrowed(reading: Reading, user: string): Reading {
    const last = this.turns.at(-1)?.decision;
    return narrowTwinKeep(
      this.protections,
      reading,
      last && "reply" in last ? last.reply : undefined,
      user,
      (segment) => {
        const r = resolveDisk(normalizeTokens(segment, this.facts), this.facts.disks, {
          mentioned: [],
          offered: [],
        });
        return r.kind === "one" ? r.disk.path : undefined;
      },
    );
  }

  /**
   * What a backend sees for the turn `user`. Its protections already hold what this turn's words
   * keep ("keep the samsung, install on the other one"), read the same way `record` will.
   */
  view(user: string): ConversationView {
    const said = this.plain(user);
    // "wipe everything but the backup": the exception is kept too (agent/safety/eraseExclusions.ts)
    // "keep everything except the nvme": every other disk is kept (agent/safety/keepAllBut.ts)
    const reading = withSetKeeps(
      withEraseExclusions(
        readProtections(said, this.facts, {
          pending: this.pending,
          entities: this.entities,
          turns: this.turns,
        }),
        said,
        this.facts,
      ),
      said,
      this.facts,
      this.pending,
    );
    return {
      turns: this.turns,
      pending: this.pending,
      entities: this.entities,
      user: said,
      // never where a secret was hidden: the words as typed would carry it past the scrub
      ...(said !== user && !said.includes("***") && !/pass|\bpw\b|secret|[^\x00-\x7F]/i.test(user)
        ? { typed: user }
        : {}),
      ...(this.plained?.corrected.length ? { corrected: this.plained.corrected } : {}),
      protections: applyReading(this.protections, this.narrowed(reading, user)),
      ...(this.offer ? { offer: this.offer } : {}),
    };
  }

  /** The last words made plain: view and record read the same turn, so it is read once. */
  private plained: { raw: string; turn: number; plain: string; corrected: string[] } | undefined;

  /**
   * The words as every reader sees them. "i wouldnt wipe sda", "wipe sda? no way", "apt install fd":
   * said plainly before anything reads them; "sudo make me a sandwich", "i always type sudo lol":
   * sudo said as no grant (rules/straySudo.ts). Depends on the words, the facts and (for a menu
   * pick) my last question.
   */
  private plain(raw: string): string {
    if (this.plained?.raw !== raw || this.plained.turn !== this.turns.length) {
      // the steps and their order: agent/rewriteSteps.ts
      const said = rewrite(raw, {
        facts: this.facts,
        last: this.turns.at(-1)?.decision,
        pending: this.pending,
        offer: this.offer,
        lastUser: this.turns.at(-1)?.user,
      });
      this.plained = { raw, turn: this.turns.length, corrected: said.corrected, plain: said.text };
    }
    return this.plained.plain;
  }

  private mention(kind: EntityKind, value: string, turn: number): void {
    this.entities = this.entities.filter((e) => !(e.kind === kind && e.value === value));
    this.entities.push({ kind, value, turn });
  }

  /**
   * Records a turn and applies its decision to the pending plan. `confirm: true` means the plan was
   * accepted (the caller executes it) and leaves nothing pending; `confirm: false` keeps the plan,
   * unless the words throw it all away.
   */
  record(said: string, decision: Decision): Outcome {
    const user = this.plain(said);
    const turn = this.turns.length;
    // One /undo entry per turn, whatever the turn changed: a keep that withdrew a step and then a
    // drop had pushed two, and the first /undo showed "Undone." with nothing changed (attacker 25, H2).
    const before = [...this.pending];
    // "call him robert": "him" is the user named before this turn
    const lastUser = this.last("user");
    // The user's words first: what they keep holds for this turn's decision too.
    const read = withSetKeeps(
      withEraseExclusions(
        readProtections(user, this.facts, {
          pending: this.pending,
          entities: this.entities,
          turns: this.turns,
        }),
        user,
        this.facts,
      ),
      user,
      this.facts,
      this.pending,
    );
    // "create kim, no sudo", "sudo=false": kept without sudo, so no later question offers it back
    const reading = withSudoRefusals(read, user, decision);
    const protectedBefore = this.protections;
    this.protections = applyReading(this.protections, this.narrowed(reading, user));
    // what no change of the plan has said kept yet: the outcome names only these (tester 27 R1:
    // every reply repeated the whole list); the plan review and "what's in the plan?" show them all
    const keptNow = () => {
      const now = this.protections.filter((p) => !this.keptSaid.has(JSON.stringify(p)));
      return now.length ? { keptNow: now } : {};
    };
    const saidKept = (o: Outcome): Outcome => {
      if (o.kind === "calls" || o.kind === "drop")
        for (const p of o.keptNow ?? []) this.keptSaid.add(JSON.stringify(p));
      return o;
    };
    // the language its letters show, for a later "tak" or "jo" (agent/speakerLanguage.ts)
    const letters = lettersLanguage(said);
    this.turns.push({ user, decision, ...(letters ? { letters } : {}) });
    this.offer = undefined;
    // What the user named is mentioned even when the decision is a reply.
    for (const e of entitiesInText(user, this.facts)) this.mention(e.kind, e.value, turn);
    // A step already planned that the words now protect leaves the plan ("do not wipe it").
    const withdrawn = this.withdrawViolations(user).map((r) => r.call);
    const lowered = this.lowered;
    const keeps = () => ({
      ...(this.protections.length ? { kept: [...this.protections] } : {}),
      ...keptNow(),
    });
    const also = {
      ...(withdrawn.length ? { withdrawn } : {}),
      ...(lowered.length ? { lowered } : {}),
      ...keeps(),
    };
    // a refused install taken out below changes the keeps this outcome reports
    const refreshKeeps = () => {
      delete also.kept;
      delete also.keptNow;
      Object.assign(also, keeps());
    };
    if ("reply" in decision) {
      // "hmm no steam. ext4 instead" answered "that is already the plan": the refused install
      // still leaves it (tester 28 F29); a lone question ("no vlc?") changes nothing
      const unwanted =
        /\?\s*$/.test(user) && !/[,;.]/.test(user.replace(/\?\s*$/, ""))
          ? []
          : refusedPlannedInstalls(user, this.pending);
      if (unwanted.length) {
        this.pending = this.pending.filter((c) => !unwanted.includes(c));
        this.forgetRefusedKeeps(unwanted, protectedBefore);
        also.withdrawn = [...(also.withdrawn ?? []), ...unwanted];
        refreshKeeps();
      }
      // A question that offers disks makes them "the bigger one"'s candidates.
      for (const e of entitiesInText(decision.reply, this.facts)) this.mention(e.kind, e.value, turn);
      if (withdrawn.length || lowered.length || unwanted.length) this.history.push(before);
      if (decision.offer) {
        this.offer = decision.offer;
        for (const c of decision.offer.calls)
          for (const e of entitiesOfCall(c)) this.mention(e.kind, e.value, turn);
      }
      return {
        kind: "reply",
        text: decision.reply,
        ...(decision.offer ? { offer: decision.offer } : {}),
        ...also,
      };
    }
    if ("confirm" in decision) {
      const plan = this.pending;
      // An accepted plan is executed and stays done.
      if (decision.confirm) {
        this.history.length = 0;
        this.pending = [];
        return { kind: "confirm", value: true, plan };
      }
      // "no", "not yet", "later": not now, never "throw it away" (the lead's ruling, round 25): every
      // step stays and nothing runs. Only words that say so ("start over", "scrap all that") drop
      // the whole plan, and /undo brings it back (agent/wholePlanDiscard.ts).
      if (!discardsWholePlan(said) && !discardsWholePlan(user)) {
        if (withdrawn.length || lowered.length) this.history.push(before);
        return { kind: "confirm", value: false, plan, kept: true };
      }
      this.history.push(before);
      this.pending = [];
      return { kind: "confirm", value: false, plan, kept: false };
    }
    if ("drop" in decision) {
      // "actually keep the samsung": the words already withdrew the erase; that is what was dropped
      const dropped = [
        ...withdrawn.filter((p) => decision.drop.some((d) => dropMatches(d, p))),
        ...this.pending.filter((p) => decision.drop.some((d) => dropMatches(d, p))),
      ];
      if (dropped.length > 0) this.pending = this.pending.filter((p) => !dropped.includes(p));
      // "actually not fd" took fd's install out; it keeps nothing (tester 27 R1)
      const droppedInstalls = dropped.filter((p) => p.tool === "installRecipe");
      if (droppedInstalls.length) {
        this.forgetRefusedKeeps(droppedInstalls, protectedBefore);
        refreshKeeps();
      }
      if (dropped.length > 0 || withdrawn.length > 0 || lowered.length > 0) this.history.push(before);
      return saidKept({ kind: "drop", dropped, ...also });
    }
    this.history.push(before);
    const next = [...this.pending];
    const added: PlanCall[] = [];
    const replaced: PlanCall[] = [];
    const refused: Refusal[] = [];
    for (const raw of decision.calls) {
      const call = normalizeCall(raw) ?? raw;
      // The screen again, here where every change lands: nothing that breaks a protection is added.
      const refusal = refusalOf(call, this.protections, this.facts);
      if (refusal) {
        refused.push(refusal);
        continue;
      }
      const old = mergeCall(next, call);
      if (old) replaced.push(old);
      else added.push(call);
      for (const e of entitiesOfCall(call)) this.mention(e.kind, e.value, turn);
    }
    // "no call him robert" with bob only planned: robert is planned, bob goes (agent/rules/userRename.ts)
    const renamed = renamedInPlan(user, next, added, lastUser, userOfLastTurn(this.turns.slice(0, -1)));
    if (renamed?.tool === "createUser") {
      next.splice(next.indexOf(renamed), 1);
      // the same person under a new name keeps what was asked for them, unless these words say
      // something of their rights (and never what a protection refuses)
      const i = next.findIndex((c) => added.includes(c) && c.tool === "createUser");
      const now = next[i];
      // the "no sudo" said of the person follows them to the new name (safety/refusedSudoKept.ts)
      if (now?.tool === "createUser") {
        this.protections = refusalFollowsRename(this.protections, renamed.args.username, now.args.username);
        const held = withoutRefusedSudo(now, this.protections);
        if (held !== now) {
          refused.push({
            call: now,
            reason: `You said ${renamed.args.username} should not have sudo, so ${now.args.username} gets none either.`,
          });
          next[i] = held;
          added[added.indexOf(now)] = held;
        }
      }
      if (now?.tool === "createUser" && !RIGHTS_SAID.test(user)) {
        const carried: PlanCall = {
          tool: "createUser",
          args: { ...renamed.args, username: now.args.username },
        };
        if (!refusalOf(carried, this.protections, this.facts)) {
          next[i] = carried;
          added[added.indexOf(now)] = carried;
        }
      }
    }
    // "no user berlin. time zone berlin": a planned account the words say is none leaves the plan
    // beside what else the turn asks (rules/deniedUsers.ts)
    const denied = deniedUsers(user, next);
    const gone = next.filter((c) => c.tool === "createUser" && denied.includes(c.args.username));
    if (gone.length) {
      next.splice(0, next.length, ...next.filter((c) => !gone.includes(c)));
      for (const g of gone) if (added.includes(g)) added.splice(added.indexOf(g), 1);
    }
    // "hmm no steam. ext4 instead": a planned install the words refuse leaves the plan beside the
    // change the turn asks for; it is no keep of the program (tester 28 F29)
    const unwanted = refusedPlannedInstalls(
      user,
      next.filter((c) => !added.includes(c)),
    );
    if (unwanted.length) {
      next.splice(0, next.length, ...next.filter((c) => !unwanted.includes(c)));
      this.forgetRefusedKeeps(unwanted, protectedBefore);
    }
    this.pending = next;
    const was = (g: PlanCall) =>
      g.tool === "createUser" &&
      before.some((b) => b.tool === "createUser" && b.args.username === g.args.username);
    const out = [...(also.withdrawn ?? []), ...gone.filter(was), ...unwanted];
    // the keeps as they stand after this turn (a refused install is no keep, a rename moves one)
    refreshKeeps();
    return saidKept({
      kind: "calls",
      added,
      replaced,
      ...(refused.length ? { refused } : {}),
      ...(renamed ? { renamed } : {}),
      ...also,
      ...(out.length ? { withdrawn: out } : {}),
    });
  }

  /** "no steam" with steam planned refuses the install: it is no keep of steam, unless kept before. */
  private forgetRefusedKeeps(unwanted: readonly PlanCall[], before: readonly Protection[]): void {
    this.protections = this.protections.filter(
      (p) =>
        before.includes(p) ||
        p.kind !== "recipe" ||
        !unwanted.some((c) => c.tool === "installRecipe" && c.args.name === p.name),
    );
  }

  /** Takes out of the plan every step a protection now forbids; returns why each went. */
  private withdrawViolations(user = ""): Refusal[] {
    // "mike shouldnt be admin", "anna no sudo": the account stays, without sudo (safety/refusedSudoKept.ts)
    const { pending, lowered } = keptWithoutSudo(this.pending, this.protections, this.facts);
    // "...didn't have sudo actually, drop her for now": the words that take the sudo away also
    // drop the person, so the account goes (as the refusal did before it kept accounts)
    const dropped = lowered.filter((c) => c.tool === "createUser" && dropsPerson(user, c.args.username));
    this.pending = pending.filter((c) => !dropped.includes(c));
    this.lowered = lowered.filter((c) => !dropped.includes(c));
    const out = this.pending.flatMap((c) => refusalOf(c, this.protections, this.facts) ?? []);
    if (out.length) this.pending = this.pending.filter((c) => !out.some((r) => r.call === c));
    return out;
  }

  /** Accounts the last screen kept without the sudo a refusal now forbids. */
  private lowered: PlanCall[] = [];

  /**
   * The screen once more, outside a turn: right before a plan is compiled for confirmation, so
   * that no path into the plan (an /undo, a step restored by whatever comes next) can bring a
   * step the user's protections forbid to the review (attacker 25, H2: two /undo brought back the
   * erase of the kept photos disk, shown beside "kept: your files on /dev/sda", and "yes" ran it).
   */
  screen(): Refusal[] {
    return this.withdrawViolations();
  }

  /**
   * Closes the question the last reply asked, with what it offered: when one is open it is the last
   * thing said, and /undo takes it back first (attacker 16 F2: /undo took back the change before
   * the question, and the next "yes" still took the offered erase).
   */
  withdrawOffer(): boolean {
    if (!this.offer) return false;
    this.offer = undefined;
    return true;
  }

  /** Steps the last /undo would have brought back but the protections keep out. */
  withheld: Refusal[] = [];

  /**
   * Restores the pending plan as it was before the last change, less any step that what the user
   * said to keep forbids (those stay out: see {@link withheld}); false when there is nothing to undo.
   * A protection is taken back only by the user's words, never by /undo.
   */
  undo(): boolean {
    const prev = this.history.pop();
    if (!prev) return false;
    this.pending = prev;
    this.withheld = this.withdrawViolations();
    return true;
  }

  /**
   * Drops the plan and what was said; facts and protections stay. A protection is what the user
   * said about the machine ("keep the WD"), not a step of the plan: /reset forgot it, and "use the
   * biggest" then offered to erase the kept photos disk on one yes (tester 25, DANGEROUS-1). Only
   * the user's own words release a protection ("you can wipe the WD after all").
   */
  reset(): void {
    this.turns.length = 0;
    this.pending = [];
    this.entities = [];
    this.offer = undefined;
    this.history.length = 0;
  }

  /** Last mentioned entity of a kind. */
  last(kind: EntityKind): string | undefined {
    for (let i = this.entities.length - 1; i >= 0; i--)
      if (this.entities[i]!.kind === kind) return this.entities[i]!.value;
    return undefined;
  }
}
