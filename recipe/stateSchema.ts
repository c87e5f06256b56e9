import { z } from "zod";

/**
 * What an rpm package name may look like when it reaches an rpm argv. rpm reads any word that
 * starts with "-" as an option (`--eval=%(cmd)` runs a shell command, `--root=/` aims at the
 * host), so a name must start with a letter, digit, "_" or "+": every real package name does.
 */
export const RPM_PACKAGE_NAME = /^[A-Za-z0-9_+][A-Za-z0-9._+~^-]{0,254}$/;

export function isRpmPackageName(name: string): boolean {
  return RPM_PACKAGE_NAME.test(name);
}

const RPM_NAME_RULE = 'letters, digits and . _ + ~ ^ -, not starting with "-"';

/**
 * One `installed_files` entry: an absolute path inside the target, or `rpm:NAME` for a package
 * the recipe installed. The state is read from the target root (a disk or image someone else may
 * have prepared), and its entries become rm paths and rpm argv words, so this is an edge.
 */
export const InstalledFileSchema = z.string().superRefine((s, ctx) => {
  if (s.startsWith("rpm:")) {
    if (!isRpmPackageName(s.slice(4)))
      ctx.addIssue({
        code: "custom",
        message: `${JSON.stringify(s.slice(0, 120))} is not rpm:NAME with NAME an rpm package name`,
      });
  } else if (!s.startsWith("/") || s.includes("\0")) {
    ctx.addIssue({
      code: "custom",
      message: `${JSON.stringify(s.slice(0, 120))} is neither an absolute path in the target nor rpm:NAME`,
    });
  } else if (
    s.endsWith("/") ||
    s
      .slice(1)
      .split("/")
      .some((p) => p === "" || p === "." || p === "..")
  ) {
    // Recorded paths are files, written normalised; "/", "/home/" or "/a/../b" never were.
    ctx.addIssue({
      code: "custom",
      message: `${JSON.stringify(s.slice(0, 120))} is the root, a directory or not a plain path (a recorded file has no trailing "/" and no "." or ".." parts)`,
    });
  }
});

const InstalledFilesSchema = z.array(InstalledFileSchema);

/**
 * The problem with a state's `installed_files`, as one sentence that names the bad entries and the
 * fix, or undefined when every entry is usable.
 */
export function installedFilesProblem(files: readonly string[]): string | undefined {
  const r = InstalledFilesSchema.safeParse(files);
  if (r.success) return undefined;
  const bad = r.error.issues.map((i) => `entry ${Number(i.path[0]) + 1}: ${i.message}`);
  const shown = bad.slice(0, 3).join("; ") + (bad.length > 3 ? `; and ${bad.length - 3} more` : "");
  return (
    `installed_files holds entries this manager never writes (${shown}); ` +
    `a package name has ${RPM_NAME_RULE}, a file is an absolute path; nothing was run: ` +
    "correct or delete those entries in the file, then run the command again"
  );
}
