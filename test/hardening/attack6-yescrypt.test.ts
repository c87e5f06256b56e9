import { describe, expect, it } from "vitest";
import { passwordHashProblem, yescryptParamsProblem } from "../../tools/createUser.js";

const hash = (params: string) =>
  `$y$${params}$F5Jx5fExrKuJdUATPh3NT0$eh5yc8rr0D4rQa3zK9CKaWZhGUjdGeFKDVtREV3dtLB`;

/**
 * Attack 6 M6: a yescrypt passwordHash's parameters were not checked: `jzT` and `j9z` hash to
 * `*0` with libxcrypt (no one can log in), `jFT` costs 24 s and 1 GiB per login attempt.
 */
describe("yescrypt passwordHash parameters are checked (attack 6 M6)", () => {
  it("mkpasswd's default and a few steps around it are accepted", () => {
    for (const p of ["j9T", "j8T", "jBT", "j75"]) expect(passwordHashProblem(hash(p)), p).toBeUndefined();
  });

  it.each([
    ["jFT", "1024 MiB and seconds of CPU"],
    ["jCT", "128 MiB"],
    ["j/.", "too little to slow down guessing"],
  ])("%s is refused for its cost (%s)", (p, why) => {
    const m = passwordHashProblem(hash(p)) ?? "";
    expect(m).toContain(why);
    expect(m).toContain("use 1 to 64 MiB");
  });

  it.each(["jzT", "j9z", "a9T", "j9T5", "j9"])("%s, which libxcrypt refuses, is refused", (p) => {
    expect(yescryptParamsProblem(p)).toContain("not ones mkpasswd makes");
  });

  it("the message never quotes the hash itself", () => {
    expect(passwordHashProblem(hash("jFT"))).not.toContain("eh5yc8rr");
  });
});
