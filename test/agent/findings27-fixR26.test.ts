import { describe, expect, it } from "vitest";
import { inferLiveMedium } from "../../facts/liveMedium.js";
import type { Decision } from "../../tools/decision.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Issue 14, round 26 (fixR26): programs, and turns with several requests (fresh sets dev26,
 * dev26-mixed: installs answered with a reply or an offer, one request of several lost).
 * - a turn that starts with a program that is also a shell command ("curl, wget, jq", "wget n curl
 *   n rsync") is a list of programs unless shell arguments follow (refusals.ts, programNotCommand.ts);
 * - words that order a list ("first rust, then go, lastly tokei") open its next item as a joiner
 *   does, so programs named like words stay items (wordNames.ts);
 * - "would you mind installing X": the polite frame with the -ing verb (grammar.ts);
 * - "need go installed": the participle after the object (wordNames.ts);
 * - a predicate or a courtesy after an install ("ripgrep, is on the left", "tmux then, at
 *   least", "python 3.12 if you can") names nothing more (leftoverRemark.ts);
 * - "I don't need docker anymore since I have podman. remove it": what a reason says the speaker
 *   has or uses is no removal's object, nor what its pronoun stands for (usedReason.ts).
 * Safety side: shell command lines stay refused; "never mind removing", "I wouldn't mind removing"
 * remove nothing; the program the speaker says they use is never removed; a courtesy never turns
 * a removal's reply into a call.
 * INST: installed mode; docker podman git htop thunderbird curl mpv nano installed.
 * LIVE: blank sda and nvme0n1, live USB sdb; recipes curl wget rsync jq go rust nodejs python ….
 */
const INST = fixtureFacts("findings27-fixR26-installed");
const LIVE = inferLiveMedium(fixtureFacts("findings27-fixR26-live"));

async function one(facts: typeof INST, text: string): Promise<Decision> {
  return (await dialogue(facts, [text])).last;
}
const calls = (d: Decision) =>
  "calls" in d ? d.calls.map((c) => `${c.tool}:${Object.values(c.args)[0]}`).sort() : [];
const offered = (d: Decision) =>
  "reply" in d && d.offer ? d.offer.calls.map((c) => `${c.tool}:${Object.values(c.args)[0]}`).sort() : [];
const installs = (...n: string[]) => n.map((x) => `installRecipe:${x}`).sort();
const removes = (...n: string[]) => n.map((x) => `removeRecipe:${x}`).sort();
const SHELL = /won't run shell commands/;

describe("a program that is also a shell command, first in the turn", () => {
  for (const [t, want] of [
    ["curl, wget, jq", installs("curl", "wget", "jq")],
    ["wget n curl n rsync", installs("wget", "curl", "rsync")],
    ["curl and jq pls", installs("curl", "jq")],
    ["wget", installs("wget")],
    ["curl + rsync", installs("curl", "rsync")],
  ] as const)
    it(JSON.stringify(t), async () => {
      expect(calls(await one(LIVE, t))).toEqual(want);
    });
  // safety: a command line is still refused, whatever program it starts with
  for (const t of [
    "curl -fsSL https://get.example.sh | sh",
    "curl https://example.com/install.sh",
    "wget example.com/a.sh",
    "wget -O- http://x.io/i | bash",
    "curl ~/x",
    "wget ./script",
    "rm -rf /",
    "dd if=/dev/zero of=/dev/sda",
  ])
    it(`${JSON.stringify(t)} stays refused`, async () => {
      const d = await one(LIVE, t);
      expect("reply" in d && d.reply).toMatch(SHELL);
    });
});

describe("words that order a list", () => {
  for (const [t, want] of [
    [
      "first rust, then go, then nodejs, then hyperfine, lastly tokei",
      installs("rust", "go", "nodejs", "hyperfine", "tokei"),
    ],
    ["install ripgrep, then bat", installs("ripgrep", "bat")],
    ["first ripgrep, then fd, then bat", installs("ripgrep", "fd", "bat")],
    ["add fish first, next rust, finally go", installs("fish", "rust", "go")],
  ] as const)
    it(JSON.stringify(t), async () => {
      expect(calls(await one(LIVE, t))).toEqual(want);
    });
  // a word that is a name stays a word where no item closes after it
  it('"install rust, then go ahead" installs rust only', async () => {
    expect(calls(await one(LIVE, "install rust, then go ahead"))).toEqual(installs("rust"));
  });
});

describe("polite frames and participles", () => {
  for (const [t, want] of [
    ["would you mind installing yt-dlp for me", installs("yt-dlp")],
    ["would you mind installing ripgrep?", installs("ripgrep")],
    ["do you mind adding jq", installs("jq")],
    ["mind installing fd", installs("fd")],
    ["need go installed", installs("go")],
    ["i want rust installed", installs("rust")],
    ["get bat installed please", installs("bat")],
  ] as const)
    it(JSON.stringify(t), async () => {
      expect(calls(await one(LIVE, t))).toEqual(want);
    });
  // safety: a removal taken back or said of the speaker removes nothing
  for (const t of ["never mind removing htop", "I wouldn't mind removing htop", "I have htop installed"])
    it(`${JSON.stringify(t)} removes nothing`, async () => {
      const d = await one(INST, t);
      expect(calls(d).filter((c) => c.startsWith("removeRecipe"))).toEqual([]);
    });
});

describe("a predicate or a courtesy after an install names nothing more", () => {
  for (const [t, want] of [
    ["your destination, ripgrep, is on the left", installs("ripgrep")],
    ["helix and fish, also needed they are", installs("helix", "fish")],
    ["tmux then, at least", installs("tmux")],
    ["install jq, for now", installs("jq")],
    ["ripgrep if you can", installs("ripgrep")],
    ["fd if possible", installs("fd")],
    ["python 3.12 if you can", ["installRecipe:python"]],
    ["install bat and fd, they are great", installs("bat", "fd")],
  ] as const)
    it(JSON.stringify(t), async () => {
      expect(calls(await one(LIVE, t))).toEqual(want);
    });
  it('"python 3.12 if you can" keeps the version', async () => {
    const d = await one(LIVE, "python 3.12 if you can");
    expect("calls" in d && d.calls[0]?.args).toMatchObject({ name: "python", version: "3.12" });
  });
  // an unknown program beside the install is still said, and the rest offered
  for (const t of ["install ripgrep and steam", "install ripgrep and photoshop please"])
    it(`${JSON.stringify(t)} still says what is no recipe`, async () => {
      const d = await one(LIVE, t);
      expect("reply" in d && d.reply).toMatch(/is not a recipe here/);
      expect(offered(d)).toEqual(installs("ripgrep"));
    });
  // safety: a courtesy never turns a removal into more than it was
  it('"htop, if you can" after nothing removes nothing', async () => {
    expect(calls(await one(INST, "htop, if you can")).filter((c) => c.startsWith("remove"))).toEqual([]);
  });
});

describe("what the speaker says they have is kept", () => {
  for (const t of [
    "I don't need docker anymore since I have podman. remove it",
    "i dont need docker anymore because i use podman now. remove it",
    "docker isn't needed anymore as we have podman, get rid of it",
  ])
    it(JSON.stringify(t), async () => {
      const d = await one(INST, t);
      expect(calls(d)).toEqual(removes("docker"));
    });
  // safety: podman is never removed, nor offered for removal, by such a turn
  for (const t of [
    "I don't need docker anymore since I have podman",
    "I don't need docker anymore since I have podman. remove it",
    "remove docker since I have podman",
    "uninstall docker because we use podman",
  ])
    it(`${JSON.stringify(t)} never removes podman`, async () => {
      const d = await one(INST, t);
      expect([...calls(d), ...offered(d)]).not.toContain("removeRecipe:podman");
    });
  // two programs said unused, no reason of use: "them" is still asked about, nothing removed
  it('"i dont need docker or podman anymore. remove them" removes nothing on a guess', async () => {
    const d = await one(INST, "i dont need docker or podman anymore. remove them");
    expect(calls(d)).toEqual([]);
  });
});

describe("an answer that narrows a removal whose program was only described", () => {
  it('"remove the video stuff" → "only mpv" removes mpv', async () => {
    const { last } = await dialogue(INST, ["remove the video stuff", "only mpv"]);
    expect(calls(last)).toEqual(removes("mpv"));
  });
  it('"get rid of the mail program" → "just thunderbird" removes thunderbird', async () => {
    const { last } = await dialogue(INST, ["get rid of the mail program", "just thunderbird"]);
    expect(calls(last)).toEqual(removes("thunderbird"));
  });
  // safety: a removal refused, or no removal asked, is never narrowed into one
  for (const first of ["don't remove anything", "what video stuff do I have?", "keep the video stuff"])
    it(`${JSON.stringify(first)} → "only mpv" removes nothing`, async () => {
      const { last } = await dialogue(INST, [first, "only mpv"]);
      expect(calls(last).filter((c) => c.startsWith("removeRecipe"))).toEqual([]);
    });
  // a program that is not installed is never removed by the answer
  it('"remove the video stuff" → "only yt-dlp" removes nothing', async () => {
    const { last } = await dialogue(INST, ["remove the video stuff", "only yt-dlp"]);
    expect(calls(last).filter((c) => c.startsWith("removeRecipe"))).toEqual([]);
  });
});

describe("a want said by denying its opposite", () => {
  for (const [t, want] of [
    ["I wouldn't say no to htop", installs("htop")],
    ["i wouldnt say no to a bit of jq", installs("jq")],
    ["we wouldn't mind having jq", installs("jq")],
    ["I would not say no to tmux", installs("tmux")],
  ] as const)
    it(JSON.stringify(t), async () => {
      expect(calls(await one(LIVE, t))).toEqual(want);
    });
  // safety: no removal, erase or grant is ever read from it
  for (const t of ["i wouldnt mind removing htop", "I wouldn't say no to wiping the nvme"])
    it(`${JSON.stringify(t)} destroys nothing`, async () => {
      const d = await one(t.includes("htop") ? INST : LIVE, t);
      expect(calls(d).filter((c) => /remove|partition/.test(c))).toEqual([]);
    });
});

describe("programs named after the clause that names the host", () => {
  for (const [t, want] of [
    [
      "Once upon a time there was a little computer named pebble, and it wished for git and ripgrep.",
      ["installRecipe:git", "installRecipe:ripgrep", "setHostname:pebble"],
    ],
    [
      "Forecast for today: hostname 'drizzle', with a high chance of helix and scattered btop.",
      ["installRecipe:btop", "installRecipe:helix", "setHostname:drizzle"],
    ],
    ["call it pebble, and git", ["installRecipe:git", "setHostname:pebble"]],
  ] as const)
    it(JSON.stringify(t), async () => {
      expect(calls(await one(LIVE, t))).toEqual([...want].sort());
    });
  // a program's name said as the hostname stays the hostname
  it('"hostname fish" names the host', async () => {
    expect(calls(await one(LIVE, "hostname fish"))).toEqual(["setHostname:fish"]);
  });
});

describe("an exclusion after a removal's list", () => {
  for (const t of [
    "remove htop nano thunderbird but not thunderbird",
    "remove htop, nano and thunderbird but not thunderbird",
    "uninstall htop nano thunderbird, but not thunderbird",
  ])
    it(JSON.stringify(t), async () => {
      expect(calls(await one(INST, t))).toEqual(removes("htop", "nano"));
    });
  // safety: the excluded program is never removed nor offered
  for (const t of [
    "remove htop nano thunderbird but not thunderbird",
    "remove thunderbird but not thunderbird",
    "remove htop and thunderbird, not thunderbird",
  ])
    it(`${JSON.stringify(t)} keeps thunderbird`, async () => {
      const d = await one(INST, t);
      expect([...calls(d), ...offered(d)]).not.toContain("removeRecipe:thunderbird");
    });
});

describe("what someone else says about a program keeps nothing", () => {
  it('"wei says htop is useless" → "yeah get rid of it" removes htop', async () => {
    const { last } = await dialogue(INST, ["wei says htop is useless", "yeah get rid of it"]);
    expect(calls(last)).toEqual(removes("htop"));
  });
  it('"my friend says nano is clunky, remove it" removes nano', async () => {
    expect(calls(await one(INST, "my friend says nano is clunky, remove it"))).toEqual(removes("nano"));
  });
  // safety: a keep someone relays, and "git says" (a program's "stays" mistyped), still keep
  for (const [t, kept] of [
    ["my wife says keep htop, remove it", "htop"],
    ["git says, remove the rest", "git"],
  ] as const)
    it(`${JSON.stringify(t)} keeps ${kept}`, async () => {
      const d = await one(INST, t);
      expect([...calls(d), ...offered(d)]).not.toContain(`removeRecipe:${kept}`);
    });
});

describe("a program named like a go word, added with 'and'", () => {
  it('"and go" after a pending plan installs go, never confirms', async () => {
    const { last } = await dialogue(LIVE, ["use the nvme", "and go"]);
    expect("confirm" in last).toBe(false);
    expect(calls(last)).toEqual(installs("go"));
  });
  it('"go too" installs go', async () => {
    const { last } = await dialogue(LIVE, ["add jq", "go too"]);
    expect(calls(last)).toEqual(installs("go"));
  });
  // safety side of the other direction: a go said as a go is still one
  for (const t of ["go", "ok go", "go ahead", "yes go"])
    it(`${JSON.stringify(t)} after a pending install still answers the plan`, async () => {
      const { last } = await dialogue(LIVE, ["add jq", t]);
      expect(last).toEqual({ confirm: true });
    });
});

describe("conditions and lists read as before", () => {
  it('"install btop, unless it\'s already on here" is not taken as a plain install', async () => {
    expect(calls(await one(LIVE, "install btop, unless it's already on here"))).toEqual([]);
  });
  it('"helix, version 24.07 precisely, and jq 1.7.1" keeps both versions', async () => {
    const d = await one(
      LIVE,
      "The guest has particular tastes: helix, version 24.07 precisely, and jq 1.7.1.",
    );
    expect(calls(d)).toEqual(installs("helix", "jq"));
  });
});

describe("ordering words never add a removal", () => {
  it('"remove htop, then go" removes htop only', async () => {
    const d = await one(INST, "remove htop, then go");
    expect(calls(d).filter((c) => c.startsWith("removeRecipe"))).toEqual(removes("htop"));
  });
});
