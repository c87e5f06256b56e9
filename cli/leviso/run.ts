import { spawn } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import chalk from "chalk";
import type { Command } from "commander";
import { z } from "zod";
import { type Media, shellQuote } from "../../leviso/qemu/argv.js";
import { prepareQemu } from "../../leviso/qemu/boot.js";
import { ExitCode, fail, failAsJson } from "../common.js";

const runOptions = z
  .object({
    uefi: z.boolean().optional(),
    bios: z.boolean().optional(),
    as: z.enum(["cdrom", "usb", "disk"]).optional(),
    memory: z.coerce
      .number()
      .int()
      .min(256, "--memory must be at least 256 (MiB)")
      .max(1 << 20)
      .default(1536),
    cpus: z.coerce.number().int().min(1).max(64).default(2),
    accel: z.enum(["auto", "kvm", "tcg"]).default("auto"),
    snapshot: z.boolean().default(false),
    disk: z.array(z.string()).default([]),
    ovmfCode: z.string().optional(),
    ovmfVars: z.string().optional(),
    dryRun: z.boolean().default(false),
    json: z.boolean().default(false),
  })
  .refine((o) => !(o.uefi && o.bios), { message: "--uefi and --bios exclude each other: pick one" })
  .refine((o) => (o.ovmfCode === undefined) === (o.ovmfVars === undefined), {
    message: "--ovmf-code and --ovmf-vars go together: pass both or neither",
  });

/** An .iso boots as a CD unless told otherwise; anything else (a disk image) as a disk. */
export function defaultMedia(image: string): Media {
  return /\.iso$/i.test(image) ? "cdrom" : "disk";
}

export function registerRun(program: Command): void {
  program
    .command("run")
    .description(
      "boot an ISO or disk image in QEMU with the serial console on this terminal (Ctrl-A X quits)",
    )
    .argument("<image>", "the ISO (or an installed disk image) to boot")
    .option("--uefi", "boot with OVMF UEFI firmware (the default)")
    .option("--bios", "boot with SeaBIOS (legacy BIOS)")
    .option("--as <media>", "attach the image as cdrom, usb or disk (default: cdrom for .iso, else disk)")
    .option("--memory <MiB>", "guest memory in MiB", "1536")
    .option("--cpus <n>", "virtual CPUs", "2")
    .option("--accel <accel>", "auto (KVM when /dev/kvm is usable), kvm or tcg (software emulation)", "auto")
    .option("--snapshot", "discard the guest's writes to the image when QEMU exits")
    .option(
      "--disk <file>",
      "attach a raw disk image as an extra virtio disk (repeatable), e.g. an install target",
      collect,
      [],
    )
    .option("--ovmf-code <file>", "OVMF firmware code (default: the system's, from Debian's ovmf)")
    .option("--ovmf-vars <file>", "OVMF variable store template (copied; the template is never written)")
    .option("--dry-run", "print the QEMU command line and start nothing")
    .option("--json", "with --dry-run: print {command, args} as JSON")
    .action(async (image: string, raw: Record<string, unknown>) => {
      // A bad value or a missing image answers --json with a document too (attacker 27 M5).
      if (raw.json === true) failAsJson();
      const parsed = runOptions.safeParse(raw);
      if (!parsed.success) fail(`leviso run: ${parsed.error.issues[0]?.message}`, ExitCode.usage);
      const o = parsed.data;
      if (!existsSync(image) || !statSync(image).isFile())
        fail(`leviso run: ${image} is not a file (pass the ISO built by \`leviso build\`)`, ExitCode.usage);
      let prepared: ReturnType<typeof prepareQemu>;
      try {
        prepared = prepareQemu({
          image,
          media: o.as ?? defaultMedia(image),
          firmware: o.bios ? "bios" : "uefi",
          ...(o.accel === "auto" ? {} : { accel: o.accel }),
          memoryMiB: o.memory,
          cpus: o.cpus,
          console: "terminal",
          snapshot: o.snapshot,
          extraDisks: o.disk,
          ...(o.ovmfCode && o.ovmfVars ? { ovmfCode: o.ovmfCode, ovmfVars: o.ovmfVars } : {}),
        });
      } catch (e) {
        fail(`leviso run: ${(e as Error).message}`);
      }
      if (o.dryRun) {
        // The vars copy would be made by a real run; a dry run leaves nothing behind.
        prepared.cleanup();
        process.stdout.write(
          o.json ? `${JSON.stringify(prepared.cmd, null, 2)}\n` : `${shellQuote(prepared.cmd)}\n`,
        );
        return;
      }
      process.stderr.write(
        chalk.dim(`${shellQuote(prepared.cmd)}\n(serial console below; Ctrl-A X quits QEMU)\n`),
      );
      const child = spawn(prepared.cmd.command, prepared.cmd.args, { stdio: "inherit" });
      const code = await new Promise<number>((resolve) => {
        child.on("error", (e) => {
          process.stderr.write(
            `leviso run: could not start ${prepared.cmd.command}: ${e.message} (apt-get install qemu-system-x86)\n`,
          );
          resolve(ExitCode.failure);
        });
        child.on("close", (c, sig) => resolve(sig ? ExitCode.interrupted : (c ?? ExitCode.failure)));
      });
      prepared.cleanup();
      process.exitCode = code === 0 ? ExitCode.ok : code;
    });
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
