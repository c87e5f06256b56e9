import { constants } from "node:fs";
import { type FileHandle, mkdtemp, open, rm, rmdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/**
 * The install's journal while it runs, before it is copied into the target.
 *
 * Why a private directory: the installer runs as root, and a file in /tmp under a name anyone can
 * predict (pid and time) can be a link planted by another user, so the journal would be appended
 * to a file of their choosing (attacker 6, M2). mkdtemp makes a fresh 0700 directory no one else
 * can enter, and the file in it is created exclusively, never through a link, readable by root only.
 */
export interface InstallJournal {
  readonly path: string;
  append(entry: Record<string, unknown>): Promise<void>;
  close(): Promise<void>;
  /** Removes the journal (it was copied elsewhere) and the private directory made for it. */
  discard(): Promise<void>;
}

const NO_LINK = constants.O_NOFOLLOW;

/**
 * Opens the journal: at `explicit` when the caller names a file (appended to, never through a
 * link), else in a new private directory under the temporary directory.
 */
export async function openInstallJournal(explicit?: string): Promise<InstallJournal> {
  let made: string | undefined;
  let path: string;
  let fh: FileHandle;
  if (explicit) {
    path = explicit;
    try {
      fh = await open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_APPEND | NO_LINK, 0o600);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ELOOP")
        throw new Error(`the install journal ${path} is a symbolic link; name a plain file or a new path`);
      throw err;
    }
  } else {
    made = await mkdtemp(join(tmpdir(), "levitate-install-"));
    path = join(made, "journal.log");
    fh = await open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | NO_LINK, 0o600);
  }
  let open_ = true;
  return {
    path,
    append: async (entry) => {
      await fh.appendFile(`${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`);
    },
    close: async () => {
      if (!open_) return;
      open_ = false;
      await fh.close();
    },
    discard: async () => {
      if (open_) {
        open_ = false;
        await fh.close();
      }
      await rm(path, { force: true });
      if (made && dirname(path) === made) await rmdir(made).catch(() => {});
    },
  };
}
