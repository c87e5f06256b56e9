/**
 * What a dry run had to make up. Nothing is downloaded or extracted in a dry run, so a helper
 * that asks about the build directory (glob(), exists("relative"), how many files an
 * install_to_dir pattern copies) gets an answer that is not the real one. A recipe that branches
 * on it shows one path in the dry run and takes another for real: attacker 25 H1 hid a run() and
 * an install into /etc/cron.d behind `if glob("bin/*").len() > 0`. The dry run cannot know the
 * real answer, so it says, per recipe, that its listing may be incomplete.
 */
export interface DryRunGuess {
  recipe: string;
  /** The calls answered with a guess, as the recipe wrote them (`glob("bin/*")`), once each. */
  calls: string[];
  /** The warning shown to a person, one line. */
  warning: string;
}

/** The most calls named in one warning: a recipe looping over many patterns would drown it. */
const SHOWN_CALLS = 3;

export function dryRunGuess(recipe: string, calls: readonly string[]): DryRunGuess {
  const shown = calls.slice(0, SHOWN_CALLS).join(", ");
  const more = calls.length > SHOWN_CALLS ? ` and ${calls.length - SHOWN_CALLS} more` : "";
  return {
    recipe,
    calls: [...calls],
    warning:
      `${recipe} decides at run time: it asks ${shown}${more} about files that only exist once it runs, ` +
      "so this dry run guessed the answers and cannot show every step (a run or install may be missing): " +
      "read the recipe before you trust this list",
  };
}

/** The guesses of every run that made some, in run order; undefined when none did. */
export function collectGuesses(
  runs: readonly { o: { recipe: string }; guesses: readonly string[] }[],
): DryRunGuess[] | undefined {
  const out = runs.filter((r) => r.guesses.length > 0).map((r) => dryRunGuess(r.o.recipe, r.guesses));
  return out.length > 0 ? out : undefined;
}
