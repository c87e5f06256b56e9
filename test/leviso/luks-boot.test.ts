import { describe, expect, it } from "vitest";
import { FactsSchema } from "../../facts/schema.js";
import { computeLayout, type LayoutRequest } from "../../leviso/disk/layout.js";
import { crypttabContent, LUKS_DRACUT_CONF } from "../../leviso/disk/luksBoot.js";
import { bootloaderSteps, fstabContent, fstabSteps, kernelOptions } from "../../leviso/disk/steps.js";
import { GiB } from "../../steps/size.js";
import { compilePlan } from "../../tools/compile.js";
import type { ToolCall } from "../../tools/registry.js";

const layout = (over: Partial<LayoutRequest> = {}) =>
  computeLayout({
    disk: "/dev/sda",
    diskBytes: 100 * GiB,
    firmware: "uefi",
    filesystem: "ext4",
    encrypt: true,
    separateHome: false,
    efiBytes: GiB,
    ...over,
  });

/** What the install's `{{uuid:DEV}}` placeholders become, with made-up UUIDs per device. */
const fill = (text: string) =>
  text.replace(/\{\{uuid:([^}]+)\}\}/g, (_, dev: string) => `UUID-OF-${dev.replace(/\W+/g, "_")}`);

describe("LUKS boot: the kernel command line and crypttab", () => {
  it("an encrypted root: rd.luks.uuid= names the container, root=UUID= the filesystem inside (no mapper name)", () => {
    for (const firmware of ["uefi", "bios"] as const)
      expect(kernelOptions(layout({ firmware }))).toBe(
        "rd.luks.uuid={{uuid:/dev/sda2}} root=UUID={{uuid:/dev/mapper/cryptroot}} rw",
      );
    expect(kernelOptions(layout({ filesystem: "btrfs" }))).toBe(
      "rd.luks.uuid={{uuid:/dev/sda2}} root=UUID={{uuid:/dev/mapper/cryptroot}} rootflags=subvol=@ rw",
    );
    // rd.luks.name= is read only by systemd's initramfs; a root by mapper name depends on it.
    expect(kernelOptions(layout())).not.toMatch(/rd\.luks\.name|root=\/dev\/mapper/);
  });

  it("no encryption: root=UUID= of the partition and nothing of LUKS", () => {
    expect(kernelOptions(layout({ encrypt: false }))).toBe("root=UUID={{uuid:/dev/sda2}} rw");
    expect(crypttabContent(layout({ encrypt: false }))).toBeUndefined();
  });

  it("crypttab names each mapping luks-<LUKS UUID>, the name the initramfs gives the root for rd.luks.uuid=", () => {
    const l = layout({ separateHome: true, swapBytes: 2 * GiB });
    const tab = fill(crypttabContent(l) ?? "");
    expect(tab).toBe(
      [
        "luks-UUID-OF-_dev_sda3 UUID=UUID-OF-_dev_sda3 none luks",
        "luks-UUID-OF-_dev_sda4 UUID=UUID-OF-_dev_sda4 none luks",
        // The swap beside them: a new random key at each boot, by its partition's PARTUUID.
        "cryptswap PARTUUID={{partuuid:/dev/sda2}} /dev/urandom swap,cipher=aes-xts-plain64,size=512",
        "",
      ].join("\n"),
    );
    // The root's line and the command line name the same container, and the name dracut's
    // cryptroot-ask and systemd-cryptsetup derive from rd.luks.uuid= (luks-UUID) is crypttab's.
    const uuid = /rd\.luks\.uuid=(\S+)/.exec(fill(kernelOptions(l)))?.[1];
    expect(uuid).toBe("UUID-OF-_dev_sda3");
    expect(tab.split("\n")[0]).toBe(`luks-${uuid} UUID=${uuid} none luks`);
    // fstab mounts the filesystems inside by their own UUIDs, as root=UUID= does.
    const fstab = fill(fstabContent(l));
    expect(fstab).toContain("UUID=UUID-OF-_dev_mapper_cryptroot / ext4 defaults 0 1");
    expect(fstab).toContain("UUID=UUID-OF-_dev_mapper_crypthome /home ext4 defaults 0 2");
  });

  it("BIOS: GRUB reads the kernels from the unencrypted /boot partition (GRUB cannot read LUKS2), with the same options", () => {
    const l = layout({ firmware: "bios" });
    const boot = l.partitions.find((p) => p.role === "boot");
    expect(boot).toMatchObject({
      device: "/dev/sda1",
      fstype: "ext4",
      mountpoint: "/boot",
      encrypted: false,
    });
    expect(l.partitions.find((p) => p.role === "root")).toMatchObject({ encrypted: true });
    const menu = bootloaderSteps(l, "/mnt").find((s) => s.id === "install.grub-cfg");
    const text = menu?.action.kind === "writeFile" ? menu.action.content : "";
    expect(text).toContain("search --no-floppy --fs-uuid --set=root {{uuid:/dev/sda1}}");
    expect(text).toContain(
      "  linux /{{kernel:/mnt/boot}} rd.luks.uuid={{uuid:/dev/sda2}} root=UUID={{uuid:/dev/mapper/cryptroot}} rw",
    );
  });

  it("the new system's dracut config (crypt module, libgcc_s) is written before the base system makes the initramfs", () => {
    expect(fstabSteps(layout({ encrypt: false }), "/mnt").some((s) => s.id === "install.dracut-luks")).toBe(
      false,
    );
    const facts = FactsSchema.parse({
      mode: "live",
      firmware: "bios",
      disks: [{ path: "/dev/sda", sizeBytes: 100 * GiB, transport: "sata" }],
    });
    const call = {
      tool: "partitionDisk",
      args: {
        disk: "/dev/sda",
        use: "whole",
        filesystem: "ext4",
        encrypt: true,
        separateHome: false,
        efiSize: "1G",
      },
    } as ToolCall;
    const r = compilePlan([call], facts, { target: "/mnt" });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const ids = r.plan.steps.map((s) => s.id);
    const conf = r.plan.steps.find((s) => s.id === "install.dracut-luks");
    expect(conf?.action).toMatchObject({ kind: "writeFile", path: `/mnt${LUKS_DRACUT_CONF}` });
    const text = conf?.action.kind === "writeFile" ? conf.action.content : "";
    expect(text).toContain('add_dracutmodules+=" crypt "');
    expect(text).toMatch(
      /install_optional_items\+=" \/usr\/lib64\/libgcc_s\.so\.1 \/usr\/lib\/x86_64-linux-gnu\/libgcc_s\.so\.1 "/,
    );
    const bootstrap = r.plan.steps.findIndex(
      (s) => s.action.kind === "recipe" && s.action.op === "bootstrap",
    );
    expect(bootstrap).toBeGreaterThan(0);
    expect(ids.indexOf("install.dracut-luks")).toBeGreaterThan(ids.indexOf("partitionDisk.mount.root"));
    expect(ids.indexOf("install.dracut-luks")).toBeLessThan(bootstrap);
  });
});
