import { z } from "zod";

/**
 * Sizes in plans and tool args: a number with a binary unit, `512M`, `8G`, `1.5T` (MiB, GiB, TiB).
 * This is the one place sizes are parsed; everything else compares bytes.
 */
export const SIZE_PATTERN = "^(0|[1-9][0-9]{0,6})(\\.[0-9]{1,3})?[MGT]$";
const SIZE_RE = new RegExp(SIZE_PATTERN);

const UNIT_BYTES = { M: 1024 ** 2, G: 1024 ** 3, T: 1024 ** 4 } as const;

export const MiB = UNIT_BYTES.M;
export const GiB = UNIT_BYTES.G;
export const TiB = UNIT_BYTES.T;

export class SizeError extends Error {}

/** `"8G"` → 8589934592. Throws SizeError with a hint on anything else. */
export function parseSize(text: string): number {
  const s = text.trim();
  if (!SIZE_RE.test(s)) {
    throw new SizeError(
      `"${text}" is not a size: use a number and a binary unit M, G or T (MiB, GiB, TiB), e.g. 512M, 8G, 1.5T`,
    );
  }
  const unit = s.at(-1) as keyof typeof UNIT_BYTES;
  return Math.round(Number(s.slice(0, -1)) * UNIT_BYTES[unit]);
}

export function isSize(text: string): boolean {
  return SIZE_RE.test(text.trim());
}

/** Bytes → the shortest exact size string when there is one (`8G`), else MiB rounded down. */
export function formatSize(bytes: number): string {
  for (const unit of ["T", "G", "M"] as const) {
    const v = bytes / UNIT_BYTES[unit];
    if (v >= 1 && Number.isInteger(Math.round(v * 1000) / 1000) && Math.abs(v - Math.round(v)) < 1e-9)
      return `${Math.round(v)}${unit}`;
  }
  return `${Math.floor(bytes / MiB)}M`;
}

/** For people: "500.1 GB (465.8 GiB)": disks are sold in decimal units, partitioned in binary ones. */
export function describeBytes(bytes: number): string {
  const dec = bytes >= 1e12 ? `${(bytes / 1e12).toFixed(2)} TB` : `${(bytes / 1e9).toFixed(1)} GB`;
  const bin = bytes >= TiB ? `${(bytes / TiB).toFixed(2)} TiB` : `${(bytes / GiB).toFixed(1)} GiB`;
  return `${dec} (${bin})`;
}

export const SizeSchema = z
  .string()
  .max(12)
  .regex(SIZE_RE, { message: "a size is a number and a binary unit M, G or T, e.g. 512M, 8G, 1.5T" })
  .describe("A size: a number with a binary unit M, G or T (MiB, GiB, TiB), e.g. 512M, 8G, 1.5T");
