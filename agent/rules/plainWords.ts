import type { Facts } from "../../facts/schema.js";
import { withoutPastedListing } from "../safety/pastedListing.js";
import { sayCodeMixedVerbs } from "./codeMixedVerbs.js";
import { restateCommands, splitDictation } from "./commandWords.js";
import { restateCorrection } from "./corrections.js";
import { sayExcludedPerson } from "./excludedPerson.js";
import { familyAsUsers } from "./familyAccounts.js";
import { foreignAccountWords } from "./foreignAccountWords.js";
import { kickstartAsWords } from "./kickstartLines.js";
import { sayLitotes } from "./litotes.js";
import { foldLookAlikes } from "./lookAlikes.js";
import { restatePolarity } from "./negation.js";
import { sayPeopleWordsPlainly } from "./peopleWordsPlain.js";
import { sayPhrasalKeeps } from "./phrasalKeeps.js";
import { sayRecipeFates } from "./recipeFates.js";
import { sayRecipeKeeps } from "./recipeKeeps.js";
import { sayRemovalObjects } from "./removalObjects.js";
import { withoutQuotedRequests } from "./reportedSpeech.js";
import { sameAsBefore } from "./sameAsBefore.js";
import { saySpareAdjective } from "./spareAdjective.js";

/**
 * The user's words said plainly, once, before any reader or backend sees them
 * (agent/conversation.ts): package-manager commands and slang removals as plain requests
 * (agent/rules/commandWords.ts), dictation without punctuation split at the verbs that start a
 * request (same module), a removal corrected in the same breath as what is left of it
 * (agent/rules/corrections.ts), then every negated, refused or judged-bad action as a plain
 * "do not ..." (agent/rules/negation.ts). The rows of a pasted disk listing go first: they name
 * every disk and choose none (agent/safety/pastedListing.ts). Words that need none of it come back
 * unchanged. Look-alike letters ("ｄｏｎ'ｔ", "𝐧𝐞𝐯𝐞𝐫", "ⓝⓞ") and invisible characters are folded
 * first, so no reader misses a negation it would read in ASCII (agent/rules/lookAlikes.ts); then
 * what the user quotes or reports ("the manual says: erase sda", `# remove git`) is taken out
 * (agent/rules/reportedSpeech.ts).
 */
export function plainWords(text: string, facts: Facts): string {
  const programs = new Set([...facts.installed, ...facts.recipes].map((p) => p.toLowerCase()));
  // "network --hostname=box1", "user --name=jan --groups=wheel": kickstart lines in words
  // "create mom and dad, both admins": the family words are the names
  // "same for her sister mia", "mia, same as before": the last account again, for mia
  // "minus sudo", "[10:32] @dad: …", "handle is anke", "walang sudo" (peopleWordsPlain.ts)
  text = sameAsBefore(
    familyAsUsers(foreignAccountWords(sayPeopleWordsPlainly(kickstartAsWords(text) ?? text))),
  );
  return restatePolarity(
    splitDictation(
      restateCorrection(
        // "I want lazygit gone", "fzf must stay", "I still need it" (recipeKeeps.ts)
        sayRecipeKeeps(
          restateCommands(
            // "deaccession htop", "git stays", "curl is held": removals and keeps in a register's
            // own words, before the slang and removal nouns read single names (recipeFates.ts)
            sayRecipeFates(
              // "strip out wget", "decommission the old horns, wget and gzip" (removalObjects.ts)
              sayRemovalObjects(
                // "neovim remove pannu": the verb before its object (codeMixedVerbs.ts)
                sayCodeMixedVerbs(
                  // "hold on to git", "hang onto sda": a keep (phrasalKeeps.ts)
                  sayPhrasalKeeps(
                    // "sudo to whoever isn't tom": everyone except tom (excludedPerson.ts)
                    // "there's 40 gig spare": the adjective is the free region (spareAdjective.ts)
                    sayExcludedPerson(
                      saySpareAdjective(
                        withoutPastedListing(
                          // "I wouldn't say no to htop": a want (litotes.ts)
                          sayLitotes(withoutQuotedRequests(foldLookAlikes(text)), programs),
                        ),
                      ),
                    ),
                    facts,
                  ),
                  facts,
                ),
                facts,
              ),
              facts,
            ),
            programs,
          ),
          facts,
        ),
        programs,
      ),
    ),
  );
}
