import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { html } from './escape.js';
import { vegaTextWidth } from './text-width.js';

/** A table of the numbers behind a chart: its text fallback, and what the chart is drawn from. */
export interface DataTable {
  readonly caption: string;
  readonly columns: readonly { readonly title: string; readonly numeric?: boolean }[];
  readonly rows: readonly (readonly string[])[];
}

/**
 * One chart of the report: a Vega-Lite spec with its words. `id` is ours (never the data's):
 * it prefixes every id inside the chart's SVG, so charts on one page cannot clash.
 */
export interface ChartDef {
  readonly id: string;
  readonly title: string;
  /** The text alternative: what the chart shows and what to read from it, in sentences. */
  readonly description: string;
  readonly spec: TopLevelSpec;
  readonly table: DataTable;
}

export interface RenderedSvg {
  readonly svg: string;
  /** Warnings of Vega-Lite's compiler and Vega's runtime; tests require none. */
  readonly warnings: readonly string[];
}

/**
 * Compiles the Vega-Lite spec and renders it to SVG in Node (no DOM, no canvas), then makes the
 * SVG fit the page: scalable (viewBox, no fixed size), titled and described for screen
 * readers, ids prefixed by the chart's id and renumbered so the output is the same however
 * many charts were rendered before, and coordinates rounded to 1/100 px.
 */
export async function renderChartSvg(chart: ChartDef): Promise<RenderedSvg> {
  const warnings: string[] = [];
  const logger = collectingLogger(warnings);
  const vgSpec = compile(chart.spec, { logger }).spec;
  const restore = useTableTextWidths();
  try {
    const view = new vega.View(vega.parse(vgSpec), {
      renderer: 'none',
      loader: noLoader(),
      logger,
      logLevel: vega.Warn,
    });
    try {
      const raw = await view.toSVG();
      return { svg: finishSvg(raw, chart), warnings };
    } finally {
      view.finalize();
    }
  } finally {
    restore();
  }
}

type WidthFn = (item: object, text?: unknown) => number;
/** Vega's text measurer, exported at run time though its typings omit it. */
const textMetrics = (vega as unknown as { textMetrics: { width: WidthFn } }).textMetrics;
let measuring = 0;
let vegasOwn: WidthFn | undefined;

/**
 * While charts render, Vega measures text with the width table of text-width.ts instead of its
 * 0.8 em guess (the hook vl-convert uses too); Vega's own measurer is put back afterwards, also
 * when several renders overlap.
 */
function useTableTextWidths(): () => void {
  if (measuring++ === 0) {
    vegasOwn = textMetrics.width;
    textMetrics.width = vegaTextWidth as WidthFn;
  }
  return () => {
    if (--measuring === 0 && vegasOwn) textMetrics.width = vegasOwn;
  };
}

/** The report opens offline: the charts' data is inline, and nothing may be fetched. */
function noLoader(): vega.Loader {
  const refuse = (uri: string) => Promise.reject(new Error(`the report loads nothing (asked for ${uri})`));
  const base = vega.loader();
  return {
    ...base,
    load: refuse,
    sanitize: refuse,
    http: refuse,
    file: refuse,
  };
}

function collectingLogger(warnings: string[]): vega.LoggerInterface {
  let level = vega.Warn;
  const logger: vega.LoggerInterface = {
    level(value?: number) {
      if (value === undefined) return level as never;
      level = value;
      return logger as never;
    },
    error(...args: readonly unknown[]) {
      throw new Error(`chart rendering failed: ${args.map(String).join(' ')}`);
    },
    warn(...args: readonly unknown[]) {
      warnings.push(args.map(String).join(' '));
      return logger;
    },
    info() {
      return logger;
    },
    debug() {
      return logger;
    },
  };
  return logger;
}

const NUMERIC_ATTRIBUTES = /\s(d|transform|x|y|x1|x2|y1|y2|width|height|r|cx|cy|points|viewBox)="([^"]*)"/g;

/** Rounds numbers with more than two decimals inside geometry attributes (not text). */
function roundGeometry(svg: string): string {
  return svg.replace(NUMERIC_ATTRIBUTES, (_m, name: string, value: string) => {
    const rounded = value.replace(/-?\d+\.\d{3,}(e-?\d+)?/g, (n) => {
      const r = Math.round(Number(n) * 100) / 100;
      return String(Object.is(r, -0) ? 0 : r);
    });
    return ` ${name}="${rounded}"`;
  });
}

/** Charts are laid out for a phone's width; on wider screens they may grow by this much. */
const SCALE_UP = 1.4;

function finishSvg(raw: string, chart: ChartDef): string {
  let svg = roundGeometry(raw);
  // Ids from Vega's global counters (clip paths, gradients): renumber per chart, in order of
  // appearance, under the chart's own prefix.
  const ids = new Map<string, string>();
  for (const m of svg.matchAll(/\sid="([^"]+)"/g)) {
    if (!ids.has(m[1]!)) ids.set(m[1]!, `${chart.id}-g${ids.size + 1}`);
  }
  for (const [from, to] of ids) {
    svg = svg.replaceAll(`id="${from}"`, `id="${to}"`).replaceAll(`url(#${from})`, `url(#${to})`);
  }
  const open = /^<svg\b[^>]*>/.exec(svg);
  if (!open) throw new Error('Vega returned no SVG element');
  const viewBox = /viewBox="([^"]+)"/.exec(open[0])?.[1];
  const width = /\swidth="([^"]+)"/.exec(open[0])?.[1];
  if (!viewBox || !width) throw new Error('Vega SVG without a size');
  const titleId = `${chart.id}-title`;
  const descId = `${chart.id}-desc`;
  // role="img": a screen reader announces the title and description, not every mark; the
  // numbers are in the table that follows the chart.
  const head =
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg" viewBox="${viewBox}" ` +
    `style="max-width:${Math.round(Number(width) * SCALE_UP)}px" role="img" aria-labelledby="${titleId}" ` +
    `aria-describedby="${descId}" focusable="false">` +
    `<title id="${titleId}">${html(chart.title)}</title>` +
    `<desc id="${descId}">${html(chart.description)}</desc>`;
  return head + svg.slice(open[0].length);
}
