const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', lrm: '', rlm: '' };

/**
 * The words a cue says, without markup: WebVTT voice/class/timestamp tags, SRT <i>/<font> and
 * {\an8}-style overrides. Ruby annotations (<rt>) are dropped because they repeat a reading of
 * text already there, and would skew where a word falls in time. Lines join with a space.
 */
export function cueText(lines: readonly string[]): string {
  return lines
    .join(' ')
    .replace(/<rt>[^<]*<\/rt>/g, '')
    .replace(/<[^>]*>/g, '')
    .replace(/\{\\[^}]*\}/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, e: string) => {
      if (e[0] === '#') {
        const cp = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : all;
      }
      return ENTITIES[e.toLowerCase()] ?? all;
    })
    .replace(/\s+/g, ' ')
    .trim();
}
