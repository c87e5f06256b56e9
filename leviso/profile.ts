import { createHash } from "node:crypto";
import { existsSync, lstatSync, readdirSync, readFileSync, statSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";
import { z } from "zod";
import { ROCKY_RPM_DBPATH } from "../recipe/rpmdb.js";

/**
 * The live ISO profile: `profile.json` (validated here), `packages.txt` and `airootfs/`.
 * Every default below is what a Rocky Linux 10 build wants; a test profile overrides paths.
 */

const volumeLabel = z
  .string()
  .regex(
    /^[A-Z0-9_-]{1,32}$/,
    "must be 1-32 characters of A-Z, 0-9, _ or - (ISO 9660 volume ids are upper case; dracut finds the medium by it)",
  );

const octalMode = z
  .string()
  .regex(/^0?[0-7]{3,4}$/, 'must be an octal mode string such as "0644" or "4755"')
  .transform((s) => Number.parseInt(s, 8));

const permissionEntry = z
  .object({
    mode: octalMode.optional(),
    uid: z.number().int().min(0).default(0),
    gid: z.number().int().min(0).default(0),
  })
  .strict();

const bootMode = z.enum(["bios", "uefi"]);

/**
 * A path inside the live root. The build joins it onto the image root and runs chown, chmod,
 * cp and rpm on the result as root, so `..` would reach the build host; a profile can be
 * someone else's download. Control characters are refused as the shell lands in /etc/passwd.
 */
const rootPath = z
  .string()
  .startsWith("/", "must be an absolute path inside the live root")
  .refine(
    (p) => !p.split("/").some((part) => part === ".." || part === "."),
    'must not hold "." or ".." parts: it names a file inside the live root, never beside it',
  )
  .refine((p) => !/[\x00-\x1f\x7f]/.test(p), "must not hold control characters (a newline, a tab)");

/**
 * Text pasted into grub.cfg and isolinux.cfg: a newline would start a directive of its own (a
 * menu entry), and GRUB's script syntax gives `;`, `{`, `$`, quotes and the like a meaning.
 */
const bootText = (base: z.ZodString, what: string) =>
  base.refine((s) => !/[\x00-\x1f\x7f]/.test(s), `must be one line without control characters (${what})`);

export const profileSchema = z
  .object({
    $schema: z.string().optional(),
    version: z.literal(1).default(1),
    iso: z
      .object({
        name: z
          .string()
          .regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, "must be lower case letters, digits, '.', '_' or '-'"),
        label: volumeLabel,
        publisher: bootText(
          z.string().min(1).max(128),
          "it is written into the ISO's volume descriptor",
        ).default("LevitateOS"),
        application: bootText(z.string().min(1).max(128), "it is the boot menu's title").default(
          "LevitateOS live",
        ),
        version: z
          .string()
          .regex(/^[A-Za-z0-9._+-]{1,32}$/, "must be a short version such as 10.0 or 2025.06"),
      })
      .strict(),
    boot: z
      .object({
        modes: z
          .array(bootMode)
          .min(1, "must list at least one of bios, uefi")
          .refine((m) => new Set(m).size === m.length, "must not repeat a mode"),
        /** How BIOS machines boot: GRUB's El Torito image (as Rocky 10 does) or ISOLINUX. */
        bios: z.enum(["grub", "syslinux"]).default("grub"),
        /**
         * How UEFI machines boot: `grub` builds BOOTX64.EFI from GRUB modules found in the root;
         * `prebuilt` copies signed EFI programs (shim, grub) from the root, for Secure Boot.
         */
        uefi: z.enum(["grub", "prebuilt"]).default("grub"),
        timeoutSeconds: z.number().int().min(0).max(600).default(5),
        /** Extra kernel arguments after `root=live:CDLABEL=… rd.live.image`. */
        cmdline: bootText(z.string().max(1024), "it is pasted into grub.cfg and isolinux.cfg")
          .refine(
            (s) => !/[;{}$|&<>\\'"`]/.test(s),
            "must be plain kernel arguments: GRUB would read ; { } $ | & < > \\ quotes or backticks as script",
          )
          .default("quiet"),
        /** Where the loaders' files live inside the live root (from the source RPMs). */
        paths: z
          .object({
            grubBiosModules: rootPath.default("/usr/lib/grub/i386-pc"),
            grubEfiModules: rootPath.default("/usr/lib/grub/x86_64-efi"),
            syslinuxDirs: z.array(rootPath).min(1).default(["/usr/share/syslinux"]),
            /** `prebuilt` UEFI: the first program becomes EFI/BOOT/BOOTX64.EFI; all are copied. */
            efiPrograms: z
              .array(rootPath)
              .min(1)
              .default(["/boot/efi/EFI/BOOT/BOOTX64.EFI", "/boot/efi/EFI/rocky/grubx64.efi"]),
          })
          .strict()
          .default({
            grubBiosModules: "/usr/lib/grub/i386-pc",
            grubEfiModules: "/usr/lib/grub/x86_64-efi",
            syslinuxDirs: ["/usr/share/syslinux"],
            efiPrograms: ["/boot/efi/EFI/BOOT/BOOTX64.EFI", "/boot/efi/EFI/rocky/grubx64.efi"],
          }),
      })
      .strict(),
    squashfs: z
      .object({
        compression: z.enum(["xz", "zstd", "gzip", "lz4", "lzo", "lzma"]).default("xz"),
        blockSize: z
          .string()
          .regex(/^(4K|8K|16K|32K|64K|128K|256K|512K|1M)$/, "must be a power of two from 4K to 1M")
          .default("1M"),
        /** Compressor options passed through, e.g. ["-Xbcj", "x86"] for xz. */
        options: z.array(z.string().regex(/^-X[a-z-]+$|^[A-Za-z0-9.,_-]+$/)).default(["-Xbcj", "x86"]),
      })
      .strict()
      .default({ compression: "xz", blockSize: "1M", options: ["-Xbcj", "x86"] }),
    live: z
      .object({
        hostname: z
          .string()
          // the kernel keeps at most 64 bytes (HOST_NAME_MAX), as tools/setHostname.ts
          .max(64, { message: "a hostname is at most 64 characters (the kernel's limit)" })
          .regex(
            /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i,
            "must be an RFC 1123 host name",
          ),
        locale: z.string().regex(/^[A-Za-z]{2,3}(_[A-Z]{2})?(\.[A-Za-z0-9-]+)?(@[a-z]+)?$|^C(\.UTF-8)?$/, {
          message: "must be a locale such as en_US.UTF-8",
        }),
        keymap: z
          .string()
          .regex(/^[a-z0-9_-]{1,32}$/)
          .default("us"),
        timezone: z
          .string()
          .regex(/^[A-Za-z0-9_+-]+(\/[A-Za-z0-9_+-]+)*$/, "must be an IANA zone such as Europe/Berlin")
          .default("UTC"),
        user: z
          .object({
            name: z.string().regex(/^[a-z_][a-z0-9_-]{0,31}$/, "must match ^[a-z_][a-z0-9_-]{0,31}$"),
            autologin: z.boolean().default(true),
            sudo: z.boolean().default(true),
            shell: rootPath.default("/bin/bash"),
            /** Extra groups (sudo adds wheel); made with `groupadd -f` when the root lacks one. */
            groups: z
              .array(z.string().regex(/^[a-z_][a-z0-9_-]{0,31}$/, "must match ^[a-z_][a-z0-9_-]{0,31}$"))
              .default([]),
          })
          .strict()
          .nullable()
          .default(null),
      })
      .strict(),
    installer: z
      .object({
        embed: z.boolean().default(true),
        /** A GGUF model file to put under /usr/lib/levitate/models (relative to the profile). */
        model: z.string().min(1).nullable().default(null),
        /** Copy the RPMs of the base set (and their dependency closure) onto the ISO as a repository. */
        baseRepo: z.boolean().default(true),
        /**
         * A base-set name no source provides: "error" (default: the ISO could not bootstrap
         * offline) or "warn" (the report lists it; its recipe will need the network).
         */
        missingBase: z.enum(["error", "warn"]).default("error"),
        /** node-llama-cpp GPU builds to embed besides the CPU one (each is 80-360 MB). */
        gpu: z.array(z.enum(["cuda", "vulkan"])).default([]),
        /**
         * Also put the embedded toolkit into the ISO's repository as the package levitate-toolkit
         * and add it to the base set, so the installed system has `levitate` and `recipe`
         * (leviso/live/toolkit-rpm.ts; needs rpmbuild). Needs embed and baseRepo.
         */
        toolkitPackage: z.boolean().default(false),
        /**
         * Languages whose glibc language pack the ISO's repository carries with a recipe, so an
         * offline install in that language gets its locales (leviso/live/language-packs.ts).
         * English is in the base set. Needs baseRepo.
         */
        languages: z
          .array(
            z
              .string()
              .regex(/^[a-z]{2,3}$/, 'must be a language code as glibc names its packs: "de", "fr", "pt"')
              .refine((l) => l !== "en", "en is in the base set already (glibc-langpack-en): leave it out"),
          )
          .default([])
          .transform((ls) => [...new Set(ls)]),
      })
      .strict()
      .default({
        embed: true,
        model: null,
        baseRepo: true,
        missingBase: "error",
        gpu: [],
        toolkitPackage: false,
        languages: [],
      }),
    rpm: z
      .object({
        /** Where the root's rpm database lives (Rocky 10: /usr/lib/sysimage/rpm). */
        dbpath: rootPath.default(ROCKY_RPM_DBPATH),
        arches: z
          .array(z.string().regex(/^[a-z0-9_]+$/))
          .min(1)
          .default(["x86_64", "noarch"]),
        excludeDocs: z.boolean().default(false),
      })
      .strict()
      .default({ dbpath: ROCKY_RPM_DBPATH, arches: ["x86_64", "noarch"], excludeDocs: false }),
    /** Like archiso's file_permissions: modes and owners for files of airootfs/. */
    permissions: z.record(rootPath, permissionEntry).default({}),
  })
  .strict();

export type ProfileJson = z.infer<typeof profileSchema>;

export interface PackageLine {
  name: string;
  line: number;
  /** `?name`: installed when the sources have it, reported and left out when not. */
  optional?: boolean;
}

export interface Profile {
  dir: string;
  json: ProfileJson;
  packages: PackageLine[];
  /** Absolute path of airootfs/, or null when the profile has none. */
  airootfs: string | null;
  /** Absolute path of the model file, or null. */
  model: string | null;
  /** sha256 of everything that shapes the build: a resumed build must use the same profile. */
  fingerprint: string;
}

/** A bad profile: one message naming the file and field, and the fix. */
/** One thing wrong with a profile: the message names the file and the field or line. */
export interface ProfileProblem {
  message: string;
  file: string;
  field?: string;
}

export class ProfileError extends Error {
  /** Every problem found, so one run shows them all (the first is `file`/`field`). */
  readonly problems: ProfileProblem[];
  constructor(
    message: string,
    readonly file: string,
    readonly field?: string,
    problems?: ProfileProblem[],
  ) {
    super(message);
    this.name = "ProfileError";
    this.problems = problems ?? [{ message, file, ...(field !== undefined ? { field } : {}) }];
  }

  /** One error for several problems: each on its own line, none hidden behind "N more". */
  static of(problems: ProfileProblem[]): ProfileError {
    const first = problems[0]!;
    const message =
      problems.length === 1
        ? first.message
        : `${problems.length} problems:\n${problems.map((p) => `  ${p.message}`).join("\n")}`;
    return new ProfileError(message, first.file, first.field, problems);
  }
}

/** Runs `check`, adding its ProfileError's problems to `into` instead of stopping. */
function collect<T>(into: ProfileProblem[], check: () => T): T | undefined {
  try {
    return check();
  } catch (e) {
    if (!(e instanceof ProfileError)) throw e;
    into.push(...e.problems);
    return undefined;
  }
}

function formatZodPath(path: readonly PropertyKey[]): string {
  return path
    .map((p, i) =>
      typeof p === "number"
        ? `[${p}]`
        : i === 0
          ? String(p)
          : /^[A-Za-z_$][\w$]*$/.test(String(p))
            ? `.${String(p)}`
            : `[${JSON.stringify(String(p))}]`,
    )
    .join("");
}

/**
 * Parses `packages.txt`: one name a line, `#` starts a comment, blank lines ignored; a `?` before
 * a name makes it optional.
 */
export function parsePackagesTxt(text: string, file = "packages.txt"): PackageLine[] {
  const out: PackageLine[] = [];
  const seen = new Map<string, number>();
  const problems: ProfileProblem[] = [];
  text.split("\n").forEach((raw, i) => {
    const entry = raw.replace(/#.*/, "").trim();
    if (!entry) return;
    const optional = entry.startsWith("?");
    const line = optional ? entry.slice(1).trim() : entry;
    if (!line || line.startsWith("?") || /\s/.test(line)) {
      problems.push({
        message: `${file}:${i + 1}: "${entry}" is not a package name (one name a line, ?name for an optional one; # starts a comment)`,
        file,
        field: `line ${i + 1}`,
      });
      return;
    }
    const first = seen.get(line);
    if (first !== undefined) {
      problems.push({
        message: `${file}:${i + 1}: "${line}" is listed twice (first on line ${first})`,
        file,
      });
      return;
    }
    seen.set(line, i + 1);
    out.push(optional ? { name: line, line: i + 1, optional } : { name: line, line: i + 1 });
  });
  if (problems.length) throw ProfileError.of(problems);
  return out;
}

/** Validates profile.json's contents; throws ProfileError naming every bad field. */
export function parseProfileJson(value: unknown, file = "profile.json"): ProfileJson {
  const result = profileSchema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue): ProfileProblem => {
    const field = formatZodPath(issue.path);
    let message = issue.message;
    if (issue.code === "invalid_key") {
      const inner = issue.issues[0]?.message ?? "invalid key";
      message = `the key ${inner}`;
    }
    if (issue.code === "unrecognized_keys") {
      message = `unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")} (check the spelling)`;
    }
    const where = field ? `${file}: ${field}` : file;
    return { message: `${where}: ${message}`, file, ...(field ? { field } : {}) };
  });
  throw ProfileError.of(problems);
}

function listTree(dir: string, prefix = ""): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    const rel = `${prefix}/${entry.name}`;
    out.push(rel);
    if (entry.isDirectory()) out.push(...listTree(join(dir, entry.name), rel));
  }
  return out;
}

/** Loads and checks a profile directory. Nothing is written. */
export function loadProfile(dir: string, overrides: { model?: string | null } = {}): Profile {
  const abs = resolve(dir);
  if (!existsSync(abs) || !statSync(abs).isDirectory()) {
    throw new ProfileError(`profile directory ${abs} does not exist (pass --profile DIR)`, abs);
  }
  const jsonFile = join(abs, "profile.json");
  if (!existsSync(jsonFile)) {
    throw new ProfileError(
      `${jsonFile} is missing: a profile needs profile.json (see docs/leviso.md)`,
      jsonFile,
    );
  }
  let raw: unknown;
  const jsonText = readFileSync(jsonFile, "utf8");
  try {
    raw = JSON.parse(jsonText);
  } catch (e) {
    throw new ProfileError(`${jsonFile}: not valid JSON: ${(e as Error).message}`, jsonFile);
  }
  // Every problem of profile.json and packages.txt is reported in one go.
  const problems: ProfileProblem[] = [];
  const json = collect(problems, () => parseProfileJson(raw, jsonFile));

  const pkgFile = join(abs, "packages.txt");
  let packages: PackageLine[] | undefined;
  if (!existsSync(pkgFile)) {
    problems.push({
      message: `${pkgFile} is missing: list the packages to install, one a line`,
      file: pkgFile,
    });
  } else {
    packages = collect(problems, () => parsePackagesTxt(readFileSync(pkgFile, "utf8"), pkgFile));
    if (packages?.length === 0) problems.push({ message: `${pkgFile} lists no packages`, file: pkgFile });
  }
  if (!json || !packages || problems.length) throw ProfileError.of(problems);

  const airootfsDir = join(abs, "airootfs");
  const airootfs = existsSync(airootfsDir) ? airootfsDir : null;
  const tree = airootfs ? listTree(airootfs) : [];
  for (const path of Object.keys(json.permissions)) {
    const link = airootfs ? linkOnTheWay(airootfs, path) : null;
    if (link !== null) {
      problems.push({
        message: `${jsonFile}: permissions["${path}"]: airootfs${link} is a symbolic link, so the rule could reach a file outside the live root (name the file by its real path in airootfs/)`,
        file: jsonFile,
        field: `permissions["${path}"]`,
      });
      continue;
    }
    const inTree = airootfs ? join(airootfs, path) : null;
    const present = inTree !== null && (existsSync(inTree) || isSymlink(inTree));
    if (!present) {
      problems.push({
        message: `${jsonFile}: permissions["${path}"]: airootfs${path} does not exist (the table only applies to files of airootfs/)`,
        file: jsonFile,
        field: `permissions["${path}"]`,
      });
    }
  }
  if (json.installer.languages.length && !(json.installer.baseRepo && json.installer.embed)) {
    problems.push({
      message: `${jsonFile}: installer.languages needs installer.baseRepo and installer.embed (the packs go into the ISO's repository, their recipes beside the embedded toolkit's): set both to true or leave languages empty`,
      file: jsonFile,
      field: "installer.languages",
    });
  }
  if (problems.length) throw ProfileError.of(problems);

  const modelSetting = overrides.model !== undefined ? overrides.model : json.installer.model;
  let model: string | null = null;
  if (modelSetting) {
    model = isAbsolute(modelSetting)
      ? modelSetting
      : resolve(overrides.model ? process.cwd() : abs, modelSetting);
    if (!existsSync(model) || !statSync(model).isFile()) {
      throw new ProfileError(
        `${overrides.model ? "--model" : `${jsonFile}: installer.model`}: ${model} is not a file`,
        jsonFile,
        "installer.model",
      );
    }
    if (!json.installer.embed) {
      throw new ProfileError(
        `${jsonFile}: installer.embed is false, so the model file has nowhere to go (set embed to true or drop the model)`,
        jsonFile,
        "installer.embed",
      );
    }
  }

  const h = createHash("sha256");
  h.update(JSON.stringify(json));
  h.update("\0");
  h.update(packages.map((p) => (p.optional ? `?${p.name}` : p.name)).join("\n"));
  h.update("\0");
  for (const rel of tree) {
    const st = lstatSync(join(airootfs!, rel));
    h.update(`${rel}:${st.mode}:${st.size}:${Math.trunc(st.mtimeMs)}\n`);
  }
  h.update(model ?? "");
  return { dir: abs, json, packages, airootfs, model, fingerprint: h.digest("hex") };
}

/**
 * The first directory on the way to `path` that is a symbolic link in `tree`, or null. The
 * last part may be a link (the rule then sets the link's owner, never its target's mode).
 */
function linkOnTheWay(tree: string, path: string): string | null {
  const parts = path.split("/").filter((p) => p !== "");
  for (let i = 1; i < parts.length; i++) {
    const rel = `/${parts.slice(0, i).join("/")}`;
    if (isSymlink(join(tree, rel))) return rel;
  }
  return null;
}

function isSymlink(p: string): boolean {
  try {
    return lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}
