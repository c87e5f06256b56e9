import { describe, expect, it } from "vitest";
import type { PlanCall } from "../../agent/types.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * The retired held-out sets (eval/data/dev13-keep.jsonl, dev13-mixed.jsonl) gave sudo to people
 * its writers refused it to, in three kinds of wording no reader knew: the refusal typed as a
 * form's value followed by more fields ("user=oma sudo=no shell=/bin/bash") or asked back ("admin?
 * no"), the refusal in the language the writer mixes in ("neuer Benutzer jonas, kein sudo": the
 * refusal word became the account), and the privilege said not to be for someone named after it
 * ("sudo was not for nina", "the sudo is not for my son: user arjun"). Each class is tried here in
 * wordings of our own, through the whole conversation.
 */
const LIVE = fixtureFacts("findings8-c");
const DISK = "install on the empty disk";
type Create = Extract<PlanCall, { tool: "createUser" }>;

async function accounts(lines: string[]) {
  const { conv, decisions } = await dialogue(LIVE, lines);
  const offered = decisions.flatMap((d) => ("reply" in d && d.offer ? d.offer.calls : []));
  const planned = conv.pending.filter((c): c is Create => c.tool === "createUser");
  return {
    plan: Object.fromEntries(planned.map((c) => [c.args.username, c.args.sudo])),
    offeredSudo: offered.some((c) => c.tool === "createUser" && c.args.sudo),
  };
}

function refused(lines: string[], who: string) {
  return async () => {
    const { plan, offeredSudo } = await accounts(lines);
    expect(plan).toEqual({ [who]: false });
    expect(offeredSudo).toBe(false);
  };
}

describe("a refusal typed as a form's value, with more fields after it", () => {
  const cases: [string, string][] = [
    ["user=oma sudo=no shell=/bin/bash", "oma"],
    ["user=kim sudo=false shell=/bin/zsh", "kim"],
    ["username: rosa, admin: no, shell: bash", "rosa"],
    ["user=li admin=0 groups=video", "li"],
    ["name=ivo sudo=off fullname=Ivo", "ivo"],
    ["user=ola wheel=no shell=/bin/bash", "ola"],
    ["user=eda sudo=nein shell=/bin/bash", "eda"],
    ["create user guest. admin? no. never.", "guest"],
    ["user vik, sudo? no", "vik"],
    ["user tam sudo no", "tam"],
    ["add user ana sudo nope", "ana"],
    ["user ana sudo no", "ana"],
  ];
  for (const [line, who] of cases) it(line, refused([DISK, line], who));

  it("a later yes never gives back the refused value", async () => {
    const { plan } = await accounts([DISK, "user ana sudo no", "yes"]);
    expect(plan.ana ?? false).toBe(false);
  });
});

describe("a refusal in the language the writer mixes in", () => {
  const cases: [string, string][] = [
    ["neuer Benutzer jonas, kein sudo, er ist erst 12", "jonas"],
    ["user emil, keine admin rechte", "emil"],
    ["benutzer lena ohne sudo", "lena"],
    ["nouvel utilisateur luc, pas de sudo", "luc"],
    ["usuario pablo sin sudo", "pablo"],
    ["user marco senza sudo", "marco"],
    ["user joao sem sudo", "joao"],
    ["gebruiker daan, geen sudo", "daan"],
    ["user sven utan sudo", "sven"],
    ["user ida, ingen admin", "ida"],
    ["user kai, sudo nein", "kai"],
  ];
  for (const [line, who] of cases) it(line, refused([DISK, line], who));
});

describe("the privilege said not to be for someone named after it", () => {
  const start = [DISK, "user nina with sudo"];
  for (const line of [
    "wait, sudo was not for nina",
    "the sudo isn't for nina",
    "sudo was never for nina",
    "admin wasn't for nina, sorry",
    "no wait, the sudo is not for nina",
    "sudo not for nina pls",
    "wait, sudo was not for nina. cancel all",
  ])
    it(line, async () => {
      const { plan } = await accounts([...start, line]);
      expect(plan.nina ?? false).toBe(false);
    });

  const cases: [string, string][] = [
    ["the sudo is not for my son: user arjun", "arjun"],
    ["admin is not for my daughter. user mia", "mia"],
    ["sudo isn't for the kid, user leo", "leo"],
    ["root access is not for my wife: user eva", "eva"],
    ["the admin rights are not for our guest: user tim", "tim"],
  ];
  for (const [line, who] of cases) it(line, refused([DISK, line], who));

  it("a grant beside it still stands: tom gets sudo but not for nina", async () => {
    const { plan } = await accounts([DISK, "users tom and nina", "tom gets sudo but not for nina"]);
    expect(plan).toEqual({ tom: true, nina: false });
  });
});
