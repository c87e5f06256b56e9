import { execFileSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { BuildError, type BuildReport, build, STAGES, workLayout } from "../../leviso/build.js";
import { makeIso, xorrisoArgv } from "../../leviso/image/iso.js";
import { prepareBiosBoot } from "../../leviso/image/loaders.js";
import { inspectIso } from "../../leviso/inspect.js";
import { loadProfile } from "../../leviso/profile.js";
import { installedPackages } from "../../leviso/root/install.js";
import { buildDebianBootRepo } from "../fixtures-build/debian-boot-rpms.js";
import { bootExtras, buildFixtureRepo, type FixtureRepo } from "../fixtures-build/rpm-repo.js";
import { describeRoot } from "../helpers/env.js";

const sh = (cmd: string, args: string[]) =>
  execFileSync(cmd, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
const profileSrc = join(import.meta.dirname, "profiles/debian");

describeRoot(
  "leviso build: fixture RPMs, up to the live settings",
  ["rpm", "rpmbuild", "createrepo_c", "xorriso", "useradd", "visudo"],
  () => {
    let repo: FixtureRepo;
    let tmp: string;
    beforeAll(async () => {
      repo = await buildFixtureRepo();
      tmp = mkdtempSync(join(tmpdir(), "leviso-fx-"));
    }, 180_000);
    afterAll(() => rmSync(tmp, { recursive: true, force: true }));

    function profileWith(packages: string[], extra: object = {}): string {
      const dir = join(tmp, `profile-${packages.join("-")}`);
      cpSync(profileSrc, dir, { recursive: true });
      writeFileSync(join(dir, "packages.txt"), `${packages.join("\n")}\n`);
      const json = JSON.parse(readFileSync(join(dir, "profile.json"), "utf8"));
      writeFileSync(join(dir, "profile.json"), JSON.stringify({ ...json, ...extra }));
      return dir;
    }

    it("installs the closure with one rpm transaction and stops after the stage asked for", async () => {
      const out = join(tmp, "out-ok");
      const report = await build({
        profileDir: profileWith(["fx-app", "fx-setup"]),
        sources: [repo.iso],
        outDir: out,
        stopAfter: "live",
      });
      const root = workLayout(join(out, "work")).root;
      expect(installedPackages(root, "/usr/lib/sysimage/rpm")).toEqual(
        ["fx-app", "fx-cap-impl", "fx-data", "fx-lib", "fx-opt-b", "fx-setup", "fx-tool"].sort(),
      );
      expect(readFileSync(join(root, "usr/lib64/libfx.so.2"), "utf8")).toBe("lib v2\n");
      expect(existsSync(join(root, "usr/lib64/libfx.so.1"))).toBe(false);
      expect(report.stoppedAfter).toBe("live");
      expect(report.iso).toBeNull();
      expect(report.stages.map((s) => s.name)).toEqual(["fetch", "rootfs", "overlay", "live"]);
      // The overlay and the live user, through the same stages as a full build.
      expect(statSync(join(root, "usr/local/bin/hello")).mode & 0o7777).toBe(0o750);
      expect(readFileSync(join(root, "etc/passwd"), "utf8")).toMatch(/^live:x:1000:/m);
      expect(readFileSync(join(root, "etc/hostname"), "utf8")).toBe("levitate-live\n");
    }, 120_000);

    it("configures the live system through the installer's rootfs steps and executor", async () => {
      const out = join(tmp, "out-live");
      const live = {
        hostname: "live-box",
        locale: "de_DE.UTF-8",
        keymap: "de",
        timezone: "Europe/Berlin",
        user: { name: "tester", autologin: true, sudo: true, shell: "/bin/sh", groups: ["audio", "video"] },
      };
      const profileDir = profileWith(["fx-app", "fx-setup"], { live });
      await build({ profileDir, sources: [repo.iso], outDir: out, stopAfter: "live" });
      const layout = workLayout(join(out, "work"));
      const root = layout.root;
      const read = (p: string) => readFileSync(join(root, p), "utf8");
      expect(read("etc/hostname")).toBe("live-box\n");
      expect(read("etc/locale.conf")).toMatch(/^LANG=de_DE\.UTF-8$/m);
      expect(read("etc/vconsole.conf")).toMatch(/^KEYMAP=de$/m);
      expect(readlinkSync(join(root, "etc/localtime"))).toBe("../usr/share/zoneinfo/Europe/Berlin");
      expect(read("etc/passwd")).toMatch(/^tester:x:1000:\d+:Live user:\/home\/tester:\/bin\/sh$/m);
      // The groups the profile asks for, plus wheel for sudo, each listing the user.
      for (const g of ["wheel", "audio", "video"])
        expect(read("etc/group")).toMatch(new RegExp(`^${g}:x:\\d+:(.*,)?tester(,.*)?$`, "m"));
      // Locked: no password hash, so only autologin gets in.
      expect(read("etc/shadow")).toMatch(/^tester:!/m);
      // The installer's wheel drop-in and the live one (no password to ask for).
      expect(read("etc/sudoers.d/10-wheel")).toContain("%wheel ALL=(ALL:ALL) ALL");
      expect(read("etc/sudoers.d/20-live-user")).toContain("tester ALL=(ALL) NOPASSWD: ALL");
      expect(statSync(join(root, "etc/sudoers.d/20-live-user")).mode & 0o777).toBe(0o440);
      execFileSync("visudo", ["-cf", join(root, "etc/sudoers.d/20-live-user")]);
      expect(read("etc/systemd/system/serial-getty@ttyS0.service.d/autologin.conf")).toContain(
        "--autologin tester",
      );
      expect(statSync(join(root, "home/tester")).uid).toBe(1000);
      // The executor's journal stays in the work directory, not in the image.
      expect(existsSync(join(root, "var/log/levitate-install.log"))).toBe(false);
      const journal = readFileSync(join(layout.work, "live-settings.log"), "utf8");
      expect(journal).toMatch(/"id":"live\.tester\.useradd"[^\n]*"status":"ok"/);
      expect(journal).toMatch(/"id":"live\.hostname"/);

      // Rerunning the live stage (as a resumed build does) finds the user and succeeds.
      rmSync(join(layout.stamps, "live"));
      await build({ profileDir, sources: [repo.iso], outDir: out, stopAfter: "live" });
      expect(read("etc/passwd").match(/^tester:/gm)).toHaveLength(1);
    }, 120_000);

    it("a stage that fails half-way leaves no stamp, and the rerun starts from a clean root", async () => {
      const out = join(tmp, "out-half");
      const profileDir = profileWith(["fx-app", "fx-setup"]);
      await build({ profileDir, sources: [repo.iso], outDir: out, stopAfter: "rootfs" });
      const layout = workLayout(join(out, "work"));
      // Something in the root where the overlay puts a file: cp copies the rest, then fails.
      mkdirSync(join(layout.root, "usr/local/bin/hello/in-the-way"), { recursive: true });
      const err = await build({ profileDir, sources: [repo.iso], outDir: out, stopAfter: "overlay" }).catch(
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(BuildError);
      expect((err as BuildError).stage).toBe("overlay");
      expect((err as Error).message).toMatch(/the root is rebuilt/);
      expect(existsSync(join(layout.root, "etc/levitate/secret.conf"))).toBe(true); // it did get half-way
      expect(existsSync(join(layout.stamps, "overlay"))).toBe(false);
      // The root was changed half-way: the next run builds it again rather than trusting it.
      expect(existsSync(join(layout.stamps, "rootfs"))).toBe(false);
      expect(existsSync(join(layout.stamps, "fetch"))).toBe(true);

      const report = await build({ profileDir, sources: [repo.iso], outDir: out, stopAfter: "overlay" });
      expect(Object.fromEntries(report.stages.map((s) => [s.name, s.state]))).toEqual({
        fetch: "resumed",
        rootfs: "ran",
        overlay: "ran",
      });
      expect(statSync(join(layout.root, "usr/local/bin/hello")).isFile()).toBe(true);
      expect(statSync(join(layout.root, "usr/local/bin/hello")).mode & 0o7777).toBe(0o750);

      // A stamp cut short (a crash while writing it) is no stamp: that stage runs again.
      writeFileSync(join(layout.stamps, "overlay"), '{"finished":');
      const again = await build({ profileDir, sources: [repo.iso], outDir: out, stopAfter: "overlay" });
      expect(again.stages.map((s) => s.state)).toEqual(["resumed", "resumed", "ran"]);
      expect(JSON.parse(readFileSync(join(layout.stamps, "overlay"), "utf8")).finished).toEqual(
        expect.any(String),
      );
    }, 180_000);

    it("puts the base set's whole closure in the ISO repository, and names what the sources lack", async () => {
      // A toolkit whose base.list names a package, a capability and something no source has.
      const toolkit = join(tmp, "toolkit");
      mkdirSync(join(toolkit, "recipes"), { recursive: true });
      writeFileSync(join(toolkit, "recipes/base.list"), "# test base\nfx-app\nfx-capability\nfx-nowhere\n");
      const base = { installer: { embed: false, baseRepo: true } };
      const out = join(tmp, "out-base");
      const err = await build({
        profileDir: profileWith(["fx-setup"], base),
        sources: [repo.iso],
        outDir: out,
        toolkitRoot: toolkit,
      }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(BuildError);
      const msg = String((err as Error).message);
      expect(msg).toContain('no package "fx-nowhere" in the sources');
      expect(msg).toContain('"fx-capability" is not a package name in the sources (fx-cap-impl provides it');
      expect(msg).toContain('installer.missingBase to "warn"');
      expect(existsSync(join(out, "work", "x86_64"))).toBe(false);

      const report = await build({
        profileDir: profileWith(["fx-setup"], { installer: { ...base.installer, missingBase: "warn" } }),
        sources: [repo.iso],
        outDir: out,
        toolkitRoot: toolkit,
        stopAfter: "repo",
      });
      const repoDir = join(workLayout(join(out, "work")).isoTree, "repo");
      const inRepo = execFileSync(
        "sh",
        ["-c", 'rpm -qp --queryformat "%{NAME}\\n" "$1"/Packages/*.rpm | sort', "sh", repoDir],
        { encoding: "utf8" },
      );
      // fx-app's closure, not fx-app alone: rpm would refuse to install it without its Requires.
      expect(inRepo.trim().split("\n")).toEqual(
        ["fx-app", "fx-cap-impl", "fx-data", "fx-lib", "fx-opt-b", "fx-tool"].sort(),
      );
      expect(existsSync(join(repoDir, "repodata/repomd.xml"))).toBe(true);
      expect(report.baseSetPackages).toBe(6);
      expect(report.baseSet).toEqual({
        listed: 3,
        missing: ["fx-capability", "fx-nowhere"],
        recipesGenerated: 0,
      });
      expect(report.warnings.join("\n")).toMatch(/no package "fx-nowhere".*will need the network/);
    }, 120_000);

    it("reports unresolvable requirements before doing any work", async () => {
      const out = join(tmp, "out-broken");
      const err = await build({
        profileDir: profileWith(["fx-broken"]),
        sources: [repo.repoDir],
        outDir: out,
      }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(BuildError);
      const e = err as BuildError;
      expect(e.unresolved).toEqual([
        { by: "fx-broken-1.0-1.fx.x86_64", requirement: "fx-nonexistent >= 1", why: "nothing provides it" },
      ]);
      expect(e.message).toContain("nothing was built");
      expect(existsSync(join(out, "work", "stamps"))).toBe(false);
      expect(existsSync(join(out, "work", "x86_64"))).toBe(false);
    });

    it("refuses to resume a work directory made from another profile", async () => {
      const out = join(tmp, "out-ok");
      const err = await build({
        profileDir: profileWith(["fx-app", "fx-setup", "fx-lib"]),
        sources: [repo.iso],
        outDir: out,
      }).catch((e: unknown) => e);
      expect(String(err)).toMatch(/--clean/);
    });
  },
);

describeRoot(
  "leviso build: a bootable hybrid ISO from Debian-derived RPMs",
  [
    "rpm",
    "rpmbuild",
    "createrepo_c",
    "xorriso",
    "mksquashfs",
    "unsquashfs",
    "mkfs.fat",
    "mdir",
    "grub-mkimage",
    "depmod",
  ],
  () => {
    let tmp: string;
    let out: string;
    let firstError: unknown;
    let report: BuildReport;
    let layout: ReturnType<typeof workLayout>;
    let iso: string;

    beforeAll(async () => {
      const boot = await buildDebianBootRepo();
      const sources = [boot.repoDir];
      const packages = [...boot.packages];
      if (!boot.allPackages.includes("dmsetup")) {
        // Test-only stopgap (test/leviso/README.md): dracut's dm module needs dmsetup.
        sources.push((await buildFixtureRepo(bootExtras)).repoDir);
        packages.push("dmsetup");
      }
      tmp = mkdtempSync(join(tmpdir(), "leviso-iso-"));
      const profile = join(tmp, "profile");
      cpSync(profileSrc, profile, { recursive: true });
      writeFileSync(join(profile, "packages.txt"), `${packages.join("\n")}\n`);
      out = join(tmp, "out");
      layout = workLayout(join(out, "work"));
      iso = join(out, "levitate-test-0.1-x86_64.iso");
      // A directory where the ISO must go makes the iso stage fail for real...
      mkdirSync(join(iso, "in-the-way"), { recursive: true });
      firstError = await build({ profileDir: profile, sources, outDir: out }).catch((e: unknown) => e);
      // ...and once it is gone, the build resumes at that stage.
      rmSync(iso, { recursive: true });
      report = await build({ profileDir: profile, sources, outDir: out });
    }, 1_200_000);
    afterAll(() => rmSync(tmp, { recursive: true, force: true }));

    it("fails at the iso stage and resumes there, keeping every finished stage", () => {
      expect(firstError).toBeInstanceOf(BuildError);
      expect((firstError as BuildError).stage).toBe("iso");
      const states = Object.fromEntries(report.stages.map((s) => [s.name, s.state]));
      for (const s of STAGES.slice(0, STAGES.indexOf("iso"))) expect(states[s]).toBe("resumed");
      expect(states.iso).toBe("ran");
      expect(states.checksums).toBe("ran");
    });

    it("writes a report with stage times, package count and sizes", () => {
      expect(report.iso).toBe(iso);
      expect(report.packages).toBeGreaterThan(50);
      expect(report.kernel).toMatch(/^\d+\.\d+/);
      expect(report.rootfsBytes).toBeGreaterThan(report.squashfsBytes);
      expect(report.isoBytes).toBe(statSync(iso).size);
      expect(JSON.parse(readFileSync(`${iso}.report.json`, "utf8")).sha256).toBe(report.sha256);
    });

    it("writes checksums that sha256sum and sha512sum accept", () => {
      execFileSync("sha256sum", ["-c", `${iso}.sha256`], { cwd: out });
      execFileSync("sha512sum", ["-c", `${iso}.sha512`], { cwd: out });
    });

    it("installs the packages into the root (rpm -qa --root)", () => {
      const names = installedPackages(layout.root, "/usr/lib/sysimage/rpm");
      expect(names).toEqual(
        expect.arrayContaining(["bash", "dracut", "dracut-live", "filesystem", "dmsetup"]),
      );
      expect(names.length).toBe(report.packages);
    });

    it("applies airootfs/ and its permissions table", () => {
      const hello = statSync(join(layout.root, "usr/local/bin/hello"));
      expect(hello.mode & 0o7777).toBe(0o750);
      expect(hello.uid).toBe(0);
      expect(statSync(join(layout.root, "etc/levitate/secret.conf")).mode & 0o7777).toBe(0o600);
      expect(readFileSync(join(layout.root, "etc/motd"), "utf8")).toContain("LevitateOS test image");
    });

    it("applies the live settings", () => {
      expect(readFileSync(join(layout.root, "etc/hostname"), "utf8")).toBe("levitate-live\n");
      expect(readFileSync(join(layout.root, "etc/locale.conf"), "utf8")).toContain("LANG=C.UTF-8");
      expect(readFileSync(join(layout.root, "etc/passwd"), "utf8")).toMatch(
        /^live:x:1000:1000:.*:\/home\/live:\/bin\/bash$/m,
      );
      expect(
        readFileSync(join(layout.root, "etc/systemd/system/getty@tty1.service.d/autologin.conf"), "utf8"),
      ).toContain("--autologin live");
      // Written by the installer's executor, whose journal must not land in the image.
      expect(existsSync(join(layout.root, "var/log"))).toBe(true);
      expect(existsSync(join(layout.root, "var/log/levitate-install.log"))).toBe(false);
      expect(existsSync(join(layout.work, "live-settings.log"))).toBe(true);
    });

    it("packs the root into a squashfs with the profile's compression", () => {
      const img = join(layout.isoTree, "LiveOS/squashfs.img");
      const stats = sh("unsquashfs", ["-s", img]);
      expect(stats).toMatch(/Compression gzip/);
      expect(stats).toMatch(/Block size 1048576/);
      const list = sh("unsquashfs", ["-l", img]);
      expect(list).toContain("squashfs-root/usr/local/bin/hello");
      expect(list).toContain("squashfs-root/usr/bin/bash");
      expect(list).not.toMatch(/squashfs-root\/proc\/./);
    });

    it("builds an initramfs with dmsquash-live and a GRUB menu for root=live:CDLABEL", () => {
      const cfg = readFileSync(join(layout.isoTree, "boot/grub/grub.cfg"), "utf8");
      expect(cfg).toContain("root=live:CDLABEL=LEVITATE_TEST rd.live.image");
      expect(cfg).toContain("console=ttyS0,115200");
      const lsinitrd = sh("sh", [
        "-c",
        `cd "$1" && (zstd -dc 2>/dev/null < boot/x86_64/initramfs.img || gzip -dc < boot/x86_64/initramfs.img || xz -dc < boot/x86_64/initramfs.img) | cpio -t 2>/dev/null | grep -c dmsquash-live || true`,
        "sh",
        layout.isoTree,
      ]);
      expect(Number(lsinitrd.trim())).toBeGreaterThan(0);
    });

    it("makes a FAT efiboot.img holding the EFI loader and its config (mdir)", () => {
      const files = sh("mdir", ["-b", "-i", join(layout.work, "efiboot.img"), "::/EFI/BOOT"]);
      expect(files).toMatch(/BOOTX64\.EFI/i);
      expect(files).toMatch(/grub\.cfg/i);
    });

    it("makes one hybrid ISO with El Torito entries for BIOS and UEFI and the volume label", () => {
      const r = execFileSync("xorriso", ["-indev", iso, "-report_el_torito", "plain"], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
      });
      expect(r).toMatch(/El Torito boot img :\s+1\s+BIOS\s+y/);
      expect(r).toMatch(/El Torito boot img :\s+2\s+UEFI\s+y/);
      expect(r).toMatch(/El Torito img path :\s+1\s+\/boot\/grub\/i386-pc\/eltorito\.img/);
      const pvd = execFileSync("xorriso", ["-indev", iso, "-pvd_info"], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
      });
      expect(pvd).toMatch(/Volume Id\s*:\s*LEVITATE_TEST/);
      const mbr = execFileSync("xorriso", ["-indev", iso, "-report_system_area", "plain"], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
      });
      expect(mbr).toMatch(/grub2-mbr/);
      expect(mbr).toMatch(/GPT/);
    });

    it("leviso inspect lists boot entries, label and squashfs contents", async () => {
      const r = await inspectIso(iso);
      expect(r.volumeId).toBe("LEVITATE_TEST");
      expect(r.bootEntries.map((b) => b.platform)).toEqual(["BIOS", "UEFI"]);
      expect(r.squashfs?.compression).toBe("gzip");
      expect(r.squashfs?.kernels).toEqual([report.kernel]);
      expect(r.squashfs?.packages.length).toBe(report.packages);
      expect(r.squashfs?.osRelease).toBeTruthy();
    });

    it("can boot BIOS through ISOLINUX instead, from the same root", async () => {
      const p = loadProfile(profileSrc).json;
      const tree = join(tmp, "syslinux-tree");
      mkdirSync(tree, { recursive: true });
      const bios = await prepareBiosBoot(layout.root, tree, { ...p, boot: { ...p.boot, bios: "syslinux" } });
      expect(readFileSync(join(tree, "isolinux/isolinux.cfg"), "utf8")).toContain(
        "root=live:CDLABEL=LEVITATE_TEST",
      );
      const small = join(tmp, "syslinux.iso");
      await makeIso(xorrisoArgv(p, tree, small, bios, null, "test"), small);
      const r = execFileSync("xorriso", ["-indev", small, "-report_el_torito", "plain"], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
      });
      expect(r).toMatch(/El Torito img path :\s+1\s+\/isolinux\/isolinux\.bin/);
    });
  },
);
