import type { Disk } from "../../facts/schema.js";
import { parseSize } from "../../steps/size.js";
import { describeDisk } from "./disks.js";

/**
 * Why the sizes asked for do not fit on the whole disk, as a question; undefined when they fit.
 * "the 1000 gig drive, with a 2000 gig root" is a mistake to point out, never an erase of that
 * disk planned with a root it cannot hold (dev11-mixed h10m-020 planned it). `planned`: an
 * install is pending, and stays as it was.
 */
export function wholeDiskProblem(
  d: Disk,
  args: Record<string, unknown>,
  planned: boolean,
): string | undefined {
  const size = (k: string) => (typeof args[k] === "string" ? parseSize(args[k] as string) : 0);
  const root = size("rootSize");
  const swap = size("swapSize");
  const efi = size("efiSize");
  if (!Number.isFinite(root + swap + efi) || root + swap + efi <= d.sizeBytes) return undefined;
  const parts = [
    root ? `a ${args.rootSize} root` : "",
    swap ? `${args.swapSize} of swap` : "",
    efi ? `a ${args.efiSize} EFI partition` : "",
  ].filter(Boolean);
  const said =
    parts.length > 1
      ? `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)} do not fit`
      : `${parts[0]} does not fit`;
  const after = planned ? "The plan is as it was." : `Nothing is planned for ${d.path} yet.`;
  // "32g swap" on a 16 GB disk: no root size makes that swap fit, so the question is the swap's
  // (tester 28 F10: it asked a root size that could lead nowhere). A question only, nothing planned.
  const GiB = 1024 ** 3;
  const maxSwap = Math.floor((d.sizeBytes - (efi || GiB) - 8 * GiB) / GiB);
  if (swap && swap + (efi || GiB) + 8 * GiB > d.sizeBytes) {
    const ask =
      maxSwap >= 1
        ? `How much swap should it be (at most about ${maxSwap}G leaves room for the system, e.g. "${Math.min(maxSwap, 4)}G swap")?`
        : 'It fits without swap ("no swap").';
    return `${said[0]!.toUpperCase()}${said.slice(1)} on ${describeDisk(d)}. ${ask} ${after}`;
  }
  const room = Math.max(4, Math.floor((d.sizeBytes - swap - efi) / GiB / 2));
  return `${said[0]!.toUpperCase()}${said.slice(1)} on ${describeDisk(d)}. How big should root be (e.g. "${room}G root")? ${after}`;
}
