import type { AskSecretAction } from "../steps/step.js";
import type { Plan } from "./compile.js";

/** How a plan is confirmed; the CLI's is interactive, tests and `--yes` pass their own. */
export interface Confirmer {
  /** true to go ahead. */
  confirm(plan: Plan): Promise<boolean>;
}

/** A destroying plan needs the disk typed back; anything else a yes. */
export function interactiveConfirmer(): Confirmer {
  return {
    async confirm(plan) {
      const { confirm, input } = await import("@inquirer/prompts");
      if (plan.destructive && plan.disk) {
        const typed = await input({
          message: `This erases everything on ${plan.disk.path}. Type ${plan.disk.path} to go ahead (anything else stops):`,
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
