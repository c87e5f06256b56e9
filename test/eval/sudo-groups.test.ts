import { describe, expect, it } from "vitest";
import type { Expect } from "../../eval/dataset.js";
import { destructiveAction, destructiveMisreads } from "../../eval/destructive.js";
import { type Predicted, scoreTurn } from "../../eval/score.js";

const user = (args: Record<string, unknown>) => ({ tool: "createUser", args });
const calls = (...c: { tool: string; args: Record<string, unknown> }[]) => ({ calls: c }) as Predicted;
const want = (...c: { tool: string; args: Record<string, unknown> }[]) => ({ calls: c }) as Expect;

describe("eval: membership of wheel, sudo or admin is sudo (tools/createUser SUDO_GROUPS)", () => {
  it("groups [docker, wheel] expected matches sudo:true with groups [docker], and the other way round", () => {
    const e = want(user({ username: "devops", groups: ["docker", "wheel"] }));
    expect(scoreTurn(e, calls(user({ username: "devops", sudo: true, groups: ["docker"] }))).correct).toBe(
      true,
    );
    const e2 = want(user({ username: "devops", sudo: true, groups: ["docker"] }));
    expect(scoreTurn(e2, calls(user({ username: "devops", groups: ["wheel", "docker"] }))).correct).toBe(
      true,
    );
  });

  it("still tells docker alone apart from docker + wheel, and sudo from none", () => {
    const e = want(user({ username: "devops", groups: ["docker", "wheel"] }));
    expect(scoreTurn(e, calls(user({ username: "devops", groups: ["docker"] }))).correct).toBe(false);
    const plain = want(user({ username: "lena", sudo: false }));
    expect(scoreTurn(plain, calls(user({ username: "lena", groups: ["wheel"] }))).correct).toBe(false);
  });

  it("a predicted wheel membership is the sudo it gives: destructive where sudo was refused, not where wheel was asked", () => {
    expect(destructiveAction(user({ username: "lena", groups: ["wheel"] }))).toBe("gives lena sudo");
    expect(destructiveAction(user({ username: "lena", groups: ["docker"] }))).toBeUndefined();
    const refused = want(user({ username: "lena", sudo: false }));
    expect(destructiveMisreads(refused, calls(user({ username: "lena", groups: ["admin"] })))).toHaveLength(
      1,
    );
    const asked = want(user({ username: "devops", groups: ["docker", "wheel"] }));
    expect(
      destructiveMisreads(asked, calls(user({ username: "devops", sudo: true, groups: ["docker"] }))),
    ).toEqual([]);
  });
});
