import chalk from "chalk";
import type { Command } from "commander";
import { inspectIso } from "../../leviso/inspect.js";
import { safeText } from "../../steps/terminalText.js";
import { fail, failAsJson } from "../common.js";

/**
 * Everything an ISO says (its volume label, file names, os-release) is printed escaped: a label
 * made with `-V "$(printf 'LBL\x1b[31m')"` recoloured the terminal (attacker 24 F12).
 */
const t = safeText;

export function registerInspect(program: Command): void {
  program
    .command("inspect")
    .description("show an ISO's boot entries (El Torito BIOS/UEFI), volume label and squashfs contents")
    .argument("<iso>", "the ISO image")
    .option("--packages", "list every package in the squashfs")
    .option("--json", "print JSON")
    .action(async (iso: string, o: { packages?: boolean; json?: boolean }) => {
      if (o.json) failAsJson();
      let r: Awaited<ReturnType<typeof inspectIso>>;
      try {
        r = await inspectIso(iso);
      } catch (e) {
        fail(chalk.red(`cannot inspect ${t(iso)}: ${t((e as Error).message)}`));
      }
      if (o.json) {
        process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
        return;
      }
      const w = (s: string) => process.stdout.write(`${s}\n`);
      w(`${chalk.bold(t(r.iso))}`);
      w(
        `  volume label   ${r.volumeId !== undefined && r.volumeId !== null ? t(r.volumeId) : chalk.red("none")}`,
      );
      w(`  system area    ${t(r.systemArea ?? "none (not hybrid)")}`);
      if (r.bootEntries.length === 0) w(`  boot entries   ${chalk.red("none: not bootable")}`);
      for (const b of r.bootEntries) {
        w(
          `  El Torito ${b.index}    ${b.platform.padEnd(5)} ${b.bootable ? "bootable" : "not bootable"}  ${t(b.path ?? "(appended partition)")}  load ${b.loadSize}×512 at LBA ${b.lba}`,
        );
      }
      const s = r.squashfs;
      if (!s) {
        w(`  squashfs       ${chalk.red("no /LiveOS/squashfs.img")}`);
        return;
      }
      w(
        `  squashfs       ${(s.bytes / 2 ** 20).toFixed(1)} MiB, ${t(String(s.compression))}, block ${s.blockSize}, ${s.entries} entries`,
      );
      w(`  top level      ${t(s.topLevel.join(" "))}`);
      w(`  os             ${t(s.osRelease ?? "unknown")}`);
      w(`  kernels        ${t(s.kernels.join(", ")) || "none"}`);
      w(`  packages       ${s.packages.length}`);
      if (o.packages) for (const p of s.packages) w(`    ${t(p)}`);
    });
}
