//! The scenario file exactly as written: serde structs with spans, before any checking.
//!
//! `deny_unknown_fields` everywhere, so a misspelt key is an error rather than silently ignored.
//! Numbers users may get wrong are kept as [`Spanned`] so that the checks in
//! [`super::validate`] can point at the offending line.

use indexmap::IndexMap;
use serde::Deserialize;
use toml::Spanned;

/// A name used as a table key (a state, an arm, a destination), with its place in the file.
pub type Key = Spanned<String>;

/// The whole file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawScenario {
    pub name: Option<String>,
    /// Calendar month of month 1, `YYYY-MM`.
    pub start: Option<Spanned<String>>,
    pub months: Spanned<i64>,
    pub trials: Option<Spanned<i64>>,
    pub seed: Option<Spanned<i64>>,
    /// The comparator arm; `baseline` when omitted.
    pub baseline: Option<Key>,
    pub cohort: Spanned<RawCohort>,
    pub states: Spanned<IndexMap<Key, RawState>>,
    #[serde(default)]
    pub transitions: IndexMap<Key, IndexMap<Key, Spanned<f64>>>,
    pub economics: Spanned<RawEconomics>,
    /// The year's income tax rules.
    pub tax: Option<Spanned<RawTax>>,
    /// The perspective of the headline figures.
    pub headline: Option<Spanned<String>>,
    pub prices: Option<Spanned<RawPrices>>,
    pub caseload: Spanned<RawCaseload>,
    pub arms: Spanned<IndexMap<Key, Spanned<RawArm>>>,
    pub refusion: Option<Spanned<RawRefusion>>,
    pub inflow: Option<Spanned<RawInflow>>,
    #[serde(default)]
    pub move_costs: IndexMap<Key, IndexMap<Key, Spanned<f64>>>,
    #[serde(default)]
    pub interventions: IndexMap<Key, Spanned<RawIntervention>>,
    #[serde(default)]
    pub duration: IndexMap<Key, Spanned<RawDuration>>,
    #[serde(default)]
    pub segments: IndexMap<Key, Spanned<RawSegment>>,
    /// `[calendar]`: hazards into a state by calendar year and month of year.
    #[serde(default)]
    pub calendar: IndexMap<Key, Spanned<RawCalendar>>,
    /// `[case]`: how the published case reasoned.
    pub case: Option<Spanned<RawCase>>,
}

/// `[case]`: the published figure, its basis, the case's own arithmetic and expected outcome.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCase {
    pub arm: Option<Key>,
    pub published: Spanned<f64>,
    pub figure: String,
    pub basis: Spanned<String>,
    /// `[from, to]`, 1-based months the figure covers (default: the whole horizon).
    pub months: Option<Spanned<(i64, i64)>>,
    pub saved: Option<Spanned<f64>>,
    pub cost: Option<Spanned<f64>>,
    #[serde(default)]
    pub fewer: IndexMap<Key, Spanned<f64>>,
    pub run_in: Option<Spanned<i64>>,
    pub outcome: Option<Spanned<RawOutcome>>,
    pub missing: Option<String>,
}

/// `outcome = { state = "kontanthjaelp", month = 24, fewer = 30 }` (or `count`, or `share`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOutcome {
    pub state: Key,
    pub month: Spanned<i64>,
    pub fewer: Option<Spanned<f64>>,
    pub count: Option<Spanned<f64>>,
    pub share: Option<Spanned<f64>>,
}

/// `[calendar] <state> = { years = { 2025 = 0.9 }, months = { 7 = 0.8 } }`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCalendar {
    #[serde(default)]
    pub years: IndexMap<Key, Spanned<f64>>,
    #[serde(default)]
    pub months: IndexMap<Key, Spanned<f64>>,
}

/// `[segments.<id>]`: a subgroup of the cohort.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSegment {
    pub label: Option<String>,
    /// Share of the starting cohort.
    pub share: Option<Spanned<f64>>,
    /// Hazard multipliers by destination.
    #[serde(default)]
    pub hazard: IndexMap<Key, Spanned<f64>>,
    /// Own caseload elasticities by destination.
    #[serde(default)]
    pub elasticity: IndexMap<Key, Spanned<f64>>,
    /// Own transition rows.
    #[serde(default)]
    pub transitions: IndexMap<Key, IndexMap<Key, Spanned<f64>>>,
}

/// `[duration.<state>]`: hazards out of the state by completed months in it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDuration {
    /// Band starts, months: 0 first, increasing.
    pub months: Spanned<Vec<i64>>,
    /// Multipliers by destination, one per band.
    pub hazard: IndexMap<Key, Spanned<Vec<f64>>>,
}

/// `[inflow]`: new citizens after month 1.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawInflow {
    /// Poisson mean per month.
    pub mean: Option<Spanned<f64>>,
    /// Exact arrivals by month; the last repeats.
    pub counts: Option<Spanned<Vec<i64>>>,
    pub initial: Spanned<IndexMap<Key, Spanned<f64>>>,
    pub prior_months: Option<Spanned<RawPrior>>,
    /// Shares by segment of the arrivals.
    pub segments: Option<Spanned<IndexMap<Key, Spanned<f64>>>>,
}

/// `[interventions.<id>]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawIntervention {
    pub label: Option<String>,
    pub serves: Spanned<Vec<Key>>,
    /// Only these segments (default: all).
    pub segments: Option<Spanned<Vec<Key>>>,
    pub from: Option<Spanned<i64>>,
    pub to: Option<Spanned<i64>>,
    pub capacity: Option<Spanned<i64>>,
    pub cost_per_month: Option<Spanned<f64>>,
    pub cost_at_entry: Option<Spanned<f64>>,
    pub max_months: Option<Spanned<i64>>,
    #[serde(default)]
    pub effects: IndexMap<Key, Spanned<f64>>,
    pub decay_months: Option<Spanned<i64>>,
    #[serde(default)]
    pub company_based: bool,
    /// `"hazard"` (default) or `"probability"`.
    pub effect_scale: Option<Spanned<String>>,
}

/// `[refusion]`: the trappe as data.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRefusion {
    /// `[[from_week, rate], …]`.
    pub steps: Option<Spanned<Vec<(i64, f64)>>>,
    pub reset_weeks: Option<Spanned<i64>>,
    pub window_months: Option<Spanned<i64>>,
    /// `YYYY-MM`: the first month of the trappe.
    pub in_force: Option<Spanned<String>>,
    /// `YYYY-MM`: time on benefits before it does not count.
    pub count_from: Option<Spanned<String>>,
    /// The refusion before `in_force`.
    pub before: Option<Spanned<RawActivity>>,
}

/// `before = { passive = …, active = … }`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawActivity {
    pub passive: Spanned<f64>,
    pub active: Spanned<f64>,
}

/// `[prices]`: the year of the amounts and their regulation each January.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPrices {
    pub year: Option<Spanned<i64>>,
    pub regulation: Option<Spanned<RawRegulation>>,
}

/// One rate for every year, or rates by year.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum RawRegulation {
    Rate(f64),
    ByYear(IndexMap<String, f64>),
}

/// Prior months on benefits: a number, or a distribution.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum RawPrior {
    Fixed(i64),
    Table { months: Vec<i64>, weights: Vec<f64> },
}

/// `[cohort]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCohort {
    pub size: Option<Spanned<i64>>,
    pub initial: Option<Spanned<IndexMap<Key, Spanned<f64>>>>,
    /// The municipality's extract: one row per citizen or group.
    pub citizens: Option<Spanned<String>>,
    pub prior_months: Option<Spanned<RawPrior>>,
}

/// `[states.<id>]`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawState {
    pub label: Option<String>,
    #[serde(default)]
    pub benefit: Option<Spanned<f64>>,
    pub benefit_taxable: Option<bool>,
    #[serde(default)]
    pub wage: Option<Spanned<f64>>,
    #[serde(default)]
    pub state_benefit: Option<Spanned<f64>>,
    /// Replaced by `wage`; kept only to say so.
    pub income: Option<Spanned<f64>>,
    #[serde(default)]
    pub case: bool,
    #[serde(default)]
    pub refusion: bool,
    #[serde(default)]
    pub self_support: bool,
    pub refusion_before: Option<Spanned<f64>>,
}

/// `[economics]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEconomics {
    pub caseworker_cost: Spanned<f64>,
    #[serde(default)]
    pub discount_rate: Option<Spanned<f64>>,
    pub udligning_keep: Option<Spanned<f64>>,
    /// Moved to `[tax] kommuneskat`; kept only to say so.
    pub tax_rate: Option<Spanned<f64>>,
    /// Replaced by `[tax]`; kept only to say so.
    pub state_tax_rate: Option<Spanned<f64>>,
}

/// `[tax]`: one year's income tax rules (rates as shares, amounts kr. a year).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTax {
    pub kommuneskat: Spanned<f64>,
    pub bundskat: Option<Spanned<f64>>,
    pub sundhedsbidrag: Option<Spanned<f64>>,
    pub am_bidrag: Option<Spanned<f64>>,
    pub personfradrag: Option<Spanned<f64>>,
    pub beskaeftigelsesfradrag: Option<Spanned<RawFradrag>>,
    pub jobfradrag: Option<Spanned<RawFradrag>>,
}

/// A fradrag: `{ rate, max }`, with `threshold` for the jobfradrag.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFradrag {
    pub rate: Spanned<f64>,
    pub threshold: Option<Spanned<f64>>,
    pub max: Spanned<f64>,
}

/// `[caseload]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCaseload {
    pub reference: Spanned<f64>,
    /// `[low, high]`: the caseloads the effect's evidence covers.
    pub valid: Option<Spanned<(f64, f64)>>,
    /// The research's central elasticities, by destination.
    pub evidence: Option<IndexMap<Key, Spanned<f64>>>,
    #[serde(default)]
    pub elasticity: IndexMap<Key, Spanned<f64>>,
}

/// `[arms.<name>]`: exactly one of the two keys.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawArm {
    pub label: Option<String>,
    pub caseload: Option<Spanned<f64>>,
    pub caseworkers: Option<Spanned<f64>>,
    #[serde(default)]
    pub interventions: Vec<Key>,
    /// Later changes of staffing.
    #[serde(default)]
    pub steps: Vec<Spanned<RawStep>>,
    pub phase_in: Option<Spanned<i64>>,
}

/// `{ from = M, caseload = L }`, `{ from = M, caseworkers = W }` or `{ from = M, baseline = true }`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawStep {
    pub from: Spanned<i64>,
    pub caseload: Option<Spanned<f64>>,
    pub caseworkers: Option<Spanned<f64>>,
    #[serde(default)]
    pub baseline: bool,
}
