//! How a published investeringscase reasoned (`[case]`): its figure, its basis, its own
//! arithmetic and the outcome it expected — what the bridge starts from
//! ([`crate::bridge`]).
//!
//! The case's own arithmetic, as a spreadsheet does it (deterministic, kr.):
//!
//! A = saved + Σ_s fewer_s · b_s · Σ_{m ∈ W, m > run_in} index_m − cost
//!
//! with b_s the state's monthly benefit (before refusion), W the months the figure covers and
//! index_m the price index. Invariants (established by the scenario's checks): `from ≤ to ≤
//! months`; amounts finite and ≥ 0; `fewer_s ≥ 0`; the outcome's month within the horizon.

/// Whether the case counted its saving against what would have happened anyway.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// Against a counterfactual: "30 fewer than otherwise".
    Net,
    /// Every citizen who left counted as a saving: no deduction for those who would have left
    /// anyway (deadweight).
    Gross,
}

/// What the case expected to see, which the effect it implies must reproduce.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Target {
    /// This many fewer citizens in the state than without the investment.
    Fewer(f64),
    /// This many citizens left in the state, in the investment arm.
    Count(f64),
    /// This share of the starting cohort in the state, in the investment arm, in [0, 1].
    Share(f64),
}

/// The case's expected outcome: `target` in state `state` at the start of month `month`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Outcome {
    /// State index.
    pub state: usize,
    /// Month, 1-based (the record of that month).
    pub month: u32,
    /// What is expected there.
    pub target: Target,
}

/// A published case, as its scenario states it.
#[derive(Debug, Clone, PartialEq)]
pub struct Case {
    /// The investment arm's name (the case's arm; the baseline is the counterfactual).
    pub arm: String,
    /// The published figure, kr.
    pub published: f64,
    /// The figure in the case's own words (e.g. "forventet samlet gevinst").
    pub figure: String,
    /// Gross or net of what would have happened anyway.
    pub basis: Basis,
    /// First and last month (1-based, inclusive) the figure covers.
    pub from: u32,
    /// See `from`.
    pub to: u32,
    /// A saving the case states outright, kr.
    pub saved: f64,
    /// The case's own cost lines, kr. (subtracted).
    pub cost: f64,
    /// Citizens fewer per month, by state, after the run-in.
    pub fewer: Vec<f64>,
    /// Months before `fewer` holds, counted from `from`.
    pub run_in: u32,
    /// The outcome the case expected, if it states one.
    pub outcome: Option<Outcome>,
    /// What the case does not publish that its figure would need, in its own language.
    pub missing: Option<String>,
}

impl Case {
    /// The case's own arithmetic A, kr. (see the module): `benefit[s]` kr. per month,
    /// `index(m)` the price index of month m (1-based).
    pub fn arithmetic(&self, benefit: &[f64], index: &dyn Fn(u32) -> f64) -> f64 {
        let months: f64 = (self.from..=self.to)
            .filter(|&m| m >= self.from + self.run_in)
            .map(index)
            .sum();
        let fewer: f64 = self.fewer.iter().zip(benefit).map(|(n, b)| n * b).sum();
        self.saved + fewer * months - self.cost
    }

    /// Months the figure covers, as month indices.
    pub fn window(&self) -> std::ops::Range<usize> {
        self.from as usize - 1..self.to as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn case() -> Case {
        Case {
            arm: "a".into(),
            published: 0.0,
            figure: String::new(),
            basis: Basis::Net,
            from: 1,
            to: 48,
            saved: 1000.0,
            cost: 500.0,
            fewer: vec![30.0, 12.0],
            run_in: 12,
            outcome: None,
            missing: None,
        }
    }

    #[test]
    fn the_arithmetic_counts_the_months_after_the_run_in_at_the_benefit_rates() {
        // 36 months after a 12-month run-in: 30 × 10,000 + 12 × 20,000 = 540,000 kr. a month.
        let a = case().arithmetic(&[10_000.0, 20_000.0], &|_| 1.0);
        assert_eq!(a, 1000.0 + 540_000.0 * 36.0 - 500.0);
        // Prices rising 1 % a month after month 24 count in each month's prices.
        let idx = |m: u32| if m > 24 { 1.01 } else { 1.0 };
        let b = case().arithmetic(&[10_000.0, 20_000.0], &idx);
        assert!((b - (500.0 + 540_000.0 * (12.0 + 24.0 * 1.01))).abs() < 1e-6);
    }
}
