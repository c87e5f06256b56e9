import { SUDO_GROUPS } from "../tools/createUser.js";

type Args = Record<string, unknown>;

/**
 * createUser's args with membership of an administrators' group read as `sudo: true` (the tool
 * joins a sudo user to wheel, and treats wheel, sudo and admin as sudo: tools/createUser.ts). Data
 * sets written by people say "groups docker and wheel" as often as "with sudo"; the two are one
 * outcome, so the scorer compares them as one, and a predicted wheel membership counts as the sudo
 * it gives when a refusal was expected. Groups given as anyOf alternatives are left as written.
 */
export function canonicalUserArgs(args: Args): Args {
  const groups = args.groups;
  if (!Array.isArray(groups) || !groups.some((g) => typeof g === "string" && SUDO_GROUPS.has(g))) return args;
  const rest = groups.filter((g) => !(typeof g === "string" && SUDO_GROUPS.has(g)));
  const out: Args = { ...args, sudo: true };
  if (rest.length) out.groups = rest;
  else delete out.groups;
  return out;
}

/** The call with its args canonical (only createUser changes). */
export function canonicalCall<C extends { tool: string; args: Args }>(call: C): C {
  return call.tool === "createUser" ? { ...call, args: canonicalUserArgs(call.args) } : call;
}
