//! How arms are staffed: the rule from month 1, later steps, the phase-in of a change's effect,
//! and the caseload and caseworkers of a month.

use super::Model;

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

/// A change of an arm's staffing from month `from` (1-based) on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Step {
    /// First month of the new rule.
    pub from: u32,
    /// The rule; `None` returns to the baseline's staffing.
    pub rule: Option<Staffing>,
}

/// One way of running the service, compared against the baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct Arm {
    /// Name from the file, e.g. `investering`.
    pub name: String,
    /// Human label; the name when the file gives none.
    pub label: String,
    /// Staffing rule from month 1.
    pub staffing: Staffing,
    /// Later changes of the rule, by increasing month (hiring later, a project that ends).
    pub steps: Vec<Step>,
    /// Months over which the caseload effect of a change builds up (0: at once). In the k-th
    /// month of a change the effect's caseload is L_prev^(1−w) · L_new^w, w = min(1, k/N).
    pub phase_in: u32,
    /// Indices into [`Model::interventions`] of the interventions the arm runs, in the order
    /// a citizen is offered them.
    pub interventions: Vec<usize>,
}

/// An arm's staffing in one month.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StaffMonth {
    /// Cases per caseworker.
    pub caseload: f64,
    /// Caseworkers (paid for).
    pub caseworkers: f64,
    /// The caseload the effect works at (phasing in a change; before the valid-range hold).
    pub effect_caseload: f64,
}

impl Model {
    /// The model with its baseline and arm `a` alone (arm `a` becomes arm 1): what a pairwise
    /// analysis runs. Arms are independent, so arm 1's records are arm `a`'s.
    pub fn pair(&self, a: usize) -> Model {
        Model {
            arms: vec![self.arms[0].clone(), self.arms[a].clone()],
            ..self.clone()
        }
    }

    /// The interventions arm `a` runs that the baseline does not (indices into
    /// [`Model::interventions`], in the arm's order).
    pub fn added_interventions(&self, a: usize) -> Vec<usize> {
        let base = &self.arms[0].interventions;
        self.arms[a]
            .interventions
            .iter()
            .copied()
            .filter(|i| !base.contains(i))
            .collect()
    }

    /// Whether arm `a` is staffed as the baseline throughout: the same rule from month 1 and
    /// no later changes (so no caseload change for its effect to act on).
    pub fn staffed_as_baseline(&self, a: usize) -> bool {
        let arm = &self.arms[a];
        arm.staffing == self.arms[0].staffing && arm.steps.is_empty()
    }

    /// The staffing rule of arm `a` in month `t` (1-based).
    pub fn rule(&self, a: usize, t: u32) -> Staffing {
        let arm = &self.arms[a];
        match arm.steps.iter().rev().find(|s| s.from <= t) {
            None => arm.staffing,
            Some(Step { rule: Some(r), .. }) => *r,
            Some(Step { rule: None, .. }) => self.rule(0, t),
        }
    }

    /// Arm `a`'s staffing in month `t` (1-based) with `cases` citizens in case states.
    ///
    /// The effect's caseload phases in over `phase_in` months after each change of rule
    /// (month 1 counts as a change from the baseline's rule for every other arm).
    pub fn staff(&self, a: usize, t: u32, cases: f64) -> StaffMonth {
        let arm = &self.arms[a];
        let rule = self.rule(a, t);
        let (caseload, caseworkers) = rule.at(cases);
        let mut effect_caseload = caseload;
        if arm.phase_in > 0 && a > 0 && caseload > 0.0 {
            let changed = arm
                .steps
                .iter()
                .rev()
                .find(|s| s.from <= t)
                .map_or(1, |s| s.from);
            let k = t - changed + 1;
            let prev = if changed == 1 {
                self.rule(0, 1)
            } else {
                self.rule(a, changed - 1)
            };
            let (before, _) = prev.at(cases);
            if k < arm.phase_in && before > 0.0 {
                let w = k as f64 / arm.phase_in as f64;
                effect_caseload = (before.ln() * (1.0 - w) + caseload.ln() * w).exp();
            }
        }
        StaffMonth {
            caseload,
            caseworkers,
            effect_caseload,
        }
    }
}

/// A short description of a staffing rule, e.g. `caseload 75` or `14 caseworkers`.
pub fn describe_staffing(s: Staffing) -> String {
    match s {
        Staffing::Caseload(l) => format!("caseload {l}"),
        Staffing::Caseworkers(w) => format!("{w} caseworkers"),
    }
}

/// An arm's whole staffing: the rule from month 1, its later steps and the phase-in, e.g.
/// `13.8 caseworkers; from month 30: as the baseline; effect phased in over 6 months`.
pub fn describe_arm_staffing(arm: &Arm) -> String {
    let mut out = describe_staffing(arm.staffing);
    for s in &arm.steps {
        let rule = s
            .rule
            .map_or("as the baseline".to_string(), describe_staffing);
        out.push_str(&format!("; from month {}: {rule}", s.from));
    }
    if arm.phase_in > 0 {
        out.push_str(&format!("; effect phased in over {} months", arm.phase_in));
    }
    out
}
