import { statSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadProfile } from "../../leviso/profile.js";
import { debianBootRoots } from "../fixtures-build/debian-boot-rpms.js";

const profileDir = new URL("./profile", import.meta.url).pathname;

describe("the boot tests' profile", () => {
  it("is a valid leviso profile", () => {
    const p = loadProfile(profileDir);
    expect(p.json.iso.label).toBe("LEVITEST");
    expect(p.json.boot.modes).toEqual(["bios", "uefi"]);
    expect(p.json.boot.cmdline).toContain("console=ttyS0");
  });

  it("lists exactly the packages the Debian-boot repository is built for", () => {
    const p = loadProfile(profileDir);
    expect(p.packages.map((x) => x.name)).toEqual(["filesystem", ...debianBootRoots]);
  });

  it("ships an executable marker init", () => {
    const st = statSync(`${profileDir}/airootfs/usr/sbin/init`);
    expect(st.mode & 0o111).toBe(0o111);
  });
});
