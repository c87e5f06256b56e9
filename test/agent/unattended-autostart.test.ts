import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { describeRoot } from "../helpers/env.js";

const SCRIPT = join(import.meta.dirname, "../../profile/airootfs/etc/profile.d/levitate-install.sh");

/**
 * The live profile's login script, sourced as a login shell does, in a private mount namespace:
 * /proc/cmdline is a bind-mounted file, /run a fresh tmpfs, and `tty`, `sudo` and `levitate` are
 * stubs that record what would have run.
 */
function loginTwice(cmdline: string, tty: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), "levitate-autostart-"));
  const bin = join(dir, "bin");
  mkdirSync(bin);
  const record = join(dir, "ran");
  writeFileSync(record, "");
  writeFileSync(join(dir, "cmdline"), `${cmdline}\n`);
  const stub = (name: string, body: string) => {
    writeFileSync(join(bin, name), `#!/bin/sh\n${body}\n`);
    chmodSync(join(bin, name), 0o755);
  };
  stub("tty", `echo ${tty}`);
  stub("sudo", 'exec "$@"');
  stub("levitate", `echo "levitate $*" >> ${record}`);
  const inner = [
    "set -e",
    "mount -t tmpfs tmpfs /run",
    `mount --bind ${dir}/cmdline /proc/cmdline`,
    `export PATH=${bin}:$PATH`,
    `rm -f /tmp/.levitate-install-started`,
    // Two logins (tty1 and the serial console, or a second shell): the install runs once.
    `. ${SCRIPT}`,
    `. ${SCRIPT}`,
  ].join("\n");
  execFileSync("unshare", ["--mount", "--propagation", "private", "sh", "-c", inner], { stdio: "pipe" });
  return execFileSync("cat", [record], { encoding: "utf8" }).split("\n").filter(Boolean);
}

describeRoot("the live profile's installer autostart", ["unshare", "mount"], () => {
  it("levitate.plan= on the serial console: the unattended install, once", () => {
    expect(loginTwice("console=ttyS0 levitate.plan=LABEL=PLANS:/web01.json", "/dev/ttyS0")).toEqual([
      "levitate install --from-cmdline",
    ]);
  });

  it("levitate.plan= on tty1 too; a pseudo-terminal (ssh) never starts it", () => {
    expect(loginTwice("levitate.plan=http://10.0.0.1/p.json", "/dev/tty1")).toEqual([
      "levitate install --from-cmdline",
    ]);
    expect(loginTwice("levitate.plan=http://10.0.0.1/p.json", "/dev/pts/0")).toEqual([]);
  });

  it("no levitate.plan=: the chat on tty1 only; levitate.noautostart: nothing", () => {
    expect(loginTwice("quiet", "/dev/tty1")).toEqual(["levitate install"]);
    expect(loginTwice("quiet", "/dev/ttyS0")).toEqual([]);
    expect(loginTwice("levitate.plan=/p.json levitate.noautostart", "/dev/ttyS0")).toEqual([]);
  });
});
