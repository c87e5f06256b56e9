import { z } from "zod";
import type { Disk } from "./schema.js";

/** The subset of `lsblk --json --bytes -o NAME,PATH,SIZE,MODEL,SERIAL,TRAN,RM,TYPE,MOUNTPOINTS,FSTYPE,LABEL` we read. */
export const LSBLK_COLUMNS = "NAME,PATH,SIZE,MODEL,SERIAL,TRAN,RM,TYPE,MOUNTPOINTS,FSTYPE,LABEL";

interface LsblkDevice {
  name: string;
  path?: string | null;
  size: number | string | null;
  model?: string | null;
  serial?: string | null;
  tran?: string | null;
  rm?: boolean | string | number | null;
  type: string;
  mountpoints?: (string | null)[] | null;
  mountpoint?: string | null;
  fstype?: string | null;
  label?: string | null;
  children?: LsblkDevice[];
}

const DeviceSchema: z.ZodType<LsblkDevice> = z.lazy(() =>
  z.object({
    name: z.string(),
    path: z.string().nullish(),
    size: z.union([z.number(), z.string()]).nullable(),
    model: z.string().nullish(),
    serial: z.string().nullish(),
    tran: z.string().nullish(),
    rm: z.union([z.boolean(), z.string(), z.number()]).nullish(),
    type: z.string(),
    mountpoints: z.array(z.string().nullable()).nullish(),
    mountpoint: z.string().nullish(),
    fstype: z.string().nullish(),
    label: z.string().nullish(),
    children: z.array(DeviceSchema).optional(),
  }),
);

const LsblkSchema = z.object({ blockdevices: z.array(DeviceSchema) });

/** Where dracut's dmsquash-live mounts the medium it booted from. */
const LIVE_MOUNTS = ["/run/initramfs/live", "/run/archiso/bootmnt"];

function mountsOf(d: LsblkDevice): string[] {
  const list = d.mountpoints ?? (d.mountpoint ? [d.mountpoint] : []);
  return list.filter((m): m is string => typeof m === "string" && m.length > 0);
}

function allMounts(d: LsblkDevice): string[] {
  return [...mountsOf(d), ...(d.children ?? []).flatMap(allMounts)];
}

function toBool(v: LsblkDevice["rm"]): boolean {
  return v === true || v === 1 || v === "1" || v === "true";
}

/**
 * Turns `lsblk --json --bytes` output into the disks of CONTRACTS §4: whole disks only (no loop,
 * rom or zram devices), a disk counts as mounted when any of its partitions is (swap included).
 */
export function disksFromLsblk(json: unknown, opts: { includeLoop?: boolean } = {}): Disk[] {
  const parsed = LsblkSchema.parse(json);
  const disks: Disk[] = [];
  for (const d of parsed.blockdevices) {
    // Loop devices only when asked for by path (`probeDisk`): tests install onto loop images.
    if (d.type !== "disk" && !(opts.includeLoop && d.type === "loop")) continue;
    if (d.name.startsWith("zram") || d.name.startsWith("ram")) continue;
    const mounts = allMounts(d);
    const path = d.path ?? `/dev/${d.name}`;
    disks.push({
      path,
      sizeBytes: Number(d.size ?? 0),
      model: (d.model ?? "").trim(),
      transport:
        d.tran ??
        (d.name.startsWith("nvme")
          ? "nvme"
          : d.name.startsWith("vd")
            ? "virtio"
            : d.type === "loop"
              ? "loop"
              : "unknown"),
      ...(d.serial?.trim() ? { serial: d.serial.trim() } : {}),
      removable: toBool(d.rm),
      mounted: mounts.length > 0,
      liveMedium: mounts.some((m) => LIVE_MOUNTS.some((l) => m === l || m.startsWith(l + "/"))) || undefined,
      partitions: (d.children ?? []).map((p) => ({
        path: p.path ?? `/dev/${p.name}`,
        sizeBytes: Number(p.size ?? 0),
        fstype: p.fstype ?? null,
        label: p.label ?? null,
        mountpoint: mountsOf(p)[0] ?? null,
      })),
    });
  }
  return disks;
}
