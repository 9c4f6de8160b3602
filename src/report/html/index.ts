/** The HTML report: one self-contained page of an analysis, charts rendered at build time. */
export { renderHtmlReport, type HtmlReportOptions, type ReportSection } from './report.js';
export { renderChartSvg, type ChartDef, type DataTable, type RenderedSvg } from './render-chart.js';
export { commonInteractionsChart, fitChart, funnelChart, interactionChart } from './specs.js';
export { html as escapeHtml } from './escape.js';
export {
  modelSections,
  renderBacktestReport,
  renderModelReport,
  type ModelReportData,
  type ModelReportOptions,
  type ModelSection,
} from './model-sections.js';
export { decayChart, driversChart, gainsChart, reliabilityChart } from './model-specs.js';
