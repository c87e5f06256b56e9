/**
 * "Install on the Crucial,whole disk,xfs.Leave the Fedora alone.", "Nvme:whole,ext4,8G
 * swap.Seagate:untouched.": a voice that puts no space after its full stops. The tokenizer keeps
 * "xfs.Leave" as one word (a dot inside a word is a version or a locale: python3.12, de_DE.UTF-8),
 * so the filesystem, the swap and the next sentence's first word were all lost. A full stop is a
 * stop where the next word starts a sentence (a capital, then lowercase: never UTF-8 or a version)
 * or where the word before is a word of the install's layout (a filesystem, swap, disk), which no
 * dotted name begins with. Paths, addresses and links are left as they are.
 */
const CAPITALIZED_NEXT = /(?<=[A-Za-z0-9]{2})\.(?=[A-Z][a-z]{2,})/g;
const LAYOUT_BEFORE = /(?<=\b(?:ext4|btrfs|xfs|swap|disk|drive|whole|encrypted|encryption))\.(?=[a-z]{2,})/gi;

export function spaceAfterStops(text: string): string {
  return text.replace(/\S+/g, (run) =>
    /[/@]|:\/\/|^www\./i.test(run) ? run : run.replace(CAPITALIZED_NEXT, ". ").replace(LAYOUT_BEFORE, ". "),
  );
}
