//! The checked, compiled scenario the engine runs: states by index, probabilities as a matrix.
//!
//! Invariants (established by [`crate::scenario::load`] and relied on everywhere else):
//! - `1 ≤ states.len() ≤ MAX_STATES`; a state's index is its position in the file;
//! - `transitions[i][j] ∈ [0, 1)`, `transitions[i][i] = 0`, `Σ_j transitions[i][j] < 1`;
//! - `initial_counts` sums to `cohort_size ≥ 1`;
//! - amounts (kr.) are finite and ≥ 0; `reference > 0`; every arm's staffing value > 0;
//! - `arms[0]` is the baseline.

pub use crate::perspective::Perspective;
use crate::tax::TaxRules;

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
}

/// How an arm is staffed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Staffing {
    /// Staff follows the cases: caseworkers_t = c_t / caseload, caseload fixed (cases per worker).
    Caseload(f64),
    /// Fixed staff: caseload_t = c_t / caseworkers.
    Caseworkers(f64),
}

impl Staffing {
    /// `(caseload, caseworkers)` in a month that starts with `cases` citizens in case states.
    ///
    /// With fixed staff and no cases the caseload is 0, which is harmless: the caseload only
    /// scales exits *from* case states, of which there are none.
    pub fn at(self, cases: f64) -> (f64, f64) {
        match self {
            Staffing::Caseload(l) => (l, cases / l),
            Staffing::Caseworkers(w) => (cases / w, w),
        }
    }
}

/// One way of running the service, compared against the baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct Arm {
    /// Name from the file, e.g. `investering`.
    pub name: String,
    /// Human label; the name when the file gives none.
    pub label: String,
    /// Staffing rule.
    pub staffing: Staffing,
    /// Indices into [`Model::interventions`] of the interventions the arm runs, in the order
    /// a citizen is offered them.
    pub interventions: Vec<usize>,
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
}

impl CaseloadEffect {
    /// Hazard multipliers by destination for a month run at `caseload` (> 0).
    /// All exactly 1.0 when `caseload == reference`.
    pub fn multipliers(&self, caseload: f64, out: &mut [f64]) {
        let ratio = self.reference / caseload;
        for (m, &e) in out.iter_mut().zip(&self.elasticity) {
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
}

/// A calendar month, for budget years.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearMonth {
    /// Year, e.g. 2016.
    pub year: i32,
    /// Month 1..=12.
    pub month: u32,
}

impl YearMonth {
    /// The calendar year of simulated month t (1-based) when month 1 is `self`.
    pub fn year_of(self, t: u32) -> i32 {
        self.year + ((self.month - 1 + t - 1) / 12) as i32
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
}

impl Model {
    /// Index of the state with id `id`.
    pub fn state_index(&self, id: &str) -> Option<usize> {
        self.states.iter().position(|s| s.id == id)
    }

    /// Index of the arm named `name`.
    pub fn arm_index(&self, name: &str) -> Option<usize> {
        self.arms.iter().position(|a| a.name == name)
    }

    /// Discount factor of month t (1-based): (1 + r)^(−t/12).
    pub fn discount(&self, month: u32) -> f64 {
        (1.0 + self.economics.discount_rate).powf(-(month as f64) / 12.0)
    }
}
