/**
 * Word wrap for the chat's replies. The text is plain (the colour is only on the `levitate>`
 * prefix), so a small greedy wrapper does: lines break at spaces, a word longer than the width is
 * cut, the user's own line breaks stay, and continuation lines are indented under the text.
 * The first line is meant to follow a prefix `indent` columns wide (`levitate> `).
 */
export function wrapText(text: string, width: number, indent = 0): string {
  const room = Math.max(10, width - indent);
  const pad = " ".repeat(indent);
  const out: string[] = [];
  for (const para of text.split("\n")) {
    // Leading spaces of a line (an indented list) are kept on its first row.
    const lead = /^ */.exec(para)![0];
    const words = para.slice(lead.length).split(/ +/).filter(Boolean);
    let line = lead;
    const flush = () => {
      out.push(line);
      line = "";
    };
    for (let w of words) {
      const sep = line.trim() === "" ? "" : " ";
      if (line.length + sep.length + w.length <= room) {
        line += sep + w;
        continue;
      }
      if (line.trim() !== "") flush();
      while (w.length > room) {
        out.push(w.slice(0, room));
        w = w.slice(room);
      }
      line = w;
    }
    flush();
  }
  return out.map((l, i) => (i === 0 ? l : pad + l).trimEnd()).join("\n");
}
