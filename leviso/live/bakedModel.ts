import { readFileSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { z } from "zod";

/**
 * The memo `levitate model bake` leaves beside a shipped model (`<model dir>/kv/<file>.sha256.json`:
 * name, size, mtime in whole seconds, sha256) lets the first boot trust the model's sha256 without
 * hashing 1.9 GB. Name, size and mtime alone let a file rewritten in place with its mtime set back
 * (`touch -d`) pass as the baked one (attacker 3, L3). The ctime cannot be set back: every write,
 * chmod or overlayfs copy-up makes it "now". leviso seals the memo with the ctime the model will
 * have on the ISO, which it can know because squashfs keeps one time per inode (the mtime, whole
 * seconds) and the kernel reports it as atime, mtime and ctime alike (fs/squashfs/inode.c); a
 * lower file seen through the live system's overlay keeps it until it is copied up.
 *
 * The reader (agent/llm/prefixState.ts, bakedMemoDescribes) trusts the memo only while name, size,
 * mtime and, when the field is there, `ctimeS` all match; otherwise it hashes the model again
 * (24de48d, docs/findings attacker 3 L3).
 */

const BakedMemo = z.object({
  file: z.string(),
  size: z.number().int().nonnegative(),
  mtimeS: z.number().int(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
const SealedMemo = BakedMemo.extend({ ctimeS: z.number().int() });
export type SealedMemo = z.infer<typeof SealedMemo>;

/** The memo's path for a model (the bake's own naming). */
export function bakedMemoPath(modelPath: string): string {
  return join(dirname(modelPath), "kv", `${basename(modelPath)}.sha256.json`);
}

/**
 * The time squashfs will give every inode when the profile's options set one (`-all-time T`,
 * `-inode-time T`: seconds since the epoch), else undefined (each file keeps its mtime).
 */
export function squashfsInodeTime(options: readonly string[]): number | undefined {
  let t: number | undefined;
  options.forEach((o, i) => {
    if (o !== "-all-time" && o !== "-inode-time") return;
    const v = options[i + 1] ?? "";
    if (!/^\d+$/.test(v))
      throw new Error(
        `squashfs option ${o} ${v || "(nothing)"}: leviso needs seconds since the epoch here to seal the baked model's memo (a date string cannot be read back the same way)`,
      );
    t = Number(v);
  });
  return t;
}

/**
 * Adds to the baked memo the ctime the model will have on the ISO (and the mtime, when squashfs
 * rewrites times), after checking that the memo describes the model in the root: its name, size
 * and mtime as the bake saw them. Returns the sealed memo.
 */
export function sealBakedMemo(modelPath: string, squashfsOptions: readonly string[] = []): SealedMemo {
  const file = bakedMemoPath(modelPath);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new Error(
      `the baked model's memo ${file} cannot be read (${(e as Error).message}): bake the model again`,
    );
  }
  const parsed = BakedMemo.safeParse(raw);
  if (!parsed.success)
    throw new Error(
      `the baked model's memo ${file} is not what levitate model bake writes (${parsed.error.issues.map((i) => `${i.path.join(".") || "memo"}: ${i.message}`).join("; ")}): bake the model again`,
    );
  const memo = parsed.data;
  const st = statSync(modelPath);
  const mtimeS = Math.floor(st.mtimeMs / 1000);
  const differs = [
    memo.file !== basename(modelPath) ? `name ${memo.file}, the model is ${basename(modelPath)}` : "",
    memo.size !== st.size ? `size ${memo.size}, the model has ${st.size} bytes` : "",
    memo.mtimeS !== mtimeS ? `mtime ${memo.mtimeS}, the model's is ${mtimeS}` : "",
  ].filter(Boolean);
  if (differs.length)
    throw new Error(
      `the baked model's memo ${file} describes another file (${differs.join("; ")}): the model changed after the bake; bake it again`,
    );
  const onIso = squashfsInodeTime(squashfsOptions) ?? mtimeS;
  const sealed: SealedMemo = { ...memo, mtimeS: onIso, ctimeS: onIso };
  writeFileSync(file, `${JSON.stringify(sealed, null, 2)}\n`);
  return sealed;
}
