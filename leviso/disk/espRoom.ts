import type { Step } from "../../steps/step.js";

/**
 * The last check before the boot files are copied onto the ESP: the staged tree, counted in the
 * ESP's own clusters, fits in the space it has free now. The re-check before the first write
 * compared the free space with an estimate (reference or measured sizes); this compares it with
 * the files themselves (the installed kernel and the initramfs dracut just made, which can be
 * larger), so mcopy never stops half way with another system's ESP full and our files partly on
 * it. A shell script run as a step, so the dry-run prints it whole: sh, stat and sed (the live
 * system has them: coreutils, dracut's dependencies), mdir and minfo (mtools, as mcopy).
 */
export const ESP_ROOM_SCRIPT = [
  "set -eu",
  'dev=$1; shift; export MTOOLS_SKIP_CHECK=1; mib() { echo "$(( ($1 + 524288) / 1048576 )) MiB"; }',
  `free=$(mdir -i "$dev" ::/ | sed -n 's/ bytes free.*//p' | tr -cd 0-9)`,
  `bytes=$(minfo -i "$dev" :: | sed -n 's/^sector size: \\([0-9]*\\) bytes$/\\1/p')`,
  `per=$(minfo -i "$dev" :: | sed -n 's/^cluster size: \\([0-9]*\\) sectors$/\\1/p')`,
  'if [ -z "$free" ] || [ -z "$bytes" ] || [ -z "$per" ]; then',
  '  echo "cannot read the free space of the EFI system partition $dev (mdir, minfo); nothing was copied onto it" >&2; exit 1',
  "fi",
  "c=$((bytes * per)); need=0",
  // Every file takes whole clusters, every directory at least one.
  'walk() { for f in "$1"/* "$1"/.[!.]*; do [ -e "$f" ] || continue',
  '  if [ -d "$f" ]; then need=$((need + c)); walk "$f"',
  '  else s=$(stat -c %s "$f"); need=$((need + (s + c - 1) / c * c)); fi; done; }',
  'for p in "$@"; do need=$((need + c)); walk "$p"; done',
  'if [ "$need" -gt "$free" ]; then',
  '  echo "the EFI system partition $dev has $(mib "$free") free ($free bytes); the boot files need $(mib "$need") ($need bytes in $c-byte clusters): nothing was copied onto it. Make room on it (files of a system you no longer use), or install with a new EFI system partition (efiSize), then run the install again." >&2',
  "  exit 1",
  "fi",
  'echo "$dev: $(mib "$free") free, the boot files need $(mib "$need")"',
].join("\n");

/**
 * The step that runs {@link ESP_ROOM_SCRIPT} for the directories `paths` (staged, outside the
 * target) that the next step copies onto `device`.
 */
export function espRoomStep(device: string, paths: readonly string[]): Step {
  return {
    id: "install.esp.room",
    phase: "bootloader",
    source: "install",
    destructive: false,
    title: `Check that the staged boot files fit in the free space of the EFI system partition ${device} (counted in its clusters)`,
    changes: "nothing (reads only; too little room stops the install before the copy)",
    action: { kind: "run", argv: ["sh", "-c", ESP_ROOM_SCRIPT, "esp-room", device, ...paths] },
  };
}

/** Puts the room check right before the mcopy step, for the same staged directories. */
export function withEspRoomCheck(steps: Step[]): Step[] {
  const i = steps.findIndex((s) => s.id === "install.esp.copy");
  const copy = steps[i];
  if (copy?.action.kind !== "run") return steps;
  const argv = copy.action.argv;
  const dev = argv[argv.indexOf("-i") + 1];
  // mcopy -s -Q -i DEV SRC... ::/
  const sources = argv.slice(argv.indexOf("-i") + 2, -1);
  if (!dev) return steps;
  return [...steps.slice(0, i), espRoomStep(dev, sources), ...steps.slice(i)];
}
