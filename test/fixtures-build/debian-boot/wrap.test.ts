import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { describeWithTools } from "../../helpers/env.js";
import { buildDebianBootRepo, canonicalPath } from "../debian-boot-rpms.js";
import { type DebPackage, dependencyClosure, parseDpkgQuery, parseRelations } from "./dpkg.js";
import { moduleClosure } from "./kernel-modules.js";
import { filesEntry, rpmVersionOf } from "./rpm-spec.js";

describe("Debian → RPM wrapping, pure parts", () => {
  it("parses relation fields into alternatives of bare names", () => {
    expect(
      parseRelations("libc6 (>= 2.34), initramfs-tools (>= 0.1) | linux-initramfs-tool, python3:any"),
    ).toEqual([["libc6"], ["initramfs-tools", "linux-initramfs-tool"], ["python3"]]);
    expect(parseRelations("")).toEqual([]);
  });

  it("keeps unpacked packages and drops config-files-only ones", () => {
    const out = parseDpkgQuery(
      "a\t1.0\tamd64\tno\tii \t\tb\t\nb\t2\tall\tyes\tiF \t\t\tv\nc\t3\tamd64\tno\trc \t\t\t\n",
    );
    expect([...out.keys()]).toEqual(["a", "b"]);
    expect(out.get("b")?.essential).toBe(true);
    expect(out.get("b")?.provides).toEqual(["v"]);
  });

  const pkg = (name: string, depends: string[][], provides: string[] = []): [string, DebPackage] => [
    name,
    { name, version: "1", arch: "amd64", essential: false, depends, provides },
  ];

  it("follows dependencies through virtual names and drops excluded ones", () => {
    const installed = new Map([
      pkg("kernel", [
        ["initramfs-tools", "linux-initramfs-tool"],
        ["debconf", "debconf-2.0"],
      ]),
      pkg("dracut", [["libc"]], ["linux-initramfs-tool"]),
      pkg("libc", []),
      pkg("debconf", []),
    ]);
    const closure = dependencyClosure(installed, ["kernel"], new Set(["debconf"]));
    expect(Object.fromEntries(closure)).toEqual({ kernel: ["dracut"], dracut: ["libc"], libc: [] });
  });

  it("names the missing package and the fix", () => {
    const installed = new Map([pkg("a", [["nope"]])]);
    expect(() => dependencyClosure(installed, ["a"], new Set())).toThrow(
      /a depends on nope.*apt-get install/,
    );
    expect(() => dependencyClosure(installed, ["zz"], new Set())).toThrow(/zz is not installed.*apt-get/);
  });

  it("converts Debian versions to RPM epoch, version, release", () => {
    expect(rpmVersionOf("1:1.35.0-4+deb12u1+b1")).toEqual({
      epoch: 1,
      version: "1.35.0",
      release: "4+deb12u1+b1",
    });
    expect(rpmVersionOf("3:6.04~git20190206.bf6db5b4+dfsg1-3")).toEqual({
      epoch: 3,
      version: "6.04~git20190206.bf6db5b4+dfsg1",
      release: "3",
    });
    expect(rpmVersionOf("12.4+deb12u11")).toEqual({ epoch: null, version: "12.4+deb12u11", release: "0" });
    expect(rpmVersionOf("1.2-rc1-3")).toEqual({ epoch: null, version: "1.2_rc1", release: "3" });
  });

  it("escapes %files entries", () => {
    expect(filesEntry("/usr/bin/[", false)).toBe('"/usr/bin/[[]"');
    expect(filesEntry("/a b/50%", true)).toBe('%dir "/a b/50%%"');
  });

  it("maps split-/usr paths into merged /usr", () => {
    expect(canonicalPath("/bin/bash")).toBe("/usr/bin/bash");
    expect(canonicalPath("/lib")).toBe("/usr/lib");
    expect(canonicalPath("/lib64/ld-linux-x86-64.so.2")).toBe("/usr/lib64/ld-linux-x86-64.so.2");
    expect(canonicalPath("/library")).toBe("/library");
    expect(canonicalPath("/etc/passwd")).toBe("/etc/passwd");
  });

  it("closes kernel modules over modules.dep, treating unknown names as built in", () => {
    const dep = [
      "kernel/fs/ext4/ext4.ko: kernel/lib/crc16.ko kernel/fs/jbd2/jbd2.ko",
      "kernel/fs/jbd2/jbd2.ko:",
      "kernel/lib/crc16.ko:",
      "kernel/drivers/scsi/sr_mod.ko: kernel/drivers/cdrom/cdrom.ko",
      "kernel/drivers/cdrom/cdrom.ko:",
      "kernel/fs/xfs/xfs.ko:",
    ].join("\n");
    expect(moduleClosure(dep, ["ext4", "sr-mod", "built_in_thing"])).toEqual([
      "kernel/drivers/cdrom/cdrom.ko",
      "kernel/drivers/scsi/sr_mod.ko",
      "kernel/fs/ext4/ext4.ko",
      "kernel/fs/jbd2/jbd2.ko",
      "kernel/lib/crc16.ko",
    ]);
  });
});

describeWithTools(
  "Debian boot RPM repository",
  ["rpmbuild", "createrepo_c", "rpm", "dpkg-query", "depmod"],
  () => {
    it(
      "wraps kernel, dracut-live, busybox and bootloaders into an installable repo",
      async () => {
        const repo = await buildDebianBootRepo();
        const repomd = readFileSync(join(repo.repoDir, "repodata", "repomd.xml"), "utf8");
        expect(repomd).toContain('type="primary"');
        for (const p of [
          "filesystem",
          "linux-image-amd64",
          "dracut-live",
          "busybox-static",
          "grub-efi-amd64-bin",
        ])
          expect(repo.allPackages).toContain(p);

        const rpms = execFileSync("find", [repo.repoDir, "-name", "*.rpm"], { encoding: "utf8" })
          .trim()
          .split("\n");
        expect(rpms.length).toBe(repo.allPackages.length);
        // The whole set installs with rpm's own dependency and conflict checks, into an empty root.
        const test = execFileSync("rpm", ["--root", "/nonexistent-levitate-check", "--test", "-i", ...rpms], {
          encoding: "utf8",
          stdio: ["ignore", "pipe", "pipe"],
        });
        expect(test).not.toMatch(/error/i);

        const kernelRpm = rpms.find((r) => r.includes(`linux-image-${repo.kernelVersion}`)) as string;
        const files = execFileSync("rpm", ["-qlp", kernelRpm], { encoding: "utf8" });
        expect(files).toContain(`/usr/lib/modules/${repo.kernelVersion}/vmlinuz`);
        expect(files).toMatch(/\/squashfs\.ko/);
        expect(files).toContain(`/usr/lib/modules/${repo.kernelVersion}/modules.dep`);
        const provides = execFileSync("rpm", ["-qp", "--provides", kernelRpm], { encoding: "utf8" });
        expect(provides).toMatch(/^kernel$/m);
        // Rocky's layout: nothing under /boot in the package; %posttrans puts vmlinuz + initramfs there.
        expect(files).not.toMatch(/^\/boot\//m);
        const scripts = execFileSync("rpm", ["-qp", "--scripts", kernelRpm], { encoding: "utf8" });
        expect(scripts).toMatch(/posttrans scriptlet[\s\S]*dracut --no-hostonly/);

        // The UEFI installer's boot manager, at Rocky's path under Rocky's package name, in the
        // repository but not among the live profile's roots.
        expect(repo.allPackages).toContain("systemd-boot-efi");
        expect(repo.packages).not.toContain("systemd-boot-efi");
        const sdbootRpm = rpms.find((r) => /\/systemd-boot-efi-[^/]*\.rpm$/.test(r)) as string;
        expect(execFileSync("rpm", ["-qlp", sdbootRpm], { encoding: "utf8" })).toContain(
          "/usr/lib/systemd/boot/efi/systemd-bootx64.efi",
        );
        expect(execFileSync("rpm", ["-qp", "--provides", sdbootRpm], { encoding: "utf8" })).toMatch(
          /^systemd-boot-unsigned$/m,
        );

        // The Secure Boot chain: Debian's signed shim and GRUB under Rocky's names, byte for byte
        // at the paths where Rocky's shim-x64 and grub2-efi-x64 put theirs.
        for (const [deb, rocky, file, signed] of [
          ["shim-signed", "shim-x64", "/boot/efi/EFI/rocky/shimx64.efi", "/usr/lib/shim/shimx64.efi.signed"],
          [
            "grub-efi-amd64-signed",
            "grub2-efi-x64",
            "/boot/efi/EFI/rocky/grubx64.efi",
            "/usr/lib/grub/x86_64-efi-signed/grubx64.efi.signed",
          ],
        ] as const) {
          const rpm = rpms.find((r) => new RegExp(`/${deb}-\\d[^/]*\\.rpm$`).test(r)) as string;
          expect(rpm, deb).toBeDefined();
          expect(execFileSync("rpm", ["-qlp", rpm], { encoding: "utf8" })).toContain(file);
          expect(execFileSync("rpm", ["-qp", "--provides", rpm], { encoding: "utf8" })).toMatch(
            new RegExp(`^${rocky}$`, "m"),
          );
          const payload = execFileSync(
            "sh",
            ["-c", `rpm2cpio "$1" | cpio -i --to-stdout ".${file}" 2>/dev/null`, "sh", rpm],
            {
              maxBuffer: 64 << 20,
            },
          );
          expect(payload.equals(readFileSync(signed))).toBe(true);
        }

        // Second call is a cache hit: same key, no rebuild.
        const t = Date.now();
        const again = await buildDebianBootRepo();
        expect(again.key).toBe(repo.key);
        expect(Date.now() - t).toBeLessThan(5_000);
        expect(existsSync(join(repo.repoDir, "..", "result.json"))).toBe(true);
      },
      10 * 60_000,
    );
  },
);
