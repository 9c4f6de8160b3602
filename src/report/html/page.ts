import { createHash } from 'node:crypto';
import { STYLE } from './assets.js';
import { html } from './escape.js';
import type { DataTable } from './render-chart.js';

/** Composed text for a page: escaped, and a number never parted from its "%" at a line end. */
export function text(s: string): string {
  return html(s)
    .replace(/(\d) %/g, '$1&nbsp;%')
    .replace(/\[\d+(?:\.\d+)?-\d+(?:\.\d+)?\]/g, (m) => `<span class="nowrap">${m}</span>`);
}

/** An accessible table: caption, column headers, a row header per row, an optional marked row. */
export function tableHtml(t: DataTable, markedRow?: number): string {
  const num = (numeric: boolean | undefined) => (numeric ? ' class="num"' : '');
  const head = t.columns.map((c) => `<th scope="col"${num(c.numeric)}>${html(c.title)}</th>`).join('');
  const body = t.rows
    .map(
      (r, k) =>
        `<tr${k === markedRow ? ' class="chosen"' : ''}>${r
          .map((cell, i) =>
            i === 0
              ? `<th scope="row"${num(t.columns[0]?.numeric)}>${text(cell)}</th>`
              : `<td${num(t.columns[i]?.numeric)}>${text(cell)}</td>`,
          )
          .join('')}</tr>`,
    )
    .join('\n');
  return `<div class="table-wrap"><table>\n<caption>${html(t.caption)}</caption>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table></div>`;
}

export interface PageSection {
  readonly id: string;
  readonly heading: string;
  /** Ready HTML. */
  readonly body: string;
}

export interface PageParts {
  readonly title: string;
  /** Ready HTML. */
  readonly subtitle: string;
  readonly sections: readonly PageSection[];
  /** Ready HTML. */
  readonly footer: string;
  /** The one inline script, allowed by its hash; none by default. */
  readonly script?: string;
  readonly extraStyle?: string;
}

/**
 * The page around the sections. The Content Security Policy forbids every load; styles are
 * inline, images only data: URLs, and a script runs only if it is the one given here.
 */
export function pageHtml(parts: PageParts): string {
  const scriptSrc = parts.script
    ? `'sha256-${createHash('sha256').update(parts.script).digest('base64')}'`
    : "'none'";
  const csp =
    `default-src 'none'; style-src 'unsafe-inline'; script-src ${scriptSrc}; ` +
    "img-src data:; base-uri 'none'; form-action 'none'";
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="generator" content="leadsift">
<title>${html(parts.title)}</title>
<style>${STYLE}${parts.extraStyle ?? ''}</style>
</head>
<body>
<a class="skip" href="#main">Skip to the report</a>
<header>
<h1>${html(parts.title)}</h1>
<p class="subtitle">${parts.subtitle}</p>
<nav class="toc" aria-label="Sections"><ol>
${parts.sections.map((s) => `<li><a href="#${s.id}">${html(s.heading)}</a></li>`).join('\n')}
</ol></nav>
</header>
<main id="main">
${parts.sections
  .map((s) => `<section id="${s.id}" aria-labelledby="${s.id}-h">\n<h2 id="${s.id}-h">${html(s.heading)}</h2>\n${s.body}\n</section>`)
  .join('\n')}
</main>
<footer>
<p>${parts.footer}</p>
</footer>
${parts.script ? `<script>${parts.script}</script>\n` : ''}</body>
</html>
`;
}
