//! The checked, compiled scenario the engine runs: states by index, probabilities as a matrix.
//!
//! Invariants (established by [`crate::scenario::load`] and relied on everywhere else):
//! - `1 ≤ states.len() ≤ MAX_STATES`; a state's index is its position in the file;
//! - `transitions[i][j] ∈ [0, 1)`, `transitions[i][i] = 0`, `Σ_j transitions[i][j] < 1`;
//! - `initial_counts` sums to `cohort_size ≥ 1`;
//! - amounts (kr.) are finite and ≥ 0; `reference > 0`; every arm's staffing value > 0;
//! - `arms[0]` is the baseline.

mod case;
mod duration;
mod labels;
mod lint;
mod prices;
mod seasons;
mod segments;
mod staffing;

pub use crate::calendar::YearMonth;
pub use crate::perspective::Perspective;
use crate::tax::TaxRules;
pub use case::{Basis, Case, Outcome, Target};
pub use duration::{Duration, MAX_BANDS};
pub use labels::parameter_label;
pub use lint::lint;
pub use prices::Prices;
pub use seasons::Calendar;
pub use segments::{CohortFile, Segment, StartGroup};
pub use staffing::{Arm, StaffMonth, Staffing, Step, describe_arm_staffing, describe_staffing};

/// The largest amount a scenario may state, kr. (a month's benefit, a caseworker-year, a
/// one-off cost): far above any real one, low enough that sums over citizens, months and
/// trials stay exact in `f64` and whole øre fit `i64`.
pub const MAX_KR: f64 = 1e9;

/// The range of a caseload elasticity: |e| ≤ 10 (the research finds ≈ 0.1; at 10 a halved
/// caseload multiplies a hazard by 1,024).
pub const MAX_ELASTICITY: f64 = 10.0;

/// Staffing values (caseload, caseworkers, the reference caseload) lie in
/// [`MIN_STAFFING`], [`MAX_STAFFING`], so caseworkers = cases / caseload stays finite.
pub const MIN_STAFFING: f64 = 0.01;
/// See [`MIN_STAFFING`].
pub const MAX_STAFFING: f64 = 1e6;

/// Months on benefits before month 1 (`prior_months`): at most 100 years.
pub const MAX_PRIOR_MONTHS: i64 = 1200;

/// The most states a scenario may define (state indices are stored as `u8` in the engine).
pub const MAX_STATES: usize = 32;

/// A state a citizen can be in for a month.
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    /// The ASCII id used in the file and in CSV column values, e.g. `kontanthjaelp`.
    pub id: String,
    /// A human label (may be Danish), e.g. `Kontanthjælp, aktivitetsparat`.
    pub label: String,
    /// kr. per month the municipality pays while a citizen is in the state.
    pub benefit: f64,
    /// Whether the benefit is taxable personal income (true for every Danish forsørgelses-
    /// ydelse: kontanthjælp, førtidspension, ledighedsydelse, fleksløntilskud, …).
    pub benefit_taxable: bool,
    /// Gross wage, kr. per month (AM-bidrag and beskæftigelsesfradrag apply).
    pub wage: f64,
    /// kr. per month the state pays (SU), taxable.
    pub state_benefit: f64,
    /// Whether the state occupies caseworkers (counts toward the caseload).
    pub case: bool,
    /// Whether the benefit is covered by the refusionstrappe (the state refunds part of it)
    /// and months in the state count on the citizen's refusion clock.
    pub refusion: bool,
    /// Whether a month in the state counts as self-support for § 6 (job, uddannelse: yes;
    /// fleksjob: no, it is subsidised).
    pub self_support: bool,
    /// A flat share refunded before the trappe (førtidspension: 35 %), instead of the
    /// activity rule's passive and active shares.
    pub refusion_before: Option<f64>,
}

/// Money parameters.
#[derive(Debug, Clone, PartialEq)]
pub struct Economics {
    /// The year's income tax rules.
    pub tax: TaxRules,
    /// Share of a change in kommuneskat the municipality keeps after udligning, in [0, 1]
    /// (landsudligning equalises 75 % of a gap in tax base, so 0.25 by default).
    pub udligning_keep: f64,
    /// kr. per caseworker-year, salary and overhead.
    pub caseworker_cost: f64,
    /// Annual discount rate r; month t is weighted by (1 + r)^(−t/12).
    pub discount_rate: f64,
}

/// How the caseload scales exit hazards out of case states.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseloadEffect {
    /// The caseload at which the scenario's transition probabilities hold.
    pub reference: f64,
    /// Elasticity by destination state index (0 where the file gives none): the hazard of
    /// moving to `j` is multiplied by (reference / caseload)^elasticity[j].
    pub elasticity: Vec<f64>,
    /// The caseloads the evidence covers, `(low, high)`: outside them the effect is held at
    /// its value at the nearest edge rather than extrapolated.
    pub valid: (f64, f64),
    /// The elasticities at the centre of the research evidence, by destination, when the
    /// scenario (or its base file) states them: `run` shows the result at them beside the
    /// scenario's own.
    pub evidence: Option<Vec<f64>>,
}

/// The caseloads the studies behind the default effect cover: from the 25–40 Dansk
/// Socialrådgiverforening recommends for aktivitetsparate to the ~150 of the German pilots
/// (docs/evidence.md).
pub const VALID_CASELOAD: (f64, f64) = (25.0, 150.0);

impl CaseloadEffect {
    /// The caseload the effect is computed at: `caseload` held inside [`CaseloadEffect::valid`].
    pub fn held(&self, caseload: f64) -> f64 {
        caseload.clamp(self.valid.0, self.valid.1)
    }

    /// Hazard multipliers by destination for a month run at `caseload` (> 0), held inside
    /// the valid range, with `elasticity` by destination (the model's, or a segment's own).
    /// All exactly 1.0 when the held caseload is the reference.
    pub fn multipliers(&self, elasticity: &[f64], caseload: f64, out: &mut [f64]) {
        let ratio = self.reference / self.held(caseload);
        for (m, &e) in out.iter_mut().zip(elasticity) {
            *m = if e == 0.0 || ratio == 1.0 {
                1.0
            } else {
                ratio.powf(e)
            };
        }
    }
}

/// Citizens' months on covered benefits before month 1 (their refusion clock at the start).
#[derive(Debug, Clone, PartialEq)]
pub enum Prior {
    /// Everyone starts with the same number of months.
    Fixed(u32),
    /// Months drawn per citizen from a discrete distribution: `(months, probability)`,
    /// probabilities summing to 1.
    Table(Vec<(u32, f64)>),
}

/// How many new citizens arrive each month.
#[derive(Debug, Clone, PartialEq)]
pub enum Arrivals {
    /// Poisson with this mean, every month.
    Poisson(f64),
    /// Exactly these numbers, month 1 first; the last repeats past the end of the list.
    Counts(Vec<u32>),
}

/// An open cohort: citizens arriving after month 1.
#[derive(Debug, Clone, PartialEq)]
pub struct Inflow {
    /// Arrivals per month.
    pub arrivals: Arrivals,
    /// Shares by state of the arrivals' first state (sum 1).
    pub initial: Vec<f64>,
    /// Arrivals' months on covered benefits before they arrive.
    pub prior: Prior,
    /// Shares by segment of the arrivals (empty: all in segment 0).
    pub segments: Vec<f64>,
}

/// A service offered to citizens in some states: costs money, multiplies hazards.
#[derive(Debug, Clone, PartialEq)]
pub struct Intervention {
    /// Id from the file.
    pub id: String,
    /// Human label.
    pub label: String,
    /// Served states, by state index.
    pub serves: Vec<bool>,
    /// Served segments, by segment index (empty: every segment).
    pub segments: Vec<bool>,
    /// First and last active month (1-based, inclusive).
    pub from: u32,
    /// Last active month.
    pub to: u32,
    /// Most participants at once (`u32::MAX` when unlimited).
    pub capacity: u32,
    /// kr. per participant-month.
    pub cost_per_month: f64,
    /// kr. once, at entry.
    pub cost_at_entry: f64,
    /// Longest participation, months (`u32::MAX` when unlimited).
    pub max_months: u32,
    /// Hazard ratio by destination state (1 = no effect) on moves out of served states.
    pub effects: Vec<f64>,
    /// Months over which the effect fades after leaving: k months after leaving the ratio is
    /// HR^(1 − k/(decay_months + 1)); 0 means it stops at once.
    pub decay_months: u32,
    /// A company-based offer (virksomhedspraktik, løntilskud): before the trappe (2016) its
    /// participants' benefits are refunded at the activity rule's higher, active share.
    pub company_based: bool,
    /// How `effects` act: on hazards (false: λ' = HR · λ) or, as relative risks, on the
    /// monthly probabilities (true: p' = RR · p, the rest of the row stays).
    pub on_probability: bool,
}

impl Intervention {
    /// Whether the intervention serves citizens of segment `seg`.
    pub fn serves_segment(&self, seg: usize) -> bool {
        self.segments.get(seg).copied().unwrap_or(true)
    }
}

/// A checked scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// Scenario name, for headings.
    pub name: String,
    /// Horizon H in months; months are numbered 1..=H.
    pub months: u32,
    /// Default number of trials.
    pub trials: u32,
    /// Default master seed.
    pub seed: u64,
    /// States by index.
    pub states: Vec<State>,
    /// Citizens in the cohort.
    pub cohort_size: u32,
    /// Citizens per state at the start of month 1 (largest-remainder rounding of the shares).
    pub initial_counts: Vec<u32>,
    /// Monthly transition probabilities at the reference caseload, `[from][to]`.
    pub transitions: Vec<Vec<f64>>,
    /// Duration dependence of each state's exits (one band of 1s for most states).
    pub duration: Vec<Duration>,
    /// Segments of the cohort (empty: one, the model itself).
    pub segments: Vec<Segment>,
    /// The starting cohort, group by group in the order citizens are numbered.
    pub cohort: Vec<StartGroup>,
    /// The file the starting cohort was read from, if any.
    pub cohort_file: Option<CohortFile>,
    /// Calendar effects on hazards (none by default).
    pub calendar: Calendar,
    /// Money.
    pub economics: Economics,
    /// The refusionstrappe and its § 6 reset.
    pub refusion: crate::refusion::Trappe,
    /// Prior months on covered benefits of the starting cohort.
    pub prior: Prior,
    /// Calendar month of simulated month 1, if given (budget years need it).
    pub start: Option<YearMonth>,
    /// One-off kr. to the municipality when a citizen moves `[from][to]` (negative: a gain).
    pub move_costs: Vec<Vec<f64>>,
    /// New citizens after month 1, if any.
    pub inflow: Option<Inflow>,
    /// Interventions arms may run.
    pub interventions: Vec<Intervention>,
    /// Caseload effect on hazards.
    pub caseload: CaseloadEffect,
    /// Arms; `arms[0]` is the baseline.
    pub arms: Vec<Arm>,
    /// The perspective of the headline figures (terminal summary, report, sweep's best point).
    pub headline: Perspective,
    /// How the published case this scenario models reasoned, if it states one (`[case]`).
    pub case: Option<Case>,
    /// The price level of the amounts and their regulation.
    pub prices: Prices,
}

impl Model {
    /// Index of the state with id `id`.
    pub fn state_index(&self, id: &str) -> Option<usize> {
        self.states.iter().position(|s| s.id == id)
    }

    /// The most duration bands of any state (1 without duration dependence): the engine's
    /// rows come in this many groups.
    pub fn bands(&self) -> usize {
        self.duration
            .iter()
            .map(|d| d.starts.len())
            .max()
            .unwrap_or(1)
    }

    /// Citizens in case states (c_t) among `counts` by state.
    pub fn cases(&self, counts: &[u32]) -> u32 {
        let case = counts.iter().zip(&self.states).filter(|(_, s)| s.case);
        case.map(|(&c, _)| c).sum()
    }

    /// Citizens of segment `g` in the starting cohort.
    pub fn segment_size(&self, g: usize) -> u32 {
        let own = self.cohort.iter().filter(|c| c.segment == g);
        own.map(|c| c.count).sum()
    }

    /// Segments (1 without `[segments]`).
    pub fn segment_count(&self) -> usize {
        self.segments.len().max(1)
    }

    /// The transition row of state `s` for citizens of segment `seg`.
    pub fn row(&self, seg: usize, s: usize) -> &[f64] {
        match self.segments.get(seg).and_then(|g| g.rows[s].as_ref()) {
            Some(row) => row,
            None => &self.transitions[s],
        }
    }

    /// The caseload elasticities by destination of segment `seg`.
    pub fn elasticity(&self, seg: usize) -> &[f64] {
        match self.segments.get(seg).and_then(|g| g.elasticity.as_ref()) {
            Some(e) => e,
            None => &self.caseload.elasticity,
        }
    }

    /// The hazard multiplier of segment `seg` on moves into `j`.
    pub fn segment_hazard(&self, seg: usize, j: usize) -> f64 {
        self.segments.get(seg).map_or(1.0, |g| g.hazard[j])
    }

    /// Index of the intervention with id `id`.
    pub fn intervention_index(&self, id: &str) -> Option<usize> {
        self.interventions.iter().position(|i| i.id == id)
    }

    /// Index of the arm named `name`.
    pub fn arm_index(&self, name: &str) -> Option<usize> {
        self.arms.iter().position(|a| a.name == name)
    }

    /// Discount factor of month t (1-based): (1 + r)^(−t/12).
    pub fn discount(&self, month: u32) -> f64 {
        (1.0 + self.economics.discount_rate).powf(-(month as f64) / 12.0)
    }

    /// Price index of month t (1-based): [`Prices::index`] of its calendar year (1 without a
    /// start month).
    pub fn price_index(&self, month: u32) -> f64 {
        self.start
            .map_or(1.0, |s| self.prices.index(s.year_of(month)))
    }
}
