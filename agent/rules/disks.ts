import type { Disk } from "../../facts/schema.js";
import { describeBytes } from "../../steps/size.js";
import { BRANDS } from "./diskBrands.js";
import {
  BIG_WORDS,
  bySpeed,
  bySystem,
  describesHeldContent,
  sizeWordAt,
  splitDiskCompounds,
} from "./diskDescriptions.js";
import type { DiskContext, DiskResolution } from "./diskTypes.js";
import { diskishWord, emptyPlaceAt, saysBeside } from "./emptyPlace.js";
import { isPlaceWord } from "./freeSpaceWords.js";
import { otherPointsAtDisk } from "./otherDisk.js";
import { stickIsVerb } from "./stickVerb.js";
import { findSizes, sizeBytes, type Token } from "./text.js";

/**
 * Which disk a phrase means, from the facts: path ("sda", "/dev/nvme0n1"), size ("the 500gb one",
 * "1 tb", "half a terabyte": sold in decimal GB, seen in binary GiB, both match), model or brand
 * ("the samsung", "the evo"), transport or kind ("the nvme", "the usb stick", "the ssd"), order
 * ("the first disk"), comparison ("the bigger one"), or "the other one".
 */

export { BRANDS } from "./diskBrands.js";

/** Words of a model that say nothing by themselves. */
const MODEL_NOISE = new Set([
  "ssd",
  "hdd",
  "disk",
  "drive",
  "nvme",
  "the",
  "series",
  "gb",
  "tb",
  "usb",
  "flash",
]);

/** SSD model families whose names never say "SSD" (Kingston A400/KC, Crucial MX/BX, Intel DC). */
const SSD_MODELS =
  /ssd|solid state|nvme|evo\b|pro\b|mz-|^ct\d|crucial|\bsa400|\bskc|\bkc\d|\bsuv\d|\bssdsc|mx500|bx500/i;

function isSsd(d: Disk): boolean {
  return d.transport === "nvme" || SSD_MODELS.test(d.model);
}

/** A model squeezed to letters and digits: "CT1000MX500SSD1" holds "mx500", "SN730" in "PC SN730". */
function compactModel(d: Disk): string {
  return d.model.toLowerCase().replace(/[^a-z0-9]+/g, "");
}

/** A word with letters and digits ("mx500", "sn730", "a400") found inside a model name. */
function isModelFragment(w: string, disks: readonly Disk[]): boolean {
  return w.length >= 4 && /[a-z]/.test(w) && /\d/.test(w) && disks.some((d) => compactModel(d).includes(w));
}

function isUsb(d: Disk): boolean {
  return d.transport === "usb" || d.removable;
}

/**
 * What "the usb stick", "thumb drive", "flash drive" name: a disk on USB, never an SD card in its
 * slot. With the live stick the only USB disk, the words name it (and it is refused as the live
 * medium), never the SD card beside it, whose yes would erase it.
 */
function isUsbStick(d: Disk): boolean {
  return d.transport === "usb" || (d.removable && d.transport !== "mmc" && !d.path.includes("mmcblk"));
}

function isHdd(d: Disk): boolean {
  return (
    !isSsd(d) &&
    !isUsb(d) &&
    (d.transport === "sata" || d.transport === "sas" || /^st\d|wd\d|hdd/i.test(d.model))
  );
}

const KIND_WORDS: Record<string, { test: (d: Disk) => boolean; name: string }> = {
  nvme: { test: (d) => d.transport === "nvme" || d.path.includes("nvme"), name: "NVMe" },
  ssd: { test: isSsd, name: "SSD" },
  ssds: { test: isSsd, name: "SSD" },
  hdd: { test: isHdd, name: "hard disk" },
  // the plural kinds: "keep both hdds", "the nvmes" (tester 26 D1: read as nothing, the keep was lost)
  hdds: { test: isHdd, name: "hard disk" },
  nvmes: { test: (d) => d.transport === "nvme" || d.path.includes("nvme"), name: "NVMe" },
  spinning: { test: isHdd, name: "hard disk" },
  usb: { test: isUsbStick, name: "USB" },
  stick: { test: isUsbStick, name: "USB" },
  thumb: { test: isUsbStick, name: "USB" },
  flash: { test: isUsbStick, name: "USB" },
  removable: { test: isUsb, name: "removable" },
  external: { test: isUsb, name: "external" },
  internal: { test: (d) => !isUsb(d), name: "internal" },
  sata: { test: (d) => d.transport === "sata", name: "SATA" },
  virtio: { test: (d) => d.transport === "virtio" || d.path.startsWith("/dev/vd"), name: "virtio" },
  virtual: {
    test: (d) => d.transport === "virtio" || /qemu|vbox|vmware|virtual/i.test(d.model),
    name: "virtual",
  },
  sd: { test: (d) => d.transport === "mmc" || d.path.includes("mmcblk"), name: "SD card" },
  mmc: { test: (d) => d.transport === "mmc" || d.path.includes("mmcblk"), name: "SD card" },
  emmc: { test: (d) => d.transport === "mmc" || d.path.includes("mmcblk"), name: "eMMC" },
};
const EMPTY_WORDS = new Set(["empty", "blank", "unused"]);
const NOT_EMPTY_DISK = new Set([
  "space",
  "spot",
  "bit",
  "part",
  "region",
  "area",
  "room",
  "gap",
  "partition",
]);
// "hard drive"/"hard disk" as two words
const HARD = "hard";

const ORDINALS: Record<string, number> = {
  first: 0,
  second: 1,
  third: 2,
  fourth: 3,
  "1st": 0,
  "2nd": 1,
  "3rd": 2,
};

/** Places in a list: "the top one" is the first, "the bottom one" the last. */
const POSITIONS: Record<string, "first" | "last"> = {
  top: "first",
  topmost: "first",
  upper: "first",
  bottom: "last",
  bottommost: "last",
  lower: "last",
  lowest: "last",
};

/** "/dev/sda (500.1 GB (465.8 GiB), Samsung SSD 870 EVO)" */
export function describeDisk(d: Disk): string {
  const bits = [describeBytes(d.sizeBytes)];
  if (d.model) bits.push(d.model);
  if (d.transport && d.transport !== "unknown")
    bits.push(d.transport === "usb" ? "USB" : d.transport.toUpperCase());
  if (d.liveMedium) bits.push("live medium");
  return `${d.path} (${bits.join(", ")})`;
}

export function listDisks(disks: readonly Disk[]): string {
  if (disks.length === 0) return "none";
  const parts = disks.map(describeDisk);
  return parts.length <= 2 ? parts.join(" or ") : `${parts.slice(0, -1).join(", ")} or ${parts.at(-1)}`;
}

/** How close a stated size is to a disk: the smaller relative error of its decimal and binary readings. */
function sizeError(disk: Disk, size: ReturnType<typeof findSizes>[number]): number {
  const readings =
    size.base === "binary"
      ? [sizeBytes(size, "binary")]
      : size.base === "decimal"
        ? [sizeBytes(size, "decimal"), sizeBytes(size, "binary")]
        : [sizeBytes(size, "decimal"), sizeBytes(size, "binary")];
  return Math.min(...readings.map((b) => Math.abs(disk.sizeBytes - b) / disk.sizeBytes));
}

/**
 * Resolves the disk a clause describes. `words` are the clause's normalized word tokens; the
 * caller has already decided the clause is about disks (or may be).
 */
export function resolveDisk(
  tokens: readonly Token[],
  disks: readonly Disk[],
  ctx: DiskContext,
): DiskResolution {
  tokens = splitDiskCompounds(tokens, (w) => namesDiskHere(w, disks));
  // "the one that's not the samsung", "any disk except the WD": what follows the negation is
  // ruled out, what comes before it still describes.
  const neg = exclusionAt(tokens);
  if (neg !== undefined) {
    // the negation rules out what its own clause names: "don't want swap. use the nvme" rules
    // out nothing (the nvme is asked for, never "not" it)
    const stop = tokens.findIndex(
      (t, k) => k >= neg.to && ((t.kind === "punct" && t.norm !== "/") || NEW_REQUEST.has(t.norm)),
    );
    ctx = { ...ctx, order: ctx.order ?? disks };
    // a system rules a disk out only in a description of the disk ("the disk that's not
    // windows", "any drive except the ubuntu one"), never in "don't touch windows", which keeps it
    // and never in "instead of debian", which names the system to replace, not a disk to avoid
    const negator = tokens[neg.from]!.norm;
    // "not the one with the movies": a disk described by what it holds (labels too, then)
    const held = negator === "not" && describesHeldContent(tokens.slice(neg.to, stop < 0 ? undefined : stop));
    const described =
      negator === "not"
        ? DESCRIBED_BY_NOT.has(tokens[neg.from - 1]?.norm ?? "") || held
        : negator !== "instead";
    const ruledOut = ruledOutBy(
      tokens.slice(neg.to, stop < 0 ? undefined : stop),
      disks,
      { ...ctx, offered: [] },
      described,
      held,
    );
    if (ruledOut.kind === "one" || ruledOut.kind === "many") {
      // "not the first one": the disk the ordinal counts to, not every disk it was asked about
      const out = new Set(
        ruledOut.kind === "one"
          ? [ruledOut.disk.path]
          : ruledOut.meant
            ? [ruledOut.meant.path]
            : ruledOut.disks.map((d) => d.path),
      );
      const rest = disks.filter((d) => !out.has(d.path));
      const by = `not ${ruledOut.by}`;
      const before = resolveDisk(tokens.slice(0, neg.from), rest, ctx);
      if (before.kind !== "absent") return { ...before, by: `${before.by}, ${by}` } as DiskResolution;
      // "instead of the hdd use the 980": what the request after the ruled-out part names
      const after = stop < 0 ? undefined : resolveDisk(tokens.slice(stop), rest, { ...ctx, offered: [] });
      if (after && after.kind !== "absent") return { ...after, by: `${after.by}, ${by}` } as DiskResolution;
      const usable = rest.filter((d) => !d.liveMedium);
      if (usable.length === 1) return { kind: "one", disk: usable[0]!, by };
      if (usable.length === 0) return { kind: "none", by };
      return { kind: "many", disks: usable, by };
    }
  }
  return resolvePositive(tokens, disks, ctx);
}

/**
 * What an exclusion names: one description, or a list of them ("except the seagate and the
 * crucial": two brands no one disk has, each ruled out).
 */
function ruledOutBy(
  tokens: readonly Token[],
  disks: readonly Disk[],
  ctx: DiskContext,
  systems = false,
  labels = false,
): DiskResolution {
  const whole = resolveDisk(tokens, disks, ctx);
  if (whole.kind === "absent" && systems) return bySystem(tokens, disks, labels) ?? whole;
  if (whole.kind !== "none") return whole;
  const parts: Token[][] = [[]];
  for (const t of tokens)
    if (t.norm === "and" || t.norm === "or" || t.norm === "nor" || t.norm === ",") parts.push([]);
    else parts.at(-1)!.push(t);
  if (parts.length < 2) return whole;
  const out = new Map<string, Disk>();
  for (const part of parts.filter((p) => p.length)) {
    const r = resolveDisk(part, disks, ctx);
    if (r.kind === "one") out.set(r.disk.path, r.disk);
    else if (r.kind === "many") for (const d of r.disks) out.set(d.path, d);
    else return whole;
  }
  return out.size ? { kind: "many", disks: [...out.values()], by: whole.by } : whole;
}

/** Words before a "not" that make it part of a disk's description: "the disk that's not X". */
const DESCRIBED_BY_NOT = new Set([
  "thats",
  "that",
  "which",
  "whats",
  "is",
  "one",
  "disk",
  "drive",
  "ssd",
  "hdd",
  "its",
]);

/**
 * Words that start a request of their own after a negation: "don't want swap, use the nvme" (the
 * clauses arrive joined) rules out nothing; what a negation rules out is named before them.
 */
const NEW_REQUEST = new Set([
  "use",
  "do",
  "install",
  "put",
  "erase",
  "wipe",
  "format",
  "just",
  "want",
  "wanna",
  "need",
  "like",
  "go",
  "take",
  "pick",
  "encrypt",
  "then",
  "instead",
]);

const EXCLUDE = new Set(["not", "except", "excepting", "excluding", "besides", "isnt", "barring"]);

/** Where a negated description starts ("not the samsung", "other than the WD", "apart from"). */
export function exclusionAt(tokens: readonly Token[]): { from: number; to: number } | undefined {
  for (let i = 0; i < tokens.length - 1; i++) {
    const w = tokens[i]!.norm;
    const next = tokens[i + 1]!.norm;
    if (EXCLUDE.has(w)) return { from: i, to: i + 1 };
    // "anything but the 1tb", "any disk but the samsung"
    // "any disk bar the 870", "anything save the wd" (tester 12 D2: the excepted disk was taken)
    if (
      (w === "but" || w === "bar" || w === "save" || w === "minus") &&
      next !== "not" &&
      i > 0 &&
      // ("install anywhere but sda": a place word before the exception, attacker 10 M2)
      ["anything", "any", "whatever", "whichever", "disk", "drive", "one", "anywhere", "wherever"].includes(
        tokens[i - 1]!.norm,
      )
    )
      return { from: i, to: i + 1 };
    if (
      (w === "other" && next === "than") ||
      (w === "apart" && next === "from") ||
      (w === "save" && next === "for")
    )
      return { from: i, to: i + 2 };
    // "aside from the 870", "leaving out the 870", "any disk other then the 870" (a typo of
    // "than"; "use the other then" has nothing after it to rule out), "with the exception of"
    if (
      (w === "aside" && next === "from") ||
      // (a clause that starts "leave out the seagate" keeps it: the exclusion needs a description before it)
      ((w === "leaving" || w === "leave") && next === "out" && i > 0 && i + 2 < tokens.length) ||
      (w === "other" && next === "then" && i + 2 < tokens.length && tokens[i + 2]!.kind !== "punct")
    )
      return { from: i, to: i + 2 };
    if (w === "exception" && next === "of")
      return { from: i > 1 && tokens[i - 1]!.norm === "the" ? i - 2 : i, to: i + 2 };
    // "instead of the hdd use the 980", "the nvme instead of the samsung"
    if (w === "instead" && next === "of") return { from: i, to: i + 2 };
  }
  return undefined;
}

/**
 * "the hard drive": people call every disk that, SSDs included. Beside another description ("the
 * samsung harddrive", "the 2tb hard drive") it narrows only when a hard disk fits; alone it picks
 * the one hard disk when no other disk is there or my question offered it, and otherwise asks,
 * the hard disk meant ("install it on the hard drive" with two SSDs and one HDD). Undefined: read
 * it as the hard-disk kind word.
 */
function hardDrive(pool: readonly Disk[], described: boolean, ctx: DiskContext): DiskResolution | undefined {
  if (described) return undefined;
  const usable = pool.filter((d) => !d.liveMedium);
  const hdds = usable.filter(isHdd);
  const offered = hdds.filter((d) => ctx.offered.includes(d.path));
  if (offered.length === 1) return { kind: "one", disk: offered[0]!, by: "the hard disk" };
  if (hdds.length === 1 && usable.length === 1) return { kind: "one", disk: hdds[0]!, by: "the hard disk" };
  if (hdds.length === 1) return { kind: "many", disks: usable, by: "hard drive", meant: hdds[0]! };
  if (hdds.length === 0 && usable.length > 1) return { kind: "many", disks: usable, by: "hard drive" };
  return undefined;
}

/** "booted from", "running off", "the live stick", "the installer usb": the live medium. */
function meansLiveMedium(words: readonly string[]): boolean {
  const s = ` ${words.join(" ")} `;
  return (
    / (boot|booted|booting|running|run|runs|started|start|starting|loaded) (it |this |the system )?(from|off) /.test(
      s,
    ) ||
    / (live|installer|install|installation|boot) (usb|stick|medium|media|key|cd|dvd|iso) /.test(s) ||
    // "the install disk", "the boot drive", "installation drive" are as often the disk being
    // installed onto ("INSERT INTO install (disk, ...)": dev18-mixed); only "live" says the medium
    / (live|installer) (disk|drive) /.test(s) ||
    // "the very drive whence I did boot", "the stick I booted", "the one we started up with": the
    // drive the person booted this session from ("the drive I boot windows from" names a system)
    / (disk|drive|stick|usb|one|key|device) (whence |that |which )?(i|we) (did |have |just )?(boot|booted|started up|start up)( from| off| with)? (?!(windows|linux|ubuntu|fedora|arch|debian|mint|macos|my|the) )/.test(
      s,
    ) ||
    / (this|the) (live )?(system|session) (is )?(running|runs) (from|off|on) /.test(s)
  );
}

const COMPARISONS = new Set([
  "bigger",
  "larger",
  "biggest",
  "largest",
  "smaller",
  "smallest",
  "big",
  "large",
  "small",
]);

/** What a partition, not a disk, is: "one big partition", "a small swap", "root as big as it gets". */
const LAYOUT_NOUNS = new Set([
  "partition",
  "partitions",
  "root",
  "home",
  "/home",
  "swap",
  "boot",
  "/boot",
  "esp",
  "efi",
  "filesystem",
  "fs",
  "volume",
  "slice",
  "chunk",
]);

/**
 * The size word at `i` sizes the layout, never picks a disk: "forget the separate home, one big
 * partition is fine" kept the planned disk (dev11 h10-025 had moved the install to the biggest
 * disk). A layout noun right after it ("a big swap", "biggest possible root") or right before it
 * ("make root bigger"), or "as big as", says so.
 */
function sizesLayout(words: readonly string[], i: number): boolean {
  const after = words.slice(i + 1, i + 3);
  const diskAt = after.findIndex((w) => DISK_NOUNS.has(w));
  const layoutAt = after.findIndex((w) => LAYOUT_NOUNS.has(w));
  if (layoutAt >= 0 && (diskAt < 0 || layoutAt < diskAt)) return true;
  return LAYOUT_NOUNS.has(words[i - 1] ?? "") || words[i - 1] === "as";
}

const DISK_NOUNS = new Set(["one", "disk", "drive", "ssd", "hdd", "nvme", "disks", "drives", "ones"]);

/** A number without a unit names a disk by its size in GB or by the digits of its model: "the intel 960". */
function bareNumberDisks(tokens: readonly Token[], i: number, disks: readonly Disk[]): Disk[] {
  const t = tokens[i]!;
  const n = Number(t.norm);
  if (t.kind !== "number" || !Number.isFinite(n) || n < 16) return [];
  const prev = tokens[i - 1]?.norm ?? "";
  const next = tokens[i + 1]?.norm ?? "";
  const named =
    ["the", "this", "that"].includes(prev) ||
    BRANDS[prev] !== undefined ||
    ["one", "disk", "drive", "ssd", "nvme", "hdd", "drives", "disks"].includes(next);
  if (!named) return [];
  return disks.filter((d) => {
    const bySize = [1000 ** 3, 1024 ** 3].some((u) => Math.abs(d.sizeBytes - n * u) / d.sizeBytes <= 0.06);
    const byModel = d.model.includes(t.norm);
    return bySize || byModel;
  });
}

/** A brand, kind or model word of these disks ("the empty seagate", "the blank evo"). */
function namesDiskHere(w: string, disks: readonly Disk[]): boolean {
  if (Object.hasOwn(BRANDS, w) || Object.hasOwn(KIND_WORDS, w) || isModelFragment(w, disks)) return true;
  return (
    w.length >= 3 &&
    !MODEL_NOISE.has(w) &&
    disks.some((d) =>
      d.model
        .toLowerCase()
        .split(/[^a-z0-9]+/)
        .includes(w),
    )
  );
}

function resolvePositive(tokens: readonly Token[], disks: readonly Disk[], ctx: DiskContext): DiskResolution {
  const words = tokens
    .filter((t) => t.kind === "word" || t.kind === "path" || t.kind === "number")
    .map((t) => t.norm);
  const has = (w: string) => words.includes(w);
  let pool: Disk[] = [...disks];
  const by: string[] = [];
  let described = false;

  // 1. A device path or name: decisive.
  for (const t of tokens) {
    const name = t.norm.replace(/^\/dev\//, "");
    const hit = disks.find((d) => d.path === t.norm || d.path === `/dev/${name}`);
    if (
      hit &&
      (t.kind === "path" || /^(sd[a-z]+|vd[a-z]+|hd[a-z]+|xvd[a-z]+|nvme\d+n\d+|mmcblk\d+)$/.test(name))
    )
      return { kind: "one", disk: hit, by: hit.path };
    if (t.kind === "path" && t.norm.startsWith("/dev/")) return { kind: "none", by: t.raw };
    if (/^(sd[a-z]|vd[a-z]|nvme\d+n\d+)$/.test(t.norm)) return { kind: "none", by: `/dev/${t.norm}` };
  }

  // 2. "the other one/disk": the disk(s) not last mentioned.
  if ((has("other") || has("another")) && otherPointsAtDisk(tokens, (w) => namesDiskHere(w, disks))) {
    const last = ctx.mentioned.at(-1);
    if (last) {
      pool = pool.filter((d) => d.path !== last && !d.liveMedium);
      by.push("the other one");
      described = true;
    }
  }

  // 3. Size.
  const sizes = findSizes(tokens);
  for (const s of sizes) {
    const scored = pool.map((d) => ({ d, e: sizeError(d, s) })).filter((x) => x.e <= 0.06);
    described = true;
    const text = `${s.value} ${["", "K", "M", "G", "T"][s.power]}B`;
    by.push(text);
    if (scored.length === 0) return { kind: "none", by: text };
    // Clearly closest wins; otherwise keep all within tolerance (two 500 GB disks stay ambiguous).
    scored.sort((a, b) => a.e - b.e);
    pool = scored.filter((x) => x.e <= scored[0]!.e + 0.02).map((x) => x.d);
  }

  // 3b. A number without a unit ("the 960", "the intel 480").
  const inSize = new Set(sizes.flatMap((s) => Array.from({ length: s.to - s.from }, (_, k) => s.from + k)));
  for (let i = 0; i < tokens.length; i++) {
    if (inSize.has(i)) continue;
    const hits = bareNumberDisks(tokens, i, pool);
    if (!hits.length) continue;
    described = true;
    by.push(`the ${tokens[i]!.raw}`);
    pool = hits;
  }

  // 3c. The medium this live system runs from.
  if (meansLiveMedium(words)) {
    const live = pool.filter((d) => d.liveMedium);
    if (live.length) {
      described = true;
      by.push("the live medium");
      pool = live;
    }
  }

  // 4. Kind and transport words.
  let hard = false;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    let kw = KIND_WORDS[w];
    // "the empty one", "whichever disk is empty": a disk with no partitions listed (never "the
    // empty space", nor a question about "it": "the crucial. is it empty?")
    if (
      EMPTY_WORDS.has(w) &&
      // with no blank disk here, emptiness is a disk's free space (emptyRoom.ts)
      disks.some((d) => !d.liveMedium && (d.partitions?.length ?? 0) === 0) &&
      !NOT_EMPTY_DISK.has(words[i + 1] ?? "") &&
      !isPlaceWord(words[i + 1] ?? "") &&
      // "the empty bay next to it", "the blank skin": a place of the user's picture, the free space
      // (with a blank disk here and nothing said beside, "the empty nest box" is still that disk)
      !(
        emptyPlaceAt(words, i, (x) => diskishWord(x) || namesDiskHere(x, disks)) &&
        (saysBeside(words) || !disks.some((d) => !d.liveMedium && (d.partitions?.length ?? 0) === 0))
      ) &&
      ![words[i - 1], words[i - 2]].some((x) =>
        ["it", "its", "that", "this", "they", "not", "isnt"].includes(x ?? ""),
      )
    ) {
      described = true;
      by.push("empty");
      pool = pool.filter((d) => !d.liveMedium && (d.partitions?.length ?? 0) === 0);
      continue;
    }
    if (
      (w === HARD && ["drive", "disk", "drives", "disks"].includes(words[i + 1] ?? "")) ||
      w === "harddrive" ||
      w === "harddrives"
    ) {
      hard = true;
      continue;
    }
    if (w === "sd" && words[i + 1] !== "card") kw = undefined;
    if (w === "stick" && stickIsVerb(words, i)) kw = undefined;
    // "the bigger solid state one": the SSD kind in two words
    if (w === "solid" && words[i + 1] === "state") kw = KIND_WORDS.ssd;
    if (!kw) continue;
    // "usb" in "usb stick" counts once
    described = true;
    by.push(kw.name);
    pool = pool.filter(kw.test);
  }

  // 5. Brand and model words ("the samsung", "the evo", "870").
  const modelWords = new Set(
    disks.flatMap((d) =>
      d.model
        .toLowerCase()
        .split(/[^a-z0-9]+/)
        .filter(Boolean),
    ),
  );
  for (const w of words) {
    const brand = BRANDS[w];
    if (brand) {
      described = true;
      by.push(w);
      pool = pool.filter((d) => brand.test(d.model));
      continue;
    }
    if (!modelWords.has(w) && isModelFragment(w, disks)) {
      described = true;
      by.push(w);
      pool = pool.filter((d) => compactModel(d).includes(w));
      continue;
    }
    if (
      w.length >= 3 &&
      modelWords.has(w) &&
      !MODEL_NOISE.has(w) &&
      !sizes.some((s) => String(s.value) === w)
    ) {
      described = true;
      by.push(w);
      pool = pool.filter((d) =>
        d.model
          .toLowerCase()
          .split(/[^a-z0-9]+/)
          .includes(w),
      );
    }
  }

  if (hard) {
    const picked = hardDrive(pool, described, ctx);
    if (picked) return picked;
    if (!described) {
      described = true;
      by.push("hard disk");
      pool = pool.filter(isHdd);
    } else if (pool.some(isHdd)) pool = pool.filter(isHdd);
  }

  // 6. Order and comparison, applied to what is left (or to what the last question offered).
  const compare =
    words.find((w, i) => COMPARISONS.has(w) && !sizesLayout(words, i)) ?? sizeWordAt(words, DISK_NOUNS);
  if (compare) {
    if (!described && ctx.offered.length > 1) pool = pool.filter((d) => ctx.offered.includes(d.path));
    const usable = pool.filter((d) => !d.liveMedium);
    if (usable.length > 0) {
      const big = /big|larg/.test(compare) || BIG_WORDS.has(compare);
      const sorted = [...usable].sort((a, b) =>
        big ? b.sizeBytes - a.sizeBytes : a.sizeBytes - b.sizeBytes,
      );
      if (sorted.length > 1 && sorted[0]!.sizeBytes === sorted[1]!.sizeBytes)
        return {
          kind: "many",
          disks: sorted.filter((d) => d.sizeBytes === sorted[0]!.sizeBytes),
          by: compare,
        };
      return { kind: "one", disk: sorted[0]!, by: `the ${compare} one` };
    }
  }
  const speed = bySpeed(words, pool, isSsd);
  if (speed && speed.disks.length === 1) return { kind: "one", disk: speed.disks[0]!, by: speed.by };
  if (speed)
    return { kind: "many", disks: speed.disks, by: speed.by, ...(speed.meant ? { meant: speed.meant } : {}) };
  // "the second disk", "disk 2": counted in the order the facts list the disks (the order the
  // disk listing shows), the live medium never counted. With more than two disks to count the
  // user's order may not be ours (by size, by bay): the disk is asked about, never taken.
  let ord = words.findIndex(
    (w, i) =>
      (ORDINALS[w] !== undefined && /^(disk|drive|one|ssd)s?$/.test(words[i + 1] ?? "")) ||
      (w === "last" && /^(disk|drive|one|ssd)s?$/.test(words[i + 1] ?? "")),
  );
  // "the top one", "the bottom one": places in the list I showed last (else in the facts' order),
  // counted like "first" and "last" among the disks that can take the install
  const place = words.findIndex(
    (w, i) => POSITIONS[w] !== undefined && /^(disk|drive|one|ssd)s?$/.test(words[i + 1] ?? ""),
  );
  // "the first one you listed" with my last reply listing disks: counted in that list's order
  // literally, live medium included: "the bottom one" when the live stick is listed last is the
  // stick (refused, and said), never a guess at the disk above it
  const shown = ctx.offered
    .map((p) => disks.find((d) => d.path === p))
    .filter((d): d is Disk => d !== undefined);
  const listOrder = !described && shown.length > 1 ? shown : undefined;
  // A disk picked by its place in `counted`; in the list I showed, the order is mine: no need to
  // ask which one was meant, elsewhere (the machine's own order) it is named back as a question.
  const byPosition = (d: Disk | undefined, counted: readonly Disk[], by: string): DiskResolution => {
    if (!d || !pool.includes(d)) return { kind: "none", by };
    if (counted.length > 2 && !listOrder)
      return {
        kind: "many",
        disks: [d, ...counted.filter((x) => x !== d && pool.includes(x))],
        by,
        meant: d,
      };
    return { kind: "one", disk: d, by };
  };
  if (ord < 0 && place >= 0) {
    const counted = listOrder ?? (ctx.order ?? pool).filter((d) => !d.liveMedium);
    const d = POSITIONS[words[place]!] === "first" ? counted[0] : counted.at(-1);
    const by = `the ${words[place]} disk`;
    return byPosition(d, counted, by);
  }
  // "the last one": as before this round (the last disk listed, live medium included); read as
  // the live medium it keeps nothing the plan uses ("forget the last one" about the last request)
  if (words[ord] === "last" && listOrder) {
    const d = listOrder.at(-1)!;
    return pool.includes(d)
      ? { kind: "one", disk: d, by: "the last disk" }
      : { kind: "none", by: "the last disk" };
  }
  if (words[ord] === "last") {
    const d = pool.at(-1);
    return d ? { kind: "one", disk: d, by: "the last disk" } : { kind: "none", by: "the last disk" };
  }
  let w = words[ord] ?? "";
  const numbered = words.findIndex(
    (x, i) =>
      /^(disk|drive|ssd)$/.test(x) &&
      /^[1-9]$/.test(words[i + 1] ?? "") &&
      // ("the disk 2 TB", Spanish "el disco de 2 TB": a size, no count)
      !/^(?:t|tb|tib|g|gb|gib|m|mb|tera|terabytes?|gigs?|gigabytes?|to|go)$/.test(words[i + 2] ?? ""),
  );
  if (ord < 0 && numbered >= 0) {
    ord = numbered;
    w = ["first", "second", "third", "fourth"][Number(words[numbered + 1]) - 1] ?? words[numbered + 1]!;
  }
  if (ord >= 0) {
    let counted = listOrder ?? (ctx.order ?? pool).filter((d) => !d.liveMedium);
    const idx = w === "last" ? counted.length - 1 : (ORDINALS[w] ?? Number(w) - 1);
    // "a second drive which is empty": the other words narrowed the pool below the count, so the
    // count is of the machine's disks; the disk must still fit those words (byPosition)
    if (!listOrder && !ctx.order && counted[idx] === undefined) counted = disks.filter((d) => !d.liveMedium);
    const d = counted[idx];
    const by = `the ${w} disk`;
    return byPosition(d, counted, by);
  }

  if (!described) return { kind: "absent" };
  const why = by.join(", ");
  if (pool.length === 0) return { kind: "none", by: why };
  if (pool.length === 1) return { kind: "one", disk: pool[0]!, by: why };
  // Several fit; the live medium is never what "the usb stick" means when another fits too.
  const notLive = pool.filter((d) => !d.liveMedium);
  if (by.includes("the live medium")) return { kind: "one", disk: pool[0]!, by: why };
  if (notLive.length === 1) return { kind: "one", disk: notLive[0]!, by: why };
  return { kind: "many", disks: notLive.length ? notLive : pool, by: why };
}

export type { DiskContext, DiskResolution };
