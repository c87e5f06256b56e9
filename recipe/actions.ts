import type { RecipeState } from "./state.js";

/**
 * One thing an install or remove does to the machine. `--dry-run` prints these objects, and a
 * real run performs exactly them: paths are host paths (the target root included), argv is the
 * exact argument vector.
 */
export type RecipeAction =
  | {
      kind: "download";
      recipe: string;
      url: string;
      checksum: string | null;
      dest: string;
      sources: string[];
    }
  | { kind: "extract"; recipe: string; archive: string; format: string; dest: string }
  | { kind: "install-file"; recipe: string; from: string; to: string; mode: number }
  | { kind: "rpm"; recipe: string; argv: string[] }
  | { kind: "run"; recipe: string; argv: string[]; cwd: string }
  | { kind: "remove-file"; recipe: string; path: string }
  | { kind: "write-state"; recipe: string; file: string; state: RecipeState };

export function describeAction(a: RecipeAction): string {
  switch (a.kind) {
    case "download":
      return `download ${a.url}${a.checksum ? ` (${a.checksum.slice(0, 19)}…)` : " (no checksum)"} -> ${a.dest}${
        a.sources.length
          ? ` [from ${a.sources[0]}]`
          : a.url.startsWith("rpm:")
            ? " [no source: no mirror holds it; pass --mirror DIR]"
            : ""
      }`;
    case "extract":
      return `extract ${a.archive} (${a.format}) -> ${a.dest}`;
    case "install-file":
      return `install ${a.from} -> ${a.to} (mode ${a.mode.toString(8)})`;
    case "rpm":
      return `run ${a.argv.join(" ")}`;
    case "run":
      return `run ${a.argv.join(" ")} (in ${a.cwd})`;
    case "remove-file":
      return `remove ${a.path}`;
    case "write-state":
      return `write state of ${a.recipe} to ${a.file}: installed=${a.state.installed}${
        a.state.installed_version ? ` version=${a.state.installed_version}` : ""
      } files=${a.state.installed_files.length}`;
  }
}

/** What the library reports while it works (the CLI prints these; byte progress is on stderr). */
export type ProgressEvent =
  | { type: "recipe-start"; recipe: string; version: string }
  | { type: "action"; action: RecipeAction }
  | { type: "recipe-done"; recipe: string }
  | { type: "skip"; recipe: string; reason: string }
  | { type: "rollback"; recipe: string; reason: string }
  | { type: "wait-lock"; recipe: string; holder: string }
  | { type: "note"; recipe: string; text: string };
