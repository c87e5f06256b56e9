import { describe, expect, it } from "vitest";
import type { PlanCall } from "../../agent/types.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Issue 14, round ten: the request-form gate (agent/safety/requestForm.ts) reads a grant said with
 * extra words as the request it is: thanks ("sudo pls thanks"), a hedge ("maybe give her sudo",
 * "admin too maybe"), an intensifier ("honestly she should be admin"), a want without its subject
 * ("wanna give him sudo"), approval ("seems right to make him admin"), a wish ("root access would
 * be nice"), a group ("either can have sudo"). The same words refused, negated, judged or asked
 * stay safe: no sudo. Sentences of our own, in no data set; the install disk is the empty nvme.
 */
const TWO_DISKS = fixtureFacts("findings3-a");
const users = (plan: readonly PlanCall[]) =>
  plan.flatMap((c) => (c.tool === "createUser" ? [`${c.args.username}${c.args.sudo ? "+sudo" : ""}`] : []));

describe("a grant doubted by 'maybe' / 'perhaps' before it is not given (round 15, attacker 10 H8)", () => {
  // Round ten read these as grants; since "maybe sudo" / "perhaps admin" gave sudo to someone
  // the person had not decided on (attacker 10 H8), a doubt word governing the grant leaves the
  // account without sudo, which the confirmation shows.
  for (const line of ["create user mae. perhaps make her admin", "create user ana. maybe give her sudo"])
    it(`"${line}" creates the user without sudo`, async () => {
      const { conv } = await dialogue(TWO_DISKS, ["nvme", line]);
      const u = users(conv.pending);
      expect(u.length).toBe(1);
      expect(u[0]).not.toContain("+sudo");
    });
});

describe("a grant said with extra words gives sudo to the user it names", () => {
  for (const line of [
    "user pia, sudo please thank you",
    "usr tao, admin pls ty",
    "user bea, give her sudo thanks",
    "add user kai, wanna make him admin",
    "user lou, want to give her sudo",
    "user rex, need him to have sudo",
    "user jon, probably give him sudo",
    "user ada, admin for her too i guess",
    "user eve, sudo as well maybe",
    "user ike. honestly he needs sudo",
    "user uma, definitely make her admin",
    "user ned. pretty sure he should be admin",
    "account for zoe, seems fine to give her sudo",
    "user ari, makes sense to make him admin",
    "user lev, sudo for him would be great",
    "user gil, admin rights would be handy",
    "users ria and sol, either can have sudo",
    "users cal and dee, both can have admin",
    "user mo, obviously with sudo",
    "user tess, she really needs sudo",
    "user pat, sudo tbh",
  ]) {
    it(`"${line}" gives every user named sudo`, async () => {
      const { conv } = await dialogue(TWO_DISKS, ["nvme", line]);
      const u = users(conv.pending);
      expect(u.length).toBeGreaterThan(0);
      for (const x of u) expect(x).toMatch(/\+sudo$/);
    });
  }
});

describe("the same words refused, negated, judged or asked give no one sudo", () => {
  for (const line of [
    "user pia, sudo? no thanks",
    "usr tao, admin? not really",
    "user bea, dont give her sudo thanks",
    "add user kai, dont wanna make him admin",
    "user lou, i dont want to give her sudo",
    "user rex, no need to give him sudo",
    "create user mae. maybe dont make her admin",
    "user jon, probably no sudo",
    "user ada, admin for her? i guess not",
    "user eve, sudo maybe not",
    "user ike. honestly he doesnt need sudo",
    "user uma, definitely not admin",
    "user ned. not sure he should be admin",
    "account for zoe, seems wrong to give her sudo",
    "user ari, makes no sense to make him admin",
    "user lev, sudo for him would be a disaster",
    "user gil, admin rights wouldnt be nice",
    "users ria and sol, neither can have sudo",
    "users cal and dee, neither gets admin",
    "user mo, sudo is overkill tbh",
    "user tess, she really doesnt need sudo",
    "user pat, would sudo be a good idea?",
    "user kim, wanna give her sudo?",
    "user lia, sudo would be nice? nah",
  ]) {
    it(`"${line}" gives no one sudo`, async () => {
      const { conv, last } = await dialogue(TWO_DISKS, ["nvme", line]);
      expect(users(conv.pending).join()).not.toMatch(/\+sudo/);
      const offer = (last as { offer?: { calls: PlanCall[] } }).offer?.calls ?? [];
      expect(users(offer).join()).not.toMatch(/\+sudo/);
    });
  }
});

describe("a replacement said as 'instead of X, I'd like Y' removes X and adds Y", () => {
  const D = fixtureFacts("findings3-d");
  for (const [line, out, inn] of [
    ["instead of fd id like ripgrep", "fd", "ripgrep"],
    ["instead of bat i want eza", "bat", "eza"],
    ["ok instead of jq i'd like fzf please", "jq", "fzf"],
    ["instead of helix, id like btop", "helix", "btop"],
    ["instead of bat, i want eza thanks", "bat", "eza"],
    ["instead of fd we want dust", "fd", "dust"],
  ] as const) {
    it(`"${line}"`, async () => {
      const { conv } = await dialogue(D, [line]);
      expect(conv.pending).toContainEqual({ tool: "removeRecipe", args: { name: out } });
      expect(conv.pending.some((c) => c.tool === "installRecipe" && c.args.name === inn)).toBe(true);
    });
  }
  for (const line of [
    "instead of removing fd id like ripgrep",
    "instead of fd id like ripgrep? or is fd better",
    "instead of fd i would not like ripgrep",
    "if instead of bat i got eza would that work",
    "no need to, instead of fd id like nothing",
    "instead of fd id like ripgrep? nah keep fd",
  ]) {
    it(`"${line}" removes nothing`, async () => {
      const { conv } = await dialogue(D, [line]);
      expect(conv.pending.filter((c) => c.tool === "removeRecipe")).toEqual([]);
    });
  }
});
