/**
 * The report's only style sheet and script, inlined into the page: nothing is loaded from
 * anywhere. The script only sorts tables; the page reads the same without it.
 */
export const STYLE = `
:root { color-scheme: light; --ink: #1a1a1a; --muted: #4d4d4d; --rule: #d9d9d9; --accent: #0072B2; --warn: #E69F00; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; background: #fff; color: var(--ink);
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
header, main, footer { max-width: 62rem; margin: 0 auto; padding: 0 1rem; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .25rem .5rem; outline: 2px solid var(--accent); }
h1 { font-size: 1.8rem; line-height: 1.2; margin: 1.5rem 0 .25rem; }
h2 { font-size: 1.35rem; line-height: 1.25; margin: 2.5rem 0 .5rem; padding-top: 1.25rem; border-top: 1px solid var(--rule); }
h3 { font-size: 1.1rem; margin: 1.75rem 0 .4rem; }
p, li { max-width: 46rem; }
.subtitle { color: var(--muted); margin: 0 0 1rem; }
a { color: var(--accent); }
nav.toc ol { display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; list-style: none; padding: 0; margin: .5rem 0 0; font-size: .95rem; }
dl.figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(10.5rem, 1fr)); gap: .75rem; margin: 1rem 0; }
dl.figures div { border: 1px solid var(--rule); border-radius: 6px; padding: .6rem .8rem; }
dl.figures dt { font-size: .85rem; color: var(--muted); }
dl.figures dd { margin: 0; font-size: 1.45rem; font-weight: 650; font-variant-numeric: tabular-nums; }
dl.figures dd small { display: block; font-size: .8rem; font-weight: 400; color: var(--muted); }
.callout { border-left: 4px solid var(--warn); background: #FFF7E6; padding: .5rem .9rem; margin: 1rem 0; }
.callout p { margin: .25rem 0; }
figure.chart { margin: 1.75rem 0; }
figure.chart figcaption { color: var(--muted); font-size: .95rem; margin: .5rem 0; max-width: 46rem; }
.chart-svg { display: block; width: 100%; height: auto; }
details { margin: .5rem 0 1rem; }
details > summary { cursor: pointer; color: var(--accent); }
.table-wrap { overflow-x: auto; -webkit-overflow-scrolling: touch; max-width: 100%; }
table { border-collapse: collapse; font-size: .9rem; margin: .5rem 0; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; caption-side: top; }
th, td { text-align: left; padding: .3rem .6rem; border-bottom: 1px solid var(--rule); vertical-align: top; }
thead th { border-bottom: 2px solid #999; white-space: nowrap; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
th button { font: inherit; font-weight: 700; color: inherit; background: none; border: 0; padding: 0; cursor: pointer; text-align: inherit; }
th button:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
th[aria-sort="ascending"] button::after { content: " \\25B2"; font-size: .7em; }
th[aria-sort="descending"] button::after { content: " \\25BC"; font-size: .7em; }
.id { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: .85rem; overflow-wrap: anywhere; }
ul.reasons { margin: 0; padding-left: 1rem; min-width: 18rem; }
ul.reasons li { max-width: none; }
.empty { color: var(--muted); font-style: italic; }
.nowrap { white-space: nowrap; }
th.id { min-width: 9.5rem; }
footer { color: var(--muted); font-size: .9rem; margin-top: 3rem; padding-bottom: 2rem; border-top: 1px solid var(--rule); }
@media (max-width: 40rem) {
  body { font-size: 15px; }
  header, main, footer { padding: 0 .6rem; }
  h1 { font-size: 1.45rem; }
  h2 { font-size: 1.2rem; }
  dl.figures dd { font-size: 1.2rem; }
}
@media print {
  @page { margin: 1.5cm; }
  body { font-size: 11pt; }
  header, main, footer { max-width: none; padding: 0; }
  nav.toc, .skip, details > summary { display: none; }
  a { color: inherit; text-decoration: none; }
  h2, h3 { break-after: avoid; }
  figure.chart, dl.figures div, .callout, tr { break-inside: avoid; }
  .table-wrap { overflow: visible; }
  .chart-svg { max-width: 100% !important; }
  th[aria-sort] button::after { content: none; }
}
`;

/**
 * Sorts a table.sortable by the clicked header: numbers by their data-sort value, text by
 * locale order, ties in the original order; aria-sort tells screen readers the order.
 */
export const SORT_SCRIPT = `
(function () {
  var tables = document.querySelectorAll('table.sortable');
  Array.prototype.forEach.call(tables, function (table) {
    var headers = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(headers, function (th, col) {
      var button = th.querySelector('button');
      if (!button) return;
      button.addEventListener('click', function () {
        var ascending = th.getAttribute('aria-sort') !== 'ascending';
        Array.prototype.forEach.call(headers, function (h) { h.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
        var numeric = th.getAttribute('data-type') === 'number';
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        function key(row) {
          var cell = row.cells[col];
          var v = cell.hasAttribute('data-sort') ? cell.getAttribute('data-sort') : cell.textContent;
          return numeric ? (v === '' ? -Infinity : Number(v)) : v;
        }
        rows.sort(function (a, b) {
          var x = key(a), y = key(b);
          var c = numeric ? (x < y ? -1 : x > y ? 1 : 0) : String(x).localeCompare(String(y));
          if (!ascending) c = -c;
          return c || Number(a.getAttribute('data-i')) - Number(b.getAttribute('data-i'));
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  });
})();
`;
