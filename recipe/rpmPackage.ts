import { parseRpmFileName } from "./download.js";
import { isRpmPackageName } from "./stateSchema.js";

/**
 * The package an RPM file queued for `rpm -U` installs, as its undo will name it to `rpm -e`. A
 * file whose name tells no package name is refused before rpm runs: the undo could not name it.
 */
export function rpmPackageOf(file: string): string {
  const base = file.split("/").pop()!;
  const name = parseRpmFileName(base)?.name ?? base.replace(/\.rpm$/, "");
  if (!isRpmPackageName(name))
    throw new Error(
      `${base} is not named like an rpm package (NAME-VERSION-RELEASE.ARCH.rpm, NAME not starting with "-"); ` +
        "rename the file or fix the recipe's download",
    );
  return name;
}
