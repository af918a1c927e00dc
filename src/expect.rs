//! The exact expectation: the cohort's state distribution pushed through the month's transition
//! matrix, with no Monte Carlo noise.
//!
//! The trace runs over (state s, refusion clock k) with k capped at K, where the trappe's share
//! becomes constant. Month t: expected arrivals join; c_t = Σ expected citizens in case states;
//! the caseload gives each state's exit probabilities P_t(s → j) (the engine's hazard rule);
//! then v_t(j, k') = Σ v_{t−1}(s, k) · P_t(s → j), with k' = min(k + 1, K) when j is covered and
//! k' = k otherwise. Refusion of month t is Σ v_{t−1}(s, k) P_t(s → j) · benefit_j · share(k) over
//! covered j; one-off costs Σ v_{t−1}(s, ·) P_t(s → j) · cost(s → j). Money follows from these
//! exactly as in [`crate::economics`].
//!
//! Exact (the Monte Carlo mean converges to it) when staff follows the cases and no § 6
//! restart can happen. [`Exactness`] says when it is an approximation, and why.

use crate::economics::Perspective;
use crate::engine::{EXTRA_FIELDS, Field, Shape};
use crate::error::{Error, Result};
use crate::hazard;
use crate::model::{Arrivals, Model, Prior, Staffing};

/// Why an expectation is only approximate (empty: exact).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Exactness {
    /// Reasons, one sentence each.
    pub caveats: Vec<String>,
}

impl Exactness {
    /// True when the trace is the exact expectation.
    pub fn is_exact(&self) -> bool {
        self.caveats.is_empty()
    }
}

/// Expected monthly records, laid out like one trial of the engine's results
/// (`[arm][month][field]`), so the economics apply unchanged.
#[derive(Debug, Clone)]
pub struct Expectation {
    /// One trial's shape.
    pub shape: Shape,
    /// Expected records.
    pub data: Vec<f64>,
    /// Exact, or why not.
    pub exactness: Exactness,
}

impl Expectation {
    /// The record of arm `arm`, month index `m`.
    pub fn record(&self, arm: usize, m: usize) -> &[f64] {
        let o = self.shape.offset(0, arm, m);
        &self.data[o..o + self.shape.fields()]
    }

    /// Expected net expenditure of the month from perspective `p`, undiscounted kr.
    pub fn expenditure(&self, model: &Model, p: Perspective, arm: usize, m: usize) -> f64 {
        p.expenditure(model, &self.shape, self.record(arm, m))
    }

    /// Expected total saving of `arm` over the horizon from `p`, discounted (or not) kr.
    pub fn savings_total(
        &self,
        model: &Model,
        p: Perspective,
        arm: usize,
        discounted: bool,
    ) -> f64 {
        (0..self.shape.months)
            .map(|m| {
                let d = if discounted {
                    model.discount(m as u32 + 1)
                } else {
                    1.0
                };
                d * (self.expenditure(model, p, 0, m) - self.expenditure(model, p, arm, m))
            })
            .sum()
    }
}

/// When the trace is not exact for `model`.
fn caveats(model: &Model) -> Result<Exactness> {
    if !model.interventions.is_empty() {
        return Err(Error::usage(
            "expect",
            "the expectation does not model interventions yet (they need each citizen's participation history); use `kohort run`",
        ));
    }
    let mut caveats = Vec::new();
    if model
        .arms
        .iter()
        .any(|a| matches!(a.staffing, Staffing::Caseworkers(_)))
    {
        caveats.push("fixed staff: the caseload is computed from the expected number of cases (mean field), while in the simulation it varies with the actual cases".into());
    }
    let restart_possible =
        model.states.iter().any(|s| s.self_support) && model.months >= model.refusion.reset_months;
    if restart_possible && model.states.iter().any(|s| s.refusion) {
        caveats.push("§ 6 restarts of the refusion clock are left out: they depend on each citizen's last 36 months, not on the state and clock alone".into());
    }
    Ok(Exactness { caveats })
}

/// The distribution over clock months 0..=K of a prior.
fn prior_clock(prior: &Prior, cap: usize) -> Vec<f64> {
    let mut v = vec![0.0; cap + 1];
    match prior {
        Prior::Fixed(m) => v[(*m as usize).min(cap)] = 1.0,
        Prior::Table(t) => t.iter().for_each(|&(m, w)| v[(m as usize).min(cap)] += w),
    }
    v
}

/// The expectation of every arm of `model`.
pub fn expect(model: &Model) -> Result<Expectation> {
    let exactness = caveats(model)?;
    let shares = model.refusion.shares();
    let cap = shares.len() - 1;
    let (n, months) = (model.states.len(), model.months as usize);
    let shape = crate::engine::shape(model, 1);
    let fields = shape.fields();
    let mut data = vec![0.0; shape.per_trial()];
    for (a, arm) in model.arms.iter().enumerate() {
        // v[s · (K + 1) + k]
        let mut v = vec![0.0; n * (cap + 1)];
        let start = prior_clock(&model.prior, cap);
        for (s, &c) in model.initial_counts.iter().enumerate() {
            for k in 0..=cap {
                v[s * (cap + 1) + k] += c as f64 * start[k];
            }
        }
        let (mut mult, mut row) = (vec![1.0; n], vec![0.0; n]);
        for m in 0..months {
            arrive(model, m, cap, &mut v);
            let cases: f64 = (0..n)
                .filter(|&s| model.states[s].case)
                .map(|s| v[s * (cap + 1)..(s + 1) * (cap + 1)].iter().sum::<f64>())
                .sum();
            let (caseload, workers) = arm.staffing.at(cases);
            if caseload > 0.0 {
                model.caseload.multipliers(caseload, &mut mult);
            }
            let mut next = vec![0.0; v.len()];
            let (mut refusion, mut one_off) = (0.0, 0.0);
            for s in 0..n {
                let p = &model.transitions[s];
                if model.states[s].case && caseload > 0.0 {
                    hazard::adjust(p, &mult, &mut row);
                } else {
                    row.copy_from_slice(p);
                }
                row[s] = 1.0
                    - row
                        .iter()
                        .enumerate()
                        .filter(|&(j, _)| j != s)
                        .map(|(_, x)| x)
                        .sum::<f64>();
                for k in 0..=cap {
                    let mass = v[s * (cap + 1) + k];
                    if mass == 0.0 {
                        continue;
                    }
                    for (j, &pj) in row.iter().enumerate() {
                        let flow = mass * pj;
                        if flow == 0.0 {
                            continue;
                        }
                        one_off += flow * model.move_costs[s][j];
                        let st = &model.states[j];
                        let k2 = if st.refusion {
                            refusion += flow * st.benefit * shares[k];
                            (k + 1).min(cap)
                        } else {
                            k
                        };
                        next[j * (cap + 1) + k2] += flow;
                    }
                }
            }
            v = next;
            let rec = &mut data[(a * months + m) * fields..][..fields];
            for s in 0..n {
                rec[s] = v[s * (cap + 1)..(s + 1) * (cap + 1)].iter().sum();
            }
            rec[n + Field::Cases as usize] = cases;
            rec[n + Field::Caseload as usize] = caseload;
            rec[n + Field::Caseworkers as usize] = workers;
            rec[n + Field::Refusion as usize] = refusion;
            rec[n + Field::OneOff as usize] = one_off;
            debug_assert_eq!(fields, n + EXTRA_FIELDS + model.interventions.len());
        }
    }
    Ok(Expectation {
        shape,
        data,
        exactness,
    })
}

/// Expected arrivals of month index `m` join `v`.
fn arrive(model: &Model, m: usize, cap: usize, v: &mut [f64]) {
    let Some(f) = &model.inflow else { return };
    let count = match &f.arrivals {
        Arrivals::Poisson(mean) => *mean,
        Arrivals::Counts(c) => c[m.min(c.len() - 1)] as f64,
    };
    let clock = prior_clock(&f.prior, cap);
    for (s, &share) in f.initial.iter().enumerate() {
        for (k, &w) in clock.iter().enumerate() {
            v[s * (cap + 1) + k] += count * share * w;
        }
    }
}
