/**
 * leviso build vs the same external tools run by hand on the same inputs.
 *
 *   npx tsx bench/leviso/index.ts [--profile DIR] [--source ISO|DIR ...]
 *
 * Without arguments it uses the Debian-derived test repository and test/leviso/profiles/debian
 * (needs root, like leviso build). Prints each side's wall time and the ratio leviso / by-hand:
 * a ratio near 1.0 means leviso's own work (metadata, resolving, stamps, copying) costs little.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build, resolveInputs } from "../../leviso/build.js";
import { runInRoot, runTool, runWithRootMounts } from "../../leviso/exec.js";
import { makeIso, xorrisoArgv } from "../../leviso/image/iso.js";
import { dracutArgv, findKernel } from "../../leviso/image/kernel.js";
import { prepareBiosBoot, prepareUefiBoot } from "../../leviso/image/loaders.js";
import { mksquashfsArgv } from "../../leviso/image/squashfs.js";
import { rpmBaseArgv, rpmInstallArgv } from "../../leviso/root/install.js";

export interface LevisoBench {
  levisoSeconds: number;
  manualSeconds: number;
  ratio: number;
  manual: { step: string; seconds: number }[];
  leviso: { stage: string; seconds: number }[];
}

async function timed<T>(
  list: { step: string; seconds: number }[],
  step: string,
  fn: () => Promise<T>,
): Promise<T> {
  const t = performance.now();
  const r = await fn();
  list.push({ step, seconds: (performance.now() - t) / 1000 });
  return r;
}

/** Runs both sides once, in fresh directories under `scratch`. */
export async function benchLeviso(
  profileDir: string,
  sources: string[],
  scratch: string,
): Promise<LevisoBench> {
  const t0 = performance.now();
  const report = await build({ profileDir, sources, outDir: join(scratch, "leviso"), clean: true });
  const levisoSeconds = (performance.now() - t0) / 1000;

  // By hand: the same tools, the same inputs, no stamps, no resolver in the timing.
  const { profile, closure } = await resolveInputs(profileDir, sources, join(scratch, "cache"));
  const p = profile.json;
  const m = join(scratch, "manual");
  const root = join(m, "root");
  const tree = join(m, "iso");
  mkdirSync(join(tree, "LiveOS"), { recursive: true });
  mkdirSync(join(tree, "boot/x86_64"), { recursive: true });
  const manual: { step: string; seconds: number }[] = [];
  const rpms = closure.packages.map((x) => x.location);
  await timed(manual, "rpm --initdb", () =>
    runWithRootMounts(root, [...rpmBaseArgv(root, p.rpm.dbpath), "--initdb"]),
  );
  await timed(manual, "rpm -i", () =>
    runWithRootMounts(
      root,
      rpmInstallArgv({ root, dbpath: p.rpm.dbpath, rpms, excludeDocs: p.rpm.excludeDocs }),
    ),
  );
  const k = findKernel(root);
  await timed(manual, "dracut", () => runInRoot(root, dracutArgv(k.version, "/var/tmp/initramfs.img")));
  await runTool(["mv", join(root, "var/tmp/initramfs.img"), join(tree, "boot/x86_64/initramfs.img")]);
  await runTool(["cp", k.vmlinuz, join(tree, "boot/x86_64/vmlinuz")]);
  await timed(manual, "mksquashfs", () =>
    runTool([...mksquashfsArgv(root, join(tree, "LiveOS/squashfs.img"), p.squashfs), "-no-progress"]),
  );
  const bios = p.boot.modes.includes("bios")
    ? await timed(manual, "grub-mkimage (BIOS)", () => prepareBiosBoot(root, tree, p))
    : null;
  const uefi = p.boot.modes.includes("uefi")
    ? await timed(manual, "grub-mkimage + mkfs.fat + mcopy (UEFI)", () => prepareUefiBoot(root, tree, m, p))
    : null;
  writeFileSync(join(tree, "boot/grub/grub.cfg"), "# bench\n");
  const iso = join(m, "manual.iso");
  await timed(manual, "xorriso", () => makeIso(xorrisoArgv(p, tree, iso, bios, uefi, "bench"), iso));
  await timed(manual, "sha256sum + sha512sum", () =>
    Promise.all([runTool(["sha256sum", iso]), runTool(["sha512sum", iso])]),
  );
  const manualSeconds = manual.reduce((n, s) => n + s.seconds, 0);
  return {
    levisoSeconds,
    manualSeconds,
    ratio: levisoSeconds / manualSeconds,
    manual,
    leviso: report.stages.map((s) => ({ stage: s.name, seconds: s.seconds })),
  };
}

async function main() {
  const args = process.argv.slice(2);
  let profileDir = join(import.meta.dirname, "../../test/leviso/profiles/debian");
  const sources: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--profile") profileDir = args[++i]!;
    else if (args[i] === "--source") sources.push(args[++i]!);
  }
  if (sources.length === 0) {
    const { buildDebianBootRepo } = await import("../../test/fixtures-build/debian-boot-rpms.js");
    const { bootExtras, buildFixtureRepo } = await import("../../test/fixtures-build/rpm-repo.js");
    const boot = await buildDebianBootRepo();
    sources.push(boot.repoDir);
    if (!boot.allPackages.includes("dmsetup")) sources.push((await buildFixtureRepo(bootExtras)).repoDir);
  }
  if (process.getuid?.() !== 0) {
    process.stdout.write("bench/leviso: needs root (as leviso build does); skipped\n");
    return;
  }
  const scratch = mkdtempSync(join(tmpdir(), "leviso-bench-"));
  try {
    const r = await benchLeviso(profileDir, sources, scratch);
    for (const s of r.leviso)
      process.stdout.write(`  leviso  ${s.stage.padEnd(12)} ${s.seconds.toFixed(2).padStart(8)} s\n`);
    for (const s of r.manual)
      process.stdout.write(`  by hand ${s.step.padEnd(40)} ${s.seconds.toFixed(2).padStart(8)} s\n`);
    process.stdout.write(
      `leviso build ${r.levisoSeconds.toFixed(1)} s, same tools by hand ${r.manualSeconds.toFixed(1)} s, ratio ${r.ratio.toFixed(3)}\n`,
    );
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
