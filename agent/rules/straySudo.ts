/**
 * "sudo" said as something other than a grant (tester5 DANGEROUS 6): the first word of a shell
 * command ("sudo make me a sandwich", "sudo rm -rf /", "sudo !!") or a sentence about habits ("im
 * used to typing sudo apt install", "i always type sudo lol") gave sudo to whoever the turn, or the
 * one before it, named. Sudo is granted only by words that aim it at a user ("with sudo", "give bo
 * sudo", "bo gets admin", "in the wheel group"); those words are left as they are. Here the stray
 * mentions are taken out of the words before any reader or backend sees them (agent/turn.ts), so
 * no reader has to tell a habit from a grant on its own.
 */

/** Commands people put after "sudo" (the package managers are read as requests elsewhere). */
const COMMANDS = new Set([
  "make",
  "rm",
  "reboot",
  "shutdown",
  "poweroff",
  "halt",
  "su",
  "bash",
  "sh",
  "zsh",
  "systemctl",
  "service",
  "journalctl",
  "nano",
  "vim",
  "vi",
  "nvim",
  "mount",
  "umount",
  "chmod",
  "chown",
  "cp",
  "mv",
  "mkdir",
  "cat",
  "tee",
  "echo",
  "dd",
  "fdisk",
  "parted",
  "passwd",
  "useradd",
  "usermod",
  "adduser",
  "visudo",
  "modprobe",
  "docker",
  "podman",
  "snap",
  "flatpak",
  "npm",
  "pip",
  "pip3",
  "kill",
  "killall",
  "ls",
  "cd",
  "whoami",
  "ln",
  "grub-install",
  "update-grub",
  "apt",
  "apt-get",
  "pacman",
  "dnf",
  "yum",
  "zypper",
  "emerge",
  "recipe",
  "levitate",
  "!!",
]);

/** Words before "sudo" that aim it at someone: "with sudo make", "give bo sudo", "no sudo". */
const AIMED_BEFORE =
  /\b(?:with|w\/|give|gives|giving|gets|get|has|have|having|want|wants|need|needs|no|without|and|plus|grant|grants|add|needs|deserves)\s+$/i;

/** "i'm used to typing sudo …", "he uses sudo apt a lot", "i always type sudo lol": a habit, no grant. */
const HABIT =
  /\b(?:i|im|i'm|i am|ive|i've|he|hes|he's|she|shes|she's|they|we|my hands|muscle memory)\b(?:(?!\b(?:but|and|so|then|also|because)\b)[^,.;!?])*?\b(?:type|types|typing|typed|use|uses|using|used to|run|runs|running|write|writes|writing|spam|spams|spamming|prefix|prefixing|put|putting)\b(?:(?!\b(?:but|and|so|then|also|because)\b)[^,.;!?])*?\bsudo\b(?:(?!\b(?:but|and|so|then|also|because)\b)[^,.;!?])*/gi;

/**
 * A modal of permission, need or ability before the verb makes the clause a wish, not a habit: "he
 * should be able to use sudo", "she needs to run sudo", "kai can use sudo" ask for the privilege
 * (dev25 h24-097 and the like lost it with the habit clause). Safety: only these modals, which say
 * what the person must be allowed to do; a future or a statement ("i will use sudo", "he uses sudo
 * a lot") stays a habit.
 */
const WISHED =
  /\b(?:should|shall|can|could|must|may|needs?\s+to|has\s+to|have\s+to|ought\s+to|(?:be|is|are)\s+(?:able|allowed|permitted)\s+to)\b(?:(?!\b(?:but|and|so|then|also|because)\b)[^,.;!?])*?\b(?:use|run)\s+sudo\b/i;

/** The words with every stray "sudo" taken out; the same string when there is none. */
export function withoutStraySudo(text: string): string {
  if (!/\bsudo\b/i.test(text)) return text;
  // a habit clause says nothing to do: it goes whole, up to its punctuation or its conjunction
  let out = text.replace(HABIT, (m) =>
    /\b(?:with|give|gets|without|no)\s+sudo\b/i.test(m) || WISHED.test(m) ? m : " ",
  );
  // "sudo make me a sandwich", "then sudo reboot": a command's prefix, unless words aim it at someone
  out = out.replace(/\bsudo\s+(!!|[a-z][a-z0-9-]*)/gi, (m, cmd: string, at: number) => {
    if (!COMMANDS.has(cmd.toLowerCase())) return m;
    if (AIMED_BEFORE.test(out.slice(0, at))) return m;
    return cmd;
  });
  return (
    out
      // a line break stays one: the lines are the requests' ends (listJoiners.ts)
      .replace(/\s{2,}/g, (m) => (/[\r\n]/.test(m) ? "\n" : " "))
      .replace(/^\s*[,;]\s*/, "")
      .replace(/\s*,\s*$/, "")
      .trim()
  );
}
