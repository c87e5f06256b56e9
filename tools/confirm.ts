import type { AskSecretAction } from "../steps/step.js";
import type { Plan } from "./compile.js";

/** How a plan is confirmed; the CLI's is interactive, tests and `--yes` pass their own. */
export interface Confirmer {
  /** true to go ahead. */
  confirm(plan: Plan): Promise<boolean>;
}

/**
 * The question a plan that writes a partition table asks, to be answered by typing the disk.
 * Installing into free space erases nothing: saying "erases everything" there would contradict
 * the plan just shown, on the one question that matters most, and teach users to type through
 * warnings. It says what is added and what stays instead.
 */
export function diskQuestion(disk: NonNullable<Plan["disk"]>): string {
  const type = `Type ${disk.path} to go ahead (anything else stops):`;
  if (!disk.after.free) return `This erases everything on ${disk.path}. ${type}`;
  const added = disk.after.partitions.filter((p) => !p.existing).map((p) => p.device);
  const name = (p: (typeof disk.before)[number]) => {
    const what = p.os ?? p.label ?? p.fstype;
    return what ? `${p.path} (${what})` : p.path;
  };
  // the other system's ESP, shared, gets this install's boot files: never "untouched" (attack4 L4)
  const shared = disk.after.partitions.find((p) => p.existing)?.device;
  const esp = disk.before.filter((p) => p.path === shared).map(name);
  const kept = disk.before.filter((p) => p.path !== shared).map(name);
  const said = [
    ...esp.map((e) => `${e} gets boot files added, none of its files changed`),
    ...(kept.length ? [`${kept.join(", ")} stay${kept.length === 1 ? "s" : ""} untouched`] : []),
  ];
  return (
    `This adds ${added.length === 1 ? "partition" : "partitions"} ${added.join(", ")} in the free space of ${disk.path}; ` +
    `${said.length ? said.join("; ") : "nothing on it is erased"}. ${type}`
  );
}

/** A destroying plan needs the disk typed back; anything else a yes. */
export function interactiveConfirmer(): Confirmer {
  return {
    async confirm(plan) {
      const { confirm, input } = await import("@inquirer/prompts");
      if (plan.destructive && plan.disk) {
        const typed = await input({
          message: diskQuestion(plan.disk),
        });
        return typed.trim() === plan.disk.path;
      }
      if (plan.destructive) return confirm({ message: "Some steps remove data. Go ahead?", default: false });
      return confirm({ message: "Go ahead?", default: true });
    },
  };
}

export const yesConfirmer: Confirmer = { confirm: async () => true };

/** Asks a password or passphrase with masked input, twice when `confirm`. */
export async function askSecretInteractive(a: AskSecretAction): Promise<string> {
  const { password } = await import("@inquirer/prompts");
  for (;;) {
    const first = await password({
      message: `${a.prompt}:`,
      mask: "*",
      validate: (v) => v.length >= a.minLength || `at least ${a.minLength} characters`,
    });
    if (!a.confirm) return first;
    const again = await password({ message: `${a.prompt} (again):`, mask: "*" });
    if (again === first) return first;
    process.stderr.write("They differ; once more.\n");
  }
}
