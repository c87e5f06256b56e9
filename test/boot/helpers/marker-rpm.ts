import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { defaultCacheDir } from "../../fixtures-build/debian-boot-rpms.js";
import { markerInit } from "./hand-built-live.js";

const run = promisify(execFile);

/**
 * The marker init as an RPM (`levitate-boot-marker`, /usr/sbin/init), so the installed-disk test
 * gets it onto the disk through the installer's own package path rather than by writing into the
 * mounted image. On a real system this place belongs to systemd; see test/boot/README.md.
 */
export async function buildMarkerRpm(): Promise<string> {
  const script = readFileSync(markerInit);
  const key = createHash("sha256").update(script).update("marker-rpm-v1").digest("hex").slice(0, 12);
  const dir = join(defaultCacheDir(), "..", "boot-marker", key);
  const found = existsSync(dir) ? readdirSync(dir).find((f) => f.endsWith(".rpm")) : undefined;
  if (found) return join(dir, found);

  const work = `${dir}.building`;
  rmSync(work, { recursive: true, force: true });
  const stage = join(work, "stage");
  mkdirSync(join(stage, "usr/sbin"), { recursive: true });
  copyFileSync(markerInit, join(stage, "usr/sbin/init"));
  const spec = join(work, "marker.spec");
  writeFileSync(
    spec,
    [
      "%define __spec_install_post %{nil}",
      "%define debug_package %{nil}",
      "%define _build_id_links none",
      "Name: levitate-boot-marker",
      "Version: 1",
      `Release: ${key}`,
      "Summary: Boot-test init: prints the boot marker and id vince on the console, then powers off",
      "License: MIT",
      "BuildArch: noarch",
      "AutoReqProv: no",
      "Requires: busybox-static, coreutils, util-linux, mount, grep",
      "%description",
      "Test fixture only (test/boot/helpers/marker-rpm.ts).",
      "%install",
      `cp -a '${stage}/.' '%{buildroot}/'`,
      "%files",
      "%attr(0755,root,root) /usr/sbin/init",
      "",
    ].join("\n"),
  );
  await run("rpmbuild", [
    "-bb",
    "--quiet",
    "--define",
    `_topdir ${join(work, "top")}`,
    "--define",
    `_rpmdir ${join(work, "rpms")}`,
    spec,
  ]);
  const rpm = join(work, "rpms", "noarch", `levitate-boot-marker-1-${key}.noarch.rpm`);
  mkdirSync(dir, { recursive: true });
  const dest = join(dir, `levitate-boot-marker-1-${key}.noarch.rpm`);
  renameSync(rpm, dest);
  rmSync(work, { recursive: true, force: true });
  return dest;
}
