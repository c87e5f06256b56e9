import { describe, expect, it } from "vitest";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * DANGEROUS 1-4 of the sixth user findings, read the other way round: a destructive call (the
 * erase of a disk that holds something, a removal, sudo) stands only on a clause with the FORM of
 * a request (agent/safety/requestForm.ts). Talk about it ("wiping sda is the last thing i want",
 * "sudo is overkill for lu", "windows + wipe = disaster") is a question with nothing offered, so a
 * following "ok" takes nothing. Machines: tester 6's facts a (sda "backup", nvme0n1 "games"),
 * b/c (Windows laptop with/without free space), d (installed; root, marco, lena).
 */
const A = fixtureFacts("findings6-a");
const B = fixtureFacts("findings7-b");
const C = fixtureFacts("findings7-c");
const D = fixtureFacts("findings7-d");
type Call = { tool: string; args?: unknown };
const erased = (plan: readonly Call[]) =>
  plan.flatMap((c) =>
    c.tool === "partitionDisk" && (c.args as { use?: string }).use !== "free"
      ? [(c.args as { disk: string }).disk]
      : [],
  );
const removed = (plan: readonly Call[]) =>
  plan.flatMap((c) => (c.tool === "removeRecipe" ? [(c.args as { name: string }).name] : []));
const sudoers = (plan: readonly Call[]) =>
  plan.flatMap((c) =>
    c.tool === "createUser" && (c.args as { sudo?: boolean }).sudo
      ? [(c.args as { username: string }).username]
      : [],
  );
const offered = (d: unknown): Call[] => (d as { offer?: { calls: Call[] } }).offer?.calls ?? [];

describe("talk about erasing a disk erases nothing, in one turn or after an 'ok' (DANGEROUS 1, 2)", () => {
  const cases: [string, typeof A, string][] = [
    // the tester's
    ["wiping sda is the last thing i want", A, "/dev/sda"],
    ["sda and wiping dont mix", A, "/dev/sda"],
    ["the last thing i want is to wipe windows", C, "/dev/nvme0n1"],
    ["windows + wipe = disaster", C, "/dev/nvme0n1"],
    ["windows + wipe = disaster", B, "/dev/nvme0n1"],
    ["that would suck if the samsung got wiped", A, "/dev/sda"],
    ["erase sda? id rather not", A, "/dev/sda"],
    ["wipe sda? that would suck", A, "/dev/sda"],
    ["i'd be so mad if you wiped sda", A, "/dev/sda"],
    ["wiping the samsung? over my dead body", A, "/dev/sda"],
    ["if you touch sda im done", A, "/dev/sda"],
    ["erase windows? over my dead body", C, "/dev/nvme0n1"],
    // our own
    ["wiping sda would ruin my week", A, "/dev/sda"],
    ["god help you if sda gets wiped", A, "/dev/sda"],
    ["sda getting erased = nightmare", A, "/dev/sda"],
    ["the samsung getting formatted would be a catastrophe", A, "/dev/sda"],
    ["erasing the wd is something i would regret forever", A, "/dev/nvme0n1"],
    ["nuking sda sounds like a horrible plan", A, "/dev/sda"],
    ["sda + format = tears", A, "/dev/sda"],
    ["the wd and formatting are enemies", A, "/dev/nvme0n1"],
    ["the worst thing you could do is wipe sda", A, "/dev/sda"],
    ["wiping windows is not an option for me", C, "/dev/nvme0n1"],
    ["windows getting wiped would end my career", C, "/dev/nvme0n1"],
    ["erase sda? lol as if", A, "/dev/sda"],
    ["wipe the wd? i'd cry", A, "/dev/nvme0n1"],
    ["my backup disk getting erased is my nightmare", A, "/dev/sda"],
    ["formatting sda is the opposite of what i want", A, "/dev/sda"],
  ];
  for (const [s, f, disk] of cases) {
    it(`"${s}" erases nothing and offers no erase`, async () => {
      const { conv, last } = await dialogue(f, [s]);
      expect(erased(conv.pending)).not.toContain(disk);
      expect(erased(offered(last))).not.toContain(disk);
    });
    it(`"${s}" then "ok" erases nothing`, async () => {
      const { conv } = await dialogue(f, [s, "ok"]);
      expect(erased(conv.pending)).not.toContain(disk);
    });
  }
});

describe("talk about removing a program removes nothing and offers nothing (DANGEROUS 1)", () => {
  for (const [s, name] of [
    ["the last thing i want is to lose git", "git"],
    ["git + remove = disaster", "git"],
    ["removing git is not happening", "git"],
    ["uninstalling jq would break my scripts", "jq"],
    ["deleting htop is a terrible plan", "htop"],
    ["tmux + uninstall = pain", "tmux"],
    ["the worst thing you could do is remove zsh", "zsh"],
  ] as const)
    it(`"${s}" removes no ${name}`, async () => {
      const { conv, last } = await dialogue(D, [s]);
      expect(removed(conv.pending)).not.toContain(name);
      expect(removed(offered(last))).not.toContain(name);
    });
});

describe("sudo talked about is not granted (DANGEROUS 3)", () => {
  for (const [s, user] of [
    // the tester's
    ["create user max, admin would suck for him", "max"],
    ["create user max. max + sudo = disaster", "max"],
    ["create user nia. nia + sudo = bad idea", "nia"],
    ["add user lu, sudo is overkill for lu", "lu"],
    ["add user tom, sudo is overkill", "tom"],
    ["create user jo, sudo for jo would be a terrible idea", "jo"],
    ["create user oz, sudo for oz would suck", "oz"],
    ["create user di, the last thing di needs is sudo", "di"],
    ["add user tom, the last thing tom needs is sudo", "tom"],
    ["add user tom, tom + sudo = disaster", "tom"],
    ["create user hal, hal and sudo dont mix", "hal"],
    ["create user ana, she knows sudo from work but shouldnt have it here", "ana"],
    // our own
    ["add user lena2, lena2 with sudo? hell no", "lena2"],
    ["create user kid, admin for the kids is a terrible plan", "kid"],
    ["add user rex, sudo and rex are a bad combo", "rex"],
    ["create user ivy, ivy having admin scares me", "ivy"],
    ["add user bo, bo + admin = chaos", "bo"],
    ["create user cy, sudo for cy is asking for trouble", "cy"],
    ["add user ed, root access for ed would be insane", "ed"],
    ["create user fay, the worst idea is giving fay sudo", "fay"],
    ["add user gus, gus and admin rights dont belong together", "gus"],
    ["create user kai, sudo is way too much for kai", "kai"],
  ] as const)
    it(`"${s}": ${user} without sudo`, async () => {
      const { conv } = await dialogue(D, [s]);
      expect(sudoers(conv.pending)).not.toContain(user);
    });
});

describe("requests still act", () => {
  for (const [s, disk] of [
    ["wipe sda", "/dev/sda"],
    ["pls erase the samsung", "/dev/sda"],
    ["erase sda and install", "/dev/sda"],
    ["i want sda wiped", "/dev/sda"],
    ["lets wipe sda", "/dev/sda"],
    ["go ahead and wipe sda", "/dev/sda"],
    ["can you wipe sda", "/dev/sda"],
    ["WIPE SDA", "/dev/sda"],
    ["wipe the wd and install there", "/dev/nvme0n1"],
    ["format nvme0n1", "/dev/nvme0n1"],
    ["erase /dev/sda", "/dev/sda"],
    ["nuke the samsung", "/dev/sda"],
    ["please wipe sda i dont need the backup", "/dev/sda"],
    ["ok wipe the wd", "/dev/nvme0n1"],
    ["wipe sda install levitate with btrfs", "/dev/sda"],
    ["just wipe the samsung", "/dev/sda"],
    ["erase sda, i have a backup", "/dev/sda"],
    ["could you erase the wd", "/dev/nvme0n1"],
  ] as const)
    it(`"${s}" erases ${disk}`, async () => {
      const { conv } = await dialogue(A, [s]);
      expect(erased(conv.pending)).toContain(disk);
    });

  for (const s of ["wipe the whole disk", "erase windows and install", "format nvme0n1, windows can go"])
    it(`"${s}" erases the Windows disk when said as a request`, async () => {
      const { conv } = await dialogue(C, [s]);
      expect(erased(conv.pending)).toContain("/dev/nvme0n1");
    });

  for (const [s, name] of [
    ["remove git", "git"],
    ["uninstall jq", "jq"],
    ["pls remove htop", "htop"],
    ["would you remove jq?", "jq"],
    ["REMOVE TMUX", "tmux"],
    ["i want git removed", "git"],
    ["get rid of htop", "htop"],
  ] as const)
    it(`"${s}" removes ${name}`, async () => {
      const { conv } = await dialogue(D, [s]);
      expect(removed(conv.pending)).toContain(name);
    });

  for (const [s, user] of [
    ["create user max with sudo", "max"],
    ["add user tom as admin", "tom"],
    ["add user lu, lu gets sudo", "lu"],
    ["create user jo, give jo sudo", "jo"],
    ["add user ana with admin rights", "ana"],
    ["CREATE USER HAL WITH SUDO", "hal"],
    ["create user di and make her an admin", "di"],
    ["add user bo sudo for bo", "bo"],
  ] as const)
    it(`"${s}" gives ${user} sudo`, async () => {
      const { conv } = await dialogue(D, [s]);
      expect(sudoers(conv.pending)).toContain(user);
    });
});

describe("a removal under a condition or a question answered at once is not offered (DANGEROUS 2, ask d)", () => {
  for (const [s, name] of [
    ["i'd be so mad if you removed fd", "fd"],
    ["if you remove jq im done", "jq"],
    ["remove neovim? that would suck. remove curl", "neovim"],
  ] as const)
    it(`"${s}" neither removes nor offers ${name}`, async () => {
      const { conv, last } = await dialogue(D, [s]);
      expect(removed(conv.pending)).not.toContain(name);
      expect(removed(offered(last))).not.toContain(name);
    });
});

describe("an erase that does not name the system an earlier turn talked about asks first (DANGEROUS 4)", () => {
  for (const lines of [
    [
      "would windows survive this? it better",
      "use the free space",
      "actually just take the whole disk, whatever",
    ],
    ["i need windows for work so uh", "wipe it all"],
    ["losing windows would suck", "wipe the nvme"],
    ["please god no not windows", "format nvme0n1"],
  ])
    it(`${JSON.stringify(lines)} erases nothing without a yes`, async () => {
      const { conv } = await dialogue(B, lines);
      expect(erased(conv.pending)).toEqual([]);
    });
  it("a yes to the question takes what it offered: the free space beside Windows, no erase", async () => {
    const { conv } = await dialogue(B, ["i need windows for work so uh", "wipe it all", "yes"]);
    expect(erased(conv.pending)).toEqual([]);
    expect(conv.pending.some((c) => c.tool === "partitionDisk")).toBe(true);
  });
});
