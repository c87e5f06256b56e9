/**
 * Words that choose to lose what is on a disk, beyond placing the install there: read by the
 * last gate (./destructiveGate.ts) and by ./unnamedErase.ts ("just use the whole disk, I don't care").
 */
export const LOSS_WORDS =
  /\b(?:erase[sd]?|erasing|wipe[sd]?|wiping|format(?:ted|ting)?|reformat|nuke[sd]?|overwrite|replace|get rid|delete|destroy|kill|trash|scrap|clean install|from scratch|start over|fresh|don'?t need|do not need|no longer need|don'?t care|backed up|have a backup|got a backup|over (?:it|that|windows|ubuntu|fedora|debian|arch|mint|manjaro|linux)|instead of|switch(?:ing)? from|done with|ditch|can go|is dead|gone)\b/i;
