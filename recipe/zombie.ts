import { readFileSync } from "node:fs";

/**
 * Whether a pid is a zombie: it has exited and only waits for its parent to collect it. kill(pid,
 * 0) still succeeds on one, so a recipe worker killed with its supervisor (kill -9 of the group)
 * looked alive for as long as nobody reaped it (seconds where pid 1 reaps slowly), and the
 * command run just after (`recipe list --installed`) left its journal, locks and the recipe's
 * file in place of the user's (attacker 25 L2). A zombie runs nothing and holds nothing.
 */
export function isZombie(pid: number): boolean {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return false;
  }
  // "PID (COMM) STATE ...": the command name may hold spaces and parentheses.
  return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) === "Z";
}
