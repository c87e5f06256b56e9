import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { embedInstaller } from "../../leviso/live/installer.js";
import { buildToolkitRpm, TOOLKIT_PACKAGE } from "../../leviso/live/toolkit-rpm.js";
import { loadRpmDirectory } from "../../leviso/rpm/headers.js";
import { resolveClosure } from "../../leviso/rpm/resolve.js";
import { toolkitVersion } from "../../steps/package.js";
import { espList, type InstalledImage, installToImage } from "../e2e/installToImage.js";
import { describeRoot } from "../helpers/env.js";
import { buildRpm } from "../helpers/rpmbuild.js";
import {
  buildChainRepo,
  chainBaseList,
  chainBaseUefi,
  FD_VERSION,
  fdRecipe,
  fdTarball,
  helloRecipe,
  helloTarball,
  writeChainToolkit,
} from "./helpers/chain-fixtures.js";

/**
 * The toolkit reaches the installed system as a package of the repository, the way the chain
 * ISO's install gets it (leviso's `installer.toolkitPackage`), tested without QEMU: leviso's
 * levitate-toolkit RPM, made from an embedded installer, is installed with the chain test's base
 * set by `levitate install --plan` onto a loop image with the default UEFI chain (shim → GRUB);
 * then, chrooted into the new system, its own `levitate ask "add fd" --backend rules --yes`
 * installs fd from the recipes the package brought, offline, and fd runs.
 */

/** Sorts after Debian's 6.1.0-NN-amd64 (sort -V): the newest kernel, first in the menu. */
const SECOND_KERNEL = "6.1.0-999-later";

const run = (cmd: string, args: string[], env: NodeJS.ProcessEnv = {}) =>
  spawnSync(cmd, args, { encoding: "utf8", env: { ...process.env, ...env }, timeout: 10 * 60_000 });

describeRoot(
  "the toolkit on the installed system (levitate-toolkit from the repository)",
  [
    "rpmbuild",
    "createrepo_c",
    "rpm",
    "losetup",
    "sfdisk",
    "mkfs.ext4",
    "mkfs.vfat",
    "mcopy",
    "chroot",
    "grub-script-check",
  ],
  () => {
    let work = "";
    let toolkitRpm = "";
    const installs: InstalledImage[] = [];

    beforeAll(async () => {
      work = mkdtempSync(join(tmpdir(), "levitate-toolkit-rpm-"));
      const toolkit = join(work, "toolkit");
      writeChainToolkit(toolkit, {
        hello: helloRecipe(helloTarball(work).sha256),
        fd: fdRecipe(fdTarball(work).sha256),
      });
      const root = join(work, "root");
      mkdirSync(root);
      await embedInstaller(root, toolkit, null, { mirrors: ["/run/initramfs/live/repo"] });
      toolkitRpm = await buildToolkitRpm(root, join(work, "rpm-work"), join(work, "rpm-out"), toolkitVersion);
    }, 10 * 60_000);

    afterAll(async () => {
      for (const i of installs) await i.cleanup();
      if (work) rmSync(work, { recursive: true, force: true });
    }, 120_000);

    it("is a package with Node, the toolkit, its recipes and wrappers without the live mirror", () => {
      const q = (fmt: string) => execFileSync("rpm", ["-qp", "--qf", fmt, toolkitRpm], { encoding: "utf8" });
      expect(q("%{NAME}")).toBe(TOOLKIT_PACKAGE);
      expect(q("[%{REQUIRENAME}\n]")).toContain("libstdc++");
      const files = execFileSync("rpm", ["-qlp", toolkitRpm], { encoding: "utf8" }).split("\n");
      for (const f of [
        "/usr/bin/levitate",
        "/usr/bin/recipe",
        "/usr/lib/levitate/node/bin/node",
        "/usr/lib/levitate/dist/cli/levitate.js",
        "/usr/lib/levitate/recipes/fd.rhai",
      ])
        expect(files).toContain(f);
      expect(files.some((f) => f.startsWith("/usr/lib/levitate/models"))).toBe(false);
      const wrapper = execFileSync(
        "sh",
        ["-c", `rpm2cpio "$1" | cpio -i --to-stdout ./usr/bin/levitate 2>/dev/null`, "sh", toolkitRpm],
        { encoding: "utf8" },
      );
      expect(wrapper).toContain(
        "exec /usr/lib/levitate/node/bin/node /usr/lib/levitate/dist/cli/levitate.js",
      );
      expect(wrapper).not.toContain("RECIPE_MIRRORS");
    });

    it(
      "installs with the base set (shim → GRUB); chrooted, levitate ask installs fd offline and fd runs",
      async () => {
        const repo = await buildChainRepo();
        const universe = readdirSync(repo.repoDir, { withFileTypes: true })
          .filter((d) => d.isDirectory() && d.name !== "repodata")
          .flatMap((d) => loadRpmDirectory(join(repo.repoDir, d.name)));
        const closure = resolveClosure(
          universe,
          [...chainBaseList, ...chainBaseUefi].map((name) => ({ name, origin: "chain base" })),
          { arches: ["x86_64", "noarch"] },
        );
        expect(closure.unresolved).toEqual([]);
        const inst = await installToImage({
          firmware: "uefi",
          bootloader: "grub",
          noStandInBase: true,
          extraBaseRpms: [...closure.packages.map((p) => p.location), toolkitRpm],
        });
        installs.push(inst);
        expect(inst.exitCode, `${inst.stdout.slice(-3000)}\n${inst.stderr.slice(-3000)}`).toBe(0);
        const t = inst.target;
        expect(existsSync(join(t, "usr/lib/levitate/node/bin/node"))).toBe(true);
        expect(espList(`${inst.loopDevice}p1`)).toContain("::/EFI/rocky/shimx64.efi");

        for (const d of ["proc", "dev", "tmp"]) mkdirSync(join(t, d), { recursive: true });
        execFileSync("mount", ["-t", "proc", "proc", join(t, "proc")]);
        execFileSync("mount", ["--bind", "/dev", join(t, "dev")]);
        const env = {
          PATH: "/usr/sbin:/usr/bin:/usr/local/bin",
          HOME: "/root",
          NO_COLOR: "1",
          RECIPE_MIRRORS: "",
        };
        const ask = run("chroot", [t, "levitate", "ask", "add fd", "--backend", "rules", "--yes"], env);
        expect(ask.status, `${ask.stdout}\n${ask.stderr}`).toBe(0);
        expect(readFileSync(join(t, "etc/recipes/fd.rhai"), "utf8")).toMatch(/installed = true/);
        const fd = run("chroot", [t, "fd", "--version"], env);
        expect(fd.status, fd.stderr).toBe(0);
        expect(readFileSync(join(t, "boot/grub2/grub.cfg"), "utf8")).not.toContain(SECOND_KERNEL);
        // Debian's build names itself fdfind whatever it is called.
        expect(fd.stdout.trim()).toMatch(new RegExp(`^fd(find)? ${FD_VERSION.replace(/\./g, "\\.")}$`));
      },
      20 * 60_000,
    );

    it("GRUB's menu lives in /boot on the root filesystem; a kernel package installed later joins it (kernel-install's plugin)", () => {
      const inst = installs[0];
      if (!inst) throw new Error("the install above did not run");
      const t = inst.target;
      const menuFile = join(t, "boot/grub2/grub.cfg");
      const before = readFileSync(menuFile, "utf8");
      const installed = readdirSync(join(t, "boot"))
        .filter((f) => f.startsWith("vmlinuz-"))
        .map((f) => f.slice("vmlinuz-".length));
      expect(installed).toHaveLength(1);
      expect(before.match(/^menuentry /gm)).toHaveLength(1);
      expect(before).toContain(`linux /boot/vmlinuz-${installed[0]} root=UUID=`);
      // A later kernel package; its scriptlet runs the kernel-install plugins as Rocky's
      // kernel-install does (test/boot/README.md: the wrapped kernel's %posttrans stands in for it).
      const rpm = buildRpm(
        {
          name: "kernel-later",
          version: "6.1.0",
          summary: "a second kernel, installed after the system",
          files: {
            [`/boot/vmlinuz-${SECOND_KERNEL}`]: "stand-in kernel\n",
            [`/boot/initramfs-${SECOND_KERNEL}.img`]: "stand-in initramfs\n",
          },
          post: `for p in /etc/kernel/install.d/*.install; do [ -x "$p" ] && "$p" add ${SECOND_KERNEL} /boot/vmlinuz-${SECOND_KERNEL}; done`,
        },
        join(work, "later"),
      );
      const dbpath = ["/usr/lib/sysimage/rpm", "/var/lib/rpm"].find((d) =>
        existsSync(join(t, d, "rpmdb.sqlite")),
      );
      expect(dbpath, "the installed system has an rpm database").toBeDefined();
      const r = run("rpm", ["--root", t, "--dbpath", dbpath as string, "-i", "--nodeps", rpm]);
      expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
      const after = readFileSync(menuFile, "utf8");
      expect(after.match(/^menuentry '[^']*' \{$/gm)).toEqual([
        `menuentry 'LevitateOS (${SECOND_KERNEL})' {`,
        `menuentry 'LevitateOS (${installed[0]})' {`,
      ]);
      expect(after).toContain(`linux /boot/vmlinuz-${SECOND_KERNEL} root=UUID=`);
      expect(spawnSync("grub-script-check", [menuFile]).status).toBe(0);
    });
  },
);
