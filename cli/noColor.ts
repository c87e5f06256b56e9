import chalk from "chalk";

/**
 * NO_COLOR (https://no-color.org): any non-empty value turns colour off. chalk's own detection
 * honours FORCE_COLOR and TERM=dumb but not NO_COLOR, so `recipe` and `leviso` printed SGR codes
 * where `levitate` (tools/render.ts) and `rhai-run` printed none (attacker 24 F4). Imported for
 * its effect on the shared chalk instance, before anything is printed.
 */
export function honourNoColor(env: NodeJS.ProcessEnv = process.env): void {
  if (env.NO_COLOR) chalk.level = 0;
}

honourNoColor();
