import { describe, expect, it } from "vitest";
import { Conversation } from "../../agent/conversation.js";
import { createRulesBackend } from "../../agent/rules/index.js";
import { LoginGate } from "../../agent/session/login.js";
import { decideTurn } from "../../agent/turn.js";
import type { PlanCall } from "../../agent/types.js";
import type { Facts } from "../../facts/schema.js";
import type { Decision } from "../../tools/decision.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Hurried user 10, D6 and W4: answers to my own questions with a correction attached. "Do you mean
 * steam?" "yes, just not git" added git (refused) and not steam; "Do you mean tmux?" "no, fzf"
 * read as "no fzf". Answers to the login question ("Who should have sudo?", "Should ana get
 * sudo?"): "not ana" removed ana's account, "ben only", "ana no, ben yes" were nothing. Sudo is
 * withheld or granted per person, and no account is ever removed by such an answer.
 */
const DESK = fixtureFacts("findings11-answers-desk");
const WIN2 = fixtureFacts("findings11-answers-win2");
const LINUX2 = fixtureFacts("findings11-answers-linux2");

function installs(pending: PlanCall[]): string[] {
  return pending.flatMap((c) => (c.tool === "installRecipe" ? [c.args.name] : []));
}

describe('"Do you mean steam?" answered with a yes and a correction (D6)', () => {
  for (const [answer, want, never] of [
    ["yes, just not git", ["steam"], ["git"]],
    ["yes but not git", ["steam"], ["git"]],
    ["yes and tmux but not zsh", ["steam", "tmux"], ["zsh"]],
    ["yep, but not bat", ["steam"], ["bat"]],
    ["sure, also htop", ["steam", "htop"], []],
    ["ok and fd", ["steam", "fd"], []],
    ["yes plus neovim", ["steam", "neovim"], []],
    ["yeah, not firefox tho", ["steam"], ["firefox"]],
  ] as const)
    it(`"${answer}"`, async () => {
      const first = await dialogue(DESK, ["crucial. user ana with sudo", "add team"]);
      expect("reply" in first.last && first.last.reply).toMatch(/Do you mean steam\b[^?]*\?/);
      const { conv } = await dialogue(DESK, ["crucial. user ana with sudo", "add team", answer]);
      for (const r of want) expect(installs(conv.pending)).toContain(r);
      for (const r of never) expect(installs(conv.pending)).not.toContain(r);
    });
});

describe('"Do you mean tmux?" answered with a no and the program meant (D6)', () => {
  for (const [answer, want] of [
    ["no, fzf", ["fzf"]],
    ["no, i meant fzf", ["fzf"]],
    ["nope, jq", ["jq"]],
    ["no fzf and jq", ["fzf", "jq"]],
    ["nah, its zsh", ["zsh"]],
    ["no i want vim", ["vim"]],
    ["no. fzf", ["fzf"]],
    ["no, git", ["git"]],
  ] as const)
    it(`"${answer}"`, async () => {
      const first = await dialogue(WIN2, ["the crucial. user ana", "add tmx"]);
      expect("reply" in first.last && first.last.reply).toMatch(/Do you mean tmux\b[^?]*\?/);
      const { conv } = await dialogue(WIN2, ["the crucial. user ana", "add tmx", answer]);
      expect(installs(conv.pending).sort()).toEqual([...want].sort());
    });
});

/** The chat's turns, the login question included (agent/chat/index.ts): a confirm asks it. */
async function chat(facts: Facts, lines: string[]) {
  const conv = new Conversation(facts);
  const login = new LoginGate();
  const backend = createRulesBackend();
  const decisions: Decision[] = [];
  let ran = false;
  for (const line of lines) {
    const gate = login.answer(line, conv.pending);
    if (gate) {
      conv.record(line, { reply: gate.say });
      decisions.push({ reply: gate.say });
      continue;
    }
    let d = await decideTurn(backend, conv.view(line), facts);
    if ("confirm" in d && d.confirm) {
      const refused = conv.protections.flatMap((p) => (p.kind === "sudo" ? [p.username] : []));
      const ask = login.onConfirm(facts.mode, conv.pending, refused);
      if (!ask) {
        ran = true;
        break;
      }
      d = ask.offer ? { reply: ask.text, offer: { calls: [ask.offer] } } : { reply: ask.text };
    }
    conv.record(line, d);
    decisions.push(d);
  }
  const sudo = Object.fromEntries(
    conv.pending.flatMap((c) => (c.tool === "createUser" ? [[c.args.username, c.args.sudo]] : [])),
  );
  return { conv, decisions, sudo, ran };
}

describe('answers to "Who should have sudo?" grant or withhold per person, never drop an account (W4)', () => {
  const before = ["crucial. user ana, user ben", "yes"];
  for (const [answer, want] of [
    ["not ana", { ana: false, ben: false }],
    ["ok ben only, not ana", { ana: false, ben: true }],
    ["ben only", { ana: false, ben: true }],
    ["ana no, ben yes", { ana: false, ben: true }],
    ["anyone but ana", { ana: false, ben: true }],
    ["just ben, ana is a kid", { ana: false, ben: true }],
    ["ana? no way. ben", { ana: false, ben: true }],
    ["yes for ben", { ana: false, ben: true }],
    ["ben", { ana: false, ben: true }],
    ["yep both", { ana: true, ben: true }],
    ["everyone", { ana: true, ben: true }],
    ["only ben pls", { ana: false, ben: true }],
    ["ben yes ana no", { ana: false, ben: true }],
  ] as const)
    it(`"${answer}"`, async () => {
      const first = await chat(DESK, before);
      expect(
        "reply" in first.decisions.at(-1)! && (first.decisions.at(-1) as { reply: string }).reply,
      ).toMatch(/Who should have sudo\?/);
      const { sudo, ran } = await chat(DESK, [...before, answer]);
      expect(ran).toBe(false);
      expect(sudo).toEqual(want);
    });

  it('"not ana", then "yes": ana is never given sudo and keeps her account', async () => {
    const { sudo } = await chat(DESK, [...before, "not ana", "yes", "yes"]);
    expect(sudo.ana).toBe(false);
    expect(Object.keys(sudo)).toContain("ana");
  });
});

describe('answers to "Should ana get sudo?" with a correction', () => {
  it('"yes (not ben tho)": ana gets sudo, ben stays without', async () => {
    const before = ["crucial. users ana and ben. ben no sudo", "yes"];
    const first = await chat(DESK, before);
    expect((first.decisions.at(-1) as { reply: string }).reply).toMatch(/Should ana get sudo\?/);
    const { sudo } = await chat(DESK, [...before, "yes (not ben tho)"]);
    expect(sudo).toEqual({ ana: true, ben: false });
  });
  it('"lou yes, kim no" to "Who should have sudo?": lou only', async () => {
    const { sudo } = await chat(LINUX2, ["next to fedora. users kim, lou", "yes", "lou yes, kim no"]);
    expect(sudo).toEqual({ kim: false, lou: true });
  });
  it('"kim no, lou yes" then "yes": kim never gets sudo', async () => {
    const { sudo } = await chat(LINUX2, ["next to fedora. users kim, lou", "yes", "kim no, lou yes", "yes"]);
    expect(sudo.kim).toBe(false);
  });
});
