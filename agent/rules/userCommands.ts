import type { Decision } from "../../tools/decision.js";
import type { PlanCall } from "../types.js";
import type { Ctx } from "./context.js";
import { reservedUsername } from "./userNames.js";

/**
 * Account commands typed as requests (tester 11 W11; dev15 "useradd -m -G wheel sam", "useradd
 * bob && usermod -aG wheel bob", "userdel lena"): each is read as the plan step it stands for, never
 * run. Read before, "useradd -m -G wheel kim" asked what the user should be called, and "useradd
 * tomas" found nothing to do. An admin group (wheel, sudo, admin) is sudo (CONTRACTS: sudo means
 * wheel); a turn that is anything more than such commands is left to the other readers.
 */

const ADMIN_GROUP = /^(?:wheel|sudo|admin|sudoers)$/;
const NAME = /^[a-z_][a-z0-9_-]{0,31}$/;

interface Account {
  username: string;
  sudo: boolean;
  groups: string[];
  shell?: string;
}

type Step =
  | { kind: "add"; account: Account }
  | { kind: "groups"; username: string; groups: string[] }
  | {
      kind: "del";
      username: string;
    };

/** One command: "useradd -m -s /bin/zsh -G wheel,docker ana", "usermod -aG wheel bob", "userdel lena". */
function readCommand(segment: string): Step | undefined {
  // flags keep their case ("-G" groups, "-g" the primary group); names are read in lower case
  const w = segment
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((x) => (x.startsWith("-") ? x : x.toLowerCase()));
  if (w[0] === "sudo") w.shift();
  const cmd = w.shift();
  if (!cmd || !/^(?:useradd|adduser|usermod|userdel|deluser|gpasswd)$/.test(cmd)) return undefined;
  const groups: string[] = [];
  let shell: string | undefined;
  const rest: string[] = [];
  for (let i = 0; i < w.length; i++) {
    const x = w[i]!;
    // a password on the command line never enters the plan (it is asked when the plan runs)
    if (/^(?:-p|--password)/.test(x)) return undefined;
    if (/^(?:-a?G|--groups?|-g|--gid)$/.test(x) || (cmd === "gpasswd" && x === "-a")) {
      if (cmd === "gpasswd") {
        rest.push(w[++i] ?? "");
        continue;
      }
      groups.push(...(w[++i] ?? "").split(","));
    } else if (/^-a?G\S+/.test(x)) groups.push(...x.replace(/^-a?G/, "").split(","));
    else if (/^--groups?=/.test(x)) groups.push(...x.replace(/^--groups?=/, "").split(","));
    else if (x === "-s" || x === "--shell") shell = w[++i];
    else if (/^--shell=/.test(x)) shell = x.slice(8);
    else if (/^(?:-c|--comment|-d|--home|--home-dir|-u|--uid|-e|--expiredate)$/.test(x)) i++;
    else if (x.startsWith("-")) continue;
    else rest.push(x);
  }
  // gpasswd -a bob wheel: the user first, the group after
  if (cmd === "gpasswd") {
    const [username, group] = [rest[0], w.at(-1)];
    if (!username || !group || !NAME.test(username)) return undefined;
    return { kind: "groups", username, groups: [group] };
  }
  if (rest.length !== 1 || !NAME.test(rest[0]!)) return undefined;
  const username = rest[0]!;
  if (cmd === "userdel" || cmd === "deluser") return { kind: "del", username };
  if (cmd === "usermod") return groups.length ? { kind: "groups", username, groups } : undefined;
  if (reservedUsername(username)) return undefined;
  const account: Account = {
    username,
    sudo: groups.some((g) => ADMIN_GROUP.test(g)),
    groups: groups.filter((g) => g && !ADMIN_GROUP.test(g)),
  };
  if (shell?.startsWith("/")) account.shell = shell;
  return { kind: "add", account };
}

/** The turn when it is nothing but account commands, as the plan steps they stand for. */
export function readUserCommands(text: string, ctx: Ctx): Decision | undefined {
  const segments = text.split(/\s*(?:&&|;|\|\||\n)\s*/).filter((s) => s.trim());
  if (!segments.length) return undefined;
  const steps = segments.map(readCommand);
  if (steps.some((s) => s === undefined)) return undefined;
  const planned = (u: string) =>
    ctx.conv.pending.find(
      (c): c is Extract<PlanCall, { tool: "createUser" }> => c.tool === "createUser" && c.args.username === u,
    );
  const made = new Map<string, Account>();
  const dropped: string[] = [];
  for (const s of steps as Step[]) {
    if (s.kind === "add") {
      if (ctx.facts.users.includes(s.account.username)) return undefined;
      made.set(s.account.username, s.account);
    } else if (s.kind === "groups") {
      const had =
        made.get(s.username) ?? (planned(s.username) ? { ...planned(s.username)!.args } : undefined);
      // an account already on the machine is changed by no tool: the other readers say so
      if (!had) return undefined;
      const admin = s.groups.some((g) => ADMIN_GROUP.test(g));
      const extra = s.groups.filter((g) => g && !ADMIN_GROUP.test(g));
      made.set(s.username, {
        ...had,
        sudo: had.sudo || admin,
        groups: [...new Set([...(had.groups ?? []), ...extra])],
      } as Account);
    } else {
      if (made.delete(s.username)) continue;
      if (!planned(s.username)) return undefined;
      dropped.push(s.username);
    }
  }
  if (dropped.length && !made.size)
    return { drop: dropped.map((username) => ({ tool: "createUser", args: { username } })) } as Decision;
  if (!made.size || dropped.length) return undefined;
  return {
    calls: [...made.values()].map((a) => ({
      tool: "createUser",
      args: { shell: "/bin/bash", ...a },
    })),
  } as Decision;
}
