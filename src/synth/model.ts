/**
 * The generative model of the synthetic B2B funnel, as plain data. Everything the generator
 * draws and everything the exact truth sums over is described here, so a test or a report
 * can print the model next to the numbers it implies.
 *
 * The causal story, per lead:
 * 1. The lead's account has a fit segment: industry × employee band × country, drawn
 *    independently by `share`. An account has 1 + Geometric(`extraLeadsMean` of its band)
 *    leads, so big companies contribute more leads than their share of accounts.
 * 2. The lead has a source and a job title, drawn by `share` independently of the account.
 *    The job title has no effect on anything: a deliberate null attribute.
 * 3. A discrete latent intent (cold < warm < hot) follows an ordered logit in
 *    η = Σ `intentLogit` of industry, band, country and source:
 *    P(intent ≥ warm) = σ(cutpoints.warm + η), P(intent = hot) = σ(cutpoints.hot + η).
 * 4. The lead wins with σ(`winLogit`[intent] + Σ `winLogit` of industry, band, country).
 *    Source acts only through intent.
 * 5. Each interaction type happens, independently given the intent, with
 *    `probability`[intent]; when it happens it happens 1 + Geometric(m) times, m scaled so a
 *    lead has `meanInteractionsPerLead` interactions on average. Counts never change who
 *    wins, so the close rates do not depend on that scale.
 * 6. A lead that does not win gets a lost deal with probability `lostShare`, otherwise no
 *    deal ever (it stays in nurture). Timing is in `timing`.
 */

/** The latent buying intent of a lead, from least to most likely to buy. */
export type Intent = 'cold' | 'warm' | 'hot';

/** The intents in their order. */
export const INTENTS: readonly Intent[] = ['cold', 'warm', 'hot'];

/** The interaction types, by their exact names in `interactions.csv`. */
export const INTERACTION_TYPES = [
  'page_view',
  'email_open',
  'email_click',
  'white_paper_download',
  'webinar_attended',
  'case_study_view',
  'free_trial_signup',
  'pricing_page_view',
  'contact_sales_form',
  'demo_request',
] as const;

/** One of the ten interaction types. */
export type InteractionType = (typeof INTERACTION_TYPES)[number];

/** A value of a fit attribute: how common it is and how it moves intent and winning. */
export interface FitValue {
  readonly value: string;
  /** Relative frequency among accounts (normalised over the attribute's values). */
  readonly share: number;
  /** Added to the intent log-odds η. */
  readonly intentLogit: number;
  /** Added to the win log-odds. */
  readonly winLogit: number;
}

/** An industry, which also sets the revenue scale of its accounts. */
export interface IndustryValue extends FitValue {
  /** Median annual revenue per employee, in currency units. */
  readonly revenuePerEmployee: number;
}

/**
 * An employee size band: [min, max] employees, inclusive. Within a band the head count is
 * log-uniform, and only the band enters the win probability, so the truth stays exact while
 * `employees` is a realistic, roughly log-normal number.
 */
export interface EmployeeBand extends FitValue {
  readonly min: number;
  readonly max: number;
  /** Mean number of leads per account beyond the first. */
  readonly extraLeadsMean: number;
  /** Median deal amount, in currency units. */
  readonly dealMedian: number;
}

/** A lead source: it acts on intent only. */
export interface SourceValue {
  readonly value: string;
  readonly share: number;
  readonly intentLogit: number;
}

/** A job title: how common it is, and nothing else. */
export interface TitleValue {
  readonly value: string;
  readonly share: number;
}

/** How a given interaction type arises and looks. */
export interface InteractionSpec {
  readonly type: InteractionType;
  /** P(the lead does this type at least once | intent). */
  readonly probability: Readonly<Record<Intent, number>>;
  /** Relative mean of the extra repeats when it happens (before activity scaling). */
  readonly repeatMean: number;
  /**
   * Where in the lead's active window it tends to fall: the position is U^(1/lateness),
   * so 1 is uniform and larger values push the type toward the decision, as bottom-of-funnel
   * actions are.
   */
  readonly lateness: number;
  /** Values of the `detail` column, drawn uniformly. */
  readonly details: readonly string[];
}

/** A log-normal duration in days, truncated by redrawing at `maxDays`. */
export interface DurationSpec {
  readonly medianDays: number;
  /** Standard deviation of the log duration. */
  readonly sigma: number;
  readonly maxDays: number;
}

/** When things happen around a lead's decision. */
export interface TimingSpec {
  /** Lead creation to a won deal's close. */
  readonly wonCycle: DurationSpec;
  /** Lead creation to a lost deal's close. */
  readonly lostCycle: DurationSpec;
  /**
   * The deal is created this fraction of the way from the lead's creation to its close,
   * drawn uniformly in [min, max].
   */
  readonly dealCreatedFraction: { readonly min: number; readonly max: number };
  /** A lead that never gets a deal interacts only within this many days of its creation. */
  readonly nurtureWindowDays: number;
}

/** The whole generative model; see the module comment for how the parts combine. */
export interface FunnelModel {
  readonly industries: readonly IndustryValue[];
  readonly employeeBands: readonly EmployeeBand[];
  readonly countries: readonly FitValue[];
  readonly sources: readonly SourceValue[];
  readonly jobTitles: readonly TitleValue[];
  readonly intent: {
    /** Ordered-logit cut points; `hot` must be below `warm`. */
    readonly cutpoints: { readonly warm: number; readonly hot: number };
    /** Win log-odds intercept per intent. */
    readonly winLogit: Readonly<Record<Intent, number>>;
    /** Multiplies the repeat means: keen leads come back more often. */
    readonly activity: Readonly<Record<Intent, number>>;
  };
  readonly interactions: readonly InteractionSpec[];
  /** Average interactions per lead over its whole life (before the as-of cut). */
  readonly meanInteractionsPerLead: number;
  /** Share of non-winning leads that get a lost deal; the rest never get a deal. */
  readonly lostShare: number;
  readonly timing: TimingSpec;
  /** Standard deviation of log deal amount around the band's median. */
  readonly dealAmountSigma: number;
  /** Standard deviation of log revenue around employees × revenue per employee. */
  readonly revenueSigma: number;
}

/**
 * The default model. Its exact close rates (see `trueCloseRates`) are: base 2.43 %; the
 * content and email types 1.76–1.89 %; free_trial_signup 5.2 % and pricing_page_view 4.5 %;
 * contact_sales_form 10.6 % and demo_request 11.3 %; software (4.4 %), financial_services
 * (4.0 %) and the 200–999 band (4.6 %) clearly over-represented among winners. Leads average
 * 20 interactions over their lives; 87 % view a page, 3.5 % request a demo.
 *
 * High-intent leads leave a thinner marketing footprint in this model (they talk to sales
 * rather than read newsletters), which is why the common types close below the base rate,
 * as they do in real CRM data.
 */
export const DEFAULT_FUNNEL_MODEL: FunnelModel = {
  industries: [
    {
      value: 'software',
      share: 0.18,
      intentLogit: 0.3,
      winLogit: 0.6,
      revenuePerEmployee: 250_000,
    },
    {
      value: 'financial_services',
      share: 0.1,
      intentLogit: 0.2,
      winLogit: 0.55,
      revenuePerEmployee: 400_000,
    },
    {
      value: 'healthcare',
      share: 0.12,
      intentLogit: 0,
      winLogit: -0.1,
      revenuePerEmployee: 150_000,
    },
    {
      value: 'manufacturing',
      share: 0.14,
      intentLogit: -0.1,
      winLogit: -0.1,
      revenuePerEmployee: 300_000,
    },
    {
      value: 'retail',
      share: 0.12,
      intentLogit: -0.2,
      winLogit: -0.3,
      revenuePerEmployee: 200_000,
    },
    {
      value: 'professional_services',
      share: 0.14,
      intentLogit: 0,
      winLogit: 0,
      revenuePerEmployee: 180_000,
    },
    {
      value: 'education',
      share: 0.1,
      intentLogit: -0.3,
      winLogit: -0.5,
      revenuePerEmployee: 90_000,
    },
    {
      value: 'public_sector',
      share: 0.1,
      intentLogit: -0.2,
      winLogit: -0.6,
      revenuePerEmployee: 120_000,
    },
  ],
  employeeBands: [
    {
      value: '1-49',
      min: 1,
      max: 49,
      share: 0.38,
      intentLogit: -0.4,
      winLogit: -0.6,
      extraLeadsMean: 0.2,
      dealMedian: 6_000,
    },
    {
      value: '50-199',
      min: 50,
      max: 199,
      share: 0.27,
      intentLogit: 0,
      winLogit: 0,
      extraLeadsMean: 0.4,
      dealMedian: 15_000,
    },
    {
      value: '200-999',
      min: 200,
      max: 999,
      share: 0.19,
      intentLogit: 0.3,
      winLogit: 0.6,
      extraLeadsMean: 0.8,
      dealMedian: 40_000,
    },
    {
      value: '1000-4999',
      min: 1000,
      max: 4999,
      share: 0.1,
      intentLogit: 0.2,
      winLogit: 0.1,
      extraLeadsMean: 1.5,
      dealMedian: 90_000,
    },
    {
      value: '5000+',
      min: 5000,
      max: 100_000,
      share: 0.06,
      intentLogit: 0.1,
      winLogit: -0.4,
      extraLeadsMean: 2.5,
      dealMedian: 200_000,
    },
  ],
  countries: [
    { value: 'US', share: 0.4, intentLogit: 0.1, winLogit: 0.15 },
    { value: 'GB', share: 0.15, intentLogit: 0, winLogit: 0.05 },
    { value: 'DE', share: 0.13, intentLogit: 0, winLogit: 0 },
    { value: 'FR', share: 0.1, intentLogit: -0.1, winLogit: -0.15 },
    { value: 'CA', share: 0.12, intentLogit: 0, winLogit: 0.05 },
    { value: 'AU', share: 0.1, intentLogit: 0, winLogit: -0.05 },
  ],
  sources: [
    { value: 'organic', share: 0.28, intentLogit: 0 },
    { value: 'paid_search', share: 0.26, intentLogit: -0.3 },
    { value: 'social', share: 0.1, intentLogit: -0.5 },
    { value: 'event', share: 0.14, intentLogit: 0.2 },
    { value: 'referral', share: 0.1, intentLogit: 0.9 },
    { value: 'partner', share: 0.12, intentLogit: 0.6 },
  ],
  jobTitles: [
    { value: 'Marketing Manager', share: 0.14 },
    { value: 'Head of Marketing', share: 0.08 },
    { value: 'VP Sales', share: 0.06 },
    { value: 'Sales Operations Manager', share: 0.08 },
    { value: 'Chief Executive Officer', share: 0.05 },
    { value: 'Chief Technology Officer', share: 0.04 },
    { value: 'Director, IT', share: 0.07 },
    { value: 'Software Engineer', share: 0.1 },
    { value: 'Operations Manager', share: 0.09 },
    { value: 'Business Analyst', share: 0.09 },
    { value: 'Consultant', share: 0.08 },
    { value: 'Student', share: 0.04 },
    { value: 'Founder', share: 0.04 },
    { value: 'Procurement Specialist', share: 0.04 },
  ],
  intent: {
    cutpoints: { warm: -0.85, hot: -2.6 },
    winLogit: { cold: -5.0, warm: -3.75, hot: -2.0 },
    activity: { cold: 0.8, warm: 1.2, hot: 1.5 },
  },
  interactions: [
    {
      type: 'page_view',
      probability: { cold: 0.92, warm: 0.88, hot: 0.45 },
      repeatMean: 8,
      lateness: 1,
      details: [
        '/',
        '/product',
        '/integrations',
        '/blog/lead-scoring-basics',
        '/blog/pipeline-hygiene',
        '/docs/getting-started',
        '/about',
      ],
    },
    {
      type: 'email_open',
      probability: { cold: 0.8, warm: 0.72, hot: 0.35 },
      repeatMean: 5,
      lateness: 1,
      details: ['monthly_newsletter', 'product_update', 'nurture_1', 'nurture_2', 'nurture_3'],
    },
    {
      type: 'email_click',
      probability: { cold: 0.35, warm: 0.4, hot: 0.12 },
      repeatMean: 1.5,
      lateness: 1,
      details: ['monthly_newsletter', 'product_update', 'nurture_1', 'nurture_2', 'nurture_3'],
    },
    {
      type: 'white_paper_download',
      probability: { cold: 0.18, warm: 0.25, hot: 0.06 },
      repeatMean: 0.3,
      lateness: 1,
      details: [
        'State of B2B Pipeline Report',
        'Lead Scoring: A Practical Guide',
        'ROI Calculator Workbook',
      ],
    },
    {
      type: 'webinar_attended',
      probability: { cold: 0.08, warm: 0.12, hot: 0.03 },
      repeatMean: 0.2,
      lateness: 1,
      details: [
        'Scaling pipeline, part 1',
        'Scaling pipeline, part 2',
        'Product deep dive: "fit" scoring',
      ],
    },
    {
      type: 'case_study_view',
      probability: { cold: 0.12, warm: 0.16, hot: 0.05 },
      repeatMean: 0.5,
      lateness: 1.3,
      details: [
        '/customers/acme-logistics',
        '/customers/northwind-bank',
        '/customers/globex-health',
      ],
    },
    {
      type: 'free_trial_signup',
      probability: { cold: 0.04, warm: 0.15, hot: 0.25 },
      repeatMean: 0.05,
      lateness: 1.5,
      details: ['starter', 'team'],
    },
    {
      type: 'pricing_page_view',
      probability: { cold: 0.12, warm: 0.35, hot: 0.5 },
      repeatMean: 1.5,
      lateness: 1.8,
      details: ['/pricing', '/pricing/enterprise', '/pricing/compare'],
    },
    {
      type: 'contact_sales_form',
      probability: { cold: 0.005, warm: 0.03, hot: 0.25 },
      repeatMean: 0.1,
      lateness: 2.5,
      details: ['general_inquiry', 'pricing_question', 'procurement'],
    },
    {
      type: 'demo_request',
      probability: { cold: 0.004, warm: 0.03, hot: 0.3 },
      repeatMean: 0.1,
      lateness: 2.5,
      details: ['website_form', 'chat', 'event_booth'],
    },
  ],
  meanInteractionsPerLead: 20,
  lostShare: 0.4,
  timing: {
    wonCycle: { medianDays: 35, sigma: 0.9, maxDays: 365 },
    lostCycle: { medianDays: 50, sigma: 0.9, maxDays: 365 },
    dealCreatedFraction: { min: 0.15, max: 0.6 },
    nurtureWindowDays: 90,
  },
  dealAmountSigma: 0.6,
  revenueSigma: 0.5,
};

/**
 * Days after which every lead's outcome is settled: no deal closes and no nurture window
 * ends later than this after the lead's creation. Leads created at least this long before
 * the as-of instant therefore have complete histories in the export.
 */
export function maturityDays(model: FunnelModel): number {
  const t = model.timing;
  return Math.max(t.wonCycle.maxDays, t.lostCycle.maxDays, t.nurtureWindowDays);
}

/** values[index], or a RangeError: for indices drawn from the model's own lists. */
export function valueAt<T>(values: readonly T[], index: number): T {
  const value = values[index];
  if (value === undefined) throw new RangeError(`index ${index} is outside the model's values`);
  return value;
}

/** The index of the employee band that contains `employees`, or -1 if none does. */
export function employeeBandIndex(model: FunnelModel, employees: number): number {
  return model.employeeBands.findIndex((b) => employees >= b.min && employees <= b.max);
}

/**
 * Checks that a model is usable, throwing a RangeError that names the first problem. The
 * generator and the truth both call it, so a bad model fails before any row is written.
 */
export function validateFunnelModel(model: FunnelModel): void {
  const fail = (what: string): never => {
    throw new RangeError(`invalid funnel model: ${what}`);
  };
  const checkShares = (name: string, values: readonly { share: number; value: string }[]) => {
    if (values.length === 0) fail(`${name} is empty`);
    if (new Set(values.map((v) => v.value)).size !== values.length) {
      fail(`${name} has duplicate values`);
    }
    for (const v of values) {
      if (!(v.share >= 0 && Number.isFinite(v.share))) fail(`${name} ${v.value}: bad share`);
    }
    if (!(values.reduce((s, v) => s + v.share, 0) > 0)) fail(`${name}: shares sum to 0`);
  };
  checkShares('industries', model.industries);
  checkShares('employeeBands', model.employeeBands);
  checkShares('countries', model.countries);
  checkShares('sources', model.sources);
  checkShares('jobTitles', model.jobTitles);
  let previousMax = 0;
  for (const b of model.employeeBands) {
    const ok = Number.isInteger(b.min) && Number.isInteger(b.max) && b.min > previousMax;
    if (!ok || b.max < b.min) fail(`employee band ${b.value} must follow the previous band`);
    if (!(b.extraLeadsMean >= 0 && b.dealMedian > 0)) fail(`employee band ${b.value}`);
    previousMax = b.max;
  }
  if (!(model.intent.cutpoints.hot < model.intent.cutpoints.warm)) {
    fail('intent.cutpoints.hot must be below intent.cutpoints.warm');
  }
  for (const intent of INTENTS) {
    if (!(model.intent.activity[intent] >= 0)) fail(`intent.activity.${intent}`);
  }
  const seen = new Set<string>();
  for (const spec of model.interactions) {
    if (seen.has(spec.type)) fail(`interaction ${spec.type} listed twice`);
    seen.add(spec.type);
    for (const intent of INTENTS) {
      const p = spec.probability[intent];
      if (!(p >= 0 && p <= 1)) fail(`interaction ${spec.type}: probability.${intent}`);
    }
    if (!(spec.repeatMean >= 0 && spec.lateness > 0 && spec.details.length > 0)) {
      fail(`interaction ${spec.type}: repeatMean, lateness or details`);
    }
  }
  for (const type of INTERACTION_TYPES) {
    if (!seen.has(type)) fail(`interaction ${type} missing`);
  }
  if (!(model.meanInteractionsPerLead >= 0)) fail('meanInteractionsPerLead');
  if (!(model.lostShare >= 0 && model.lostShare <= 1)) fail('lostShare');
  const t = model.timing;
  for (const [name, d] of [
    ['wonCycle', t.wonCycle],
    ['lostCycle', t.lostCycle],
  ] as const) {
    // The redraw must succeed reasonably often, and a cycle must leave room for a deal.
    if (!(d.medianDays >= 1 && d.sigma >= 0 && d.maxDays >= d.medianDays)) {
      fail(`timing.${name}`);
    }
  }
  const f = t.dealCreatedFraction;
  if (!(f.min > 0 && f.max < 1 && f.min <= f.max)) fail('timing.dealCreatedFraction');
  if (!(t.nurtureWindowDays >= 1)) fail('timing.nurtureWindowDays');
  if (!(model.dealAmountSigma >= 0 && model.revenueSigma >= 0)) fail('sigmas');
}
