/**
 * HTML escaping for everything that comes from the data or the user (labels, lead ids, file
 * names, notes): leads' data is hostile input. Every string that reaches the page passes
 * through `html()` or is written by a function that calls it.
 */
const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text safe in element content and in double- or single-quoted attribute values. */
export function html(text: string): string {
  // Control characters other than tab and line breaks are not allowed in HTML text.
  return text
    .replace(/[&<>"']/g, (ch) => ENTITIES[ch]!)
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '\uFFFD');
}

/** A token for id and class attributes built from our own names only. */
export function slug(text: string): string {
  const s = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return s || 'x';
}

/** The last segment of a path: reports show file names, not the user's folders. */
export function basename(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}
