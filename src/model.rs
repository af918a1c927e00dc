//! The checked, compiled scenario the engine runs: states by index, probabilities as a matrix.
//!
//! Invariants (established by [`crate::scenario::load`] and relied on everywhere else):
//! - `1 ≤ states.len() ≤ MAX_STATES`; a state's index is its position in the file;
//! - `transitions[i][j] ∈ [0, 1)`, `transitions[i][i] = 0`, `Σ_j transitions[i][j] < 1`;
//! - `initial_counts` sums to `cohort_size ≥ 1`;
//! - amounts (kr.) are finite and ≥ 0; `reference > 0`; every arm's staffing value > 0;
//! - `arms[0]` is the baseline.

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
    /// Taxable income, kr. per month, of a citizen in the state.
    pub income: f64,
    /// Whether the state occupies caseworkers (counts toward the caseload).
    pub case: bool,
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
}

/// Municipal money parameters.
#[derive(Debug, Clone, PartialEq)]
pub struct Economics {
    /// Municipal income tax rate, a share in [0, 1).
    pub tax_rate: f64,
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
    /// Caseload effect on hazards.
    pub caseload: CaseloadEffect,
    /// Arms; `arms[0]` is the baseline.
    pub arms: Vec<Arm>,
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

    /// Net municipal expenditure of one month, undiscounted, kr.:
    /// Σ_s occupancy_s · (benefit_s − tax_rate · income_s) + caseworkers · cost / 12.
    pub fn month_expenditure(&self, occupancy: &[u32], caseworkers: f64) -> f64 {
        let tax = self.economics.tax_rate;
        let flows: f64 = occupancy
            .iter()
            .zip(&self.states)
            .map(|(&n, s)| n as f64 * (s.benefit - tax * s.income))
            .sum();
        flows + caseworkers * self.economics.caseworker_cost / 12.0
    }
}
