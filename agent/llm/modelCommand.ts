/**
 * Which `levitate` command line loads a model: read before anything else is loaded, so that a
 * command that loads none (`ask --backend rules`, `install --plan`) never loads the model file's
 * reader nor the huge-pages decision (./hugePages.ts) at all.
 */

/** Set in the restarted process: never restart twice. */
export const RELAUNCHED_ENV = "LEVITATE_RELAUNCHED";

/** Does this argv load a model, and which file (the command's own `--model`, if given)? */
export interface ModelCommand {
  loadsModel: boolean;
  /** Why not, or which command. */
  what: string;
  model?: string;
}

/** `--name value`, `--name=value`, and for short flags `-x value` / `-xvalue`. */
function optionValue(args: string[], names: string[]): string | undefined {
  let value: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === "--") break;
    for (const n of names) {
      if (a === n) value = args[i + 1];
      else if (n.startsWith("--") && a.startsWith(`${n}=`)) value = a.slice(n.length + 1);
      else if (!n.startsWith("--") && a.startsWith(n) && a.length > n.length) value = a.slice(n.length);
    }
  }
  return value;
}

function hasFlag(args: string[], names: string[]): boolean {
  const end = args.indexOf("--");
  return (end < 0 ? args : args.slice(0, end)).some((a) =>
    names.some((n) => a === n || a.startsWith(`${n}=`)),
  );
}

/**
 * Reads `levitate`'s argv (without node and the script) the way commander would, as far as this
 * decision needs: a misread costs a useless restart or a slower load, never a different result.
 */
export function modelCommand(args: string[]): ModelCommand {
  const [command, sub] = args;
  if (hasFlag(args, ["--help", "-h"])) return { loadsModel: false, what: "help" };
  let backend: string | undefined;
  let defaultBackend = "auto";
  const model = optionValue(args, ["--model", "-m"]);
  switch (command) {
    case "ask":
      backend = optionValue(args, ["--backend"]);
      break;
    case "install":
      // A plan file (or the kernel command line's) installs without a conversation.
      if (hasFlag(args, ["--plan", "--from-cmdline"]))
        return { loadsModel: false, what: "install from a plan" };
      backend = optionValue(args, ["--backend"]);
      break;
    case "eval":
      if (hasFlag(args, ["--compare"])) return { loadsModel: false, what: "eval --compare" };
      backend = optionValue(args, ["--backend", "-b"]);
      defaultBackend = "rules";
      break;
    case "model":
      if (sub !== "bake") return { loadsModel: false, what: `model ${sub ?? ""}`.trim() };
      return { loadsModel: true, what: "model bake", ...(model ? { model } : {}) };
    default:
      return { loadsModel: false, what: command ?? "no command" };
  }
  const chosen = backend ?? defaultBackend;
  if (chosen === "rules") return { loadsModel: false, what: "the rules backend (no model)" };
  return { loadsModel: true, what: `${command} --backend ${chosen}`, ...(model ? { model } : {}) };
}
