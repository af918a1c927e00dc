//! Fitting duration multipliers and segment shares to how long spells in one state last:
//! a survival curve (`survival`: the share of entrants still in the state after k months)
//! and the stock's shares by duration (`stock`: the share of the stock with at least k months).
//!
//! The fitted numbers are a scale c_b on every exit hazard out of the state in duration band b
//! (on top of the scenario's own band multipliers), and the entrants' shares by segment.
//! For segment s the exit probability in band b is e_{s,b} = 1 − exp(−c_b Λ_{s,b}),
//! Λ_{s,b} = Σ_j λ_{s,j} h_{s,j} m_{b,j}: the segment's hazards (its row, or the model's) times
//! its hazard multipliers and the band's. These are the rates the scenario states — at its
//! reference caseload, without interventions or calendar effects: the status quo the observed
//! stock comes from. Nelder–Mead (argmin) minimises Σ w (fitted − target)².

use std::path::Path;

use argmin::core::{CostFunction, Executor, State};
use argmin::solver::neldermead::NelderMead;

use super::spell::{Mixture, Spell};
use crate::datafile::DataFile;
use crate::error::{Error, Result};
use crate::model::Model;

/// What a spell target measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The share of entrants still in the state after `months` months.
    Survival,
    /// The share of the stationary stock with at least `months` months in the state.
    Stock,
}

/// One observed share about spells in one state.
#[derive(Debug, Clone, PartialEq)]
pub struct SpellTarget {
    /// What the share measures.
    pub kind: Kind,
    /// Months (k).
    pub months: u32,
    /// The observed share, in [0, 1].
    pub share: f64,
    /// Weight in the fit (the count behind the share, or 1).
    pub weight: f64,
}

/// Whether a targets file describes spells (it has a `kind` column).
pub fn is_spell_file(path: &Path) -> Result<bool> {
    Ok(DataFile::read(path, "cannot read targets", &[])?.has("kind"))
}

/// Read spell targets (`kind,state,months,share[,count]`, every row the same state) from
/// `path`; returns the state's index and the targets.
pub fn read(path: &Path, model: &Model) -> Result<(usize, Vec<SpellTarget>)> {
    let f = DataFile::read(
        path,
        "cannot read targets",
        &["kind", "state", "months", "share"],
    )?;
    let mut state = None;
    let mut targets = Vec::with_capacity(f.rows().len());
    for row in f.rows() {
        let kind = match f.text(&row.1, "kind") {
            "survival" => Kind::Survival,
            "stock" => Kind::Stock,
            other => {
                let msg = format!("`{other}` is not a kind of target: use survival or stock");
                return Err(f.error(row.0, "kind", &msg));
            }
        };
        let s = super::state_of(&f, row, model)?;
        if state.is_some_and(|first| first != s) {
            let msg = "every row must name the same state (fit one state's spells at a time)";
            return Err(f.error(row.0, "state", msg));
        }
        state = Some(s);
        let months = f.whole(row, "months", u32::from(kind == Kind::Survival))?;
        let (share, weight) = super::share_and_weight(&f, row)?;
        targets.push(SpellTarget {
            kind,
            months,
            share,
            weight,
        });
    }
    let state = state
        .ok_or_else(|| Error::usage("--targets", format!("{}: no targets", path.display())))?;
    Ok((state, targets))
}

/// Which numbers to fit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fitted {
    /// One scale per duration band of the state.
    pub duration: bool,
    /// The entrants' shares by segment.
    pub segments: bool,
}

/// The fitted numbers and how well they meet the targets.
#[derive(Debug, Clone, PartialEq)]
pub struct SpellFit {
    /// Scale c_b on every exit hazard in each band (1 where not fitted).
    pub scales: Vec<f64>,
    /// Entrants' shares by segment.
    pub entrants: Vec<f64>,
    /// The stationary stock's shares by segment at the fit.
    pub stock: Vec<f64>,
    /// Each target's fitted share, in target order.
    pub fitted: Vec<f64>,
}

/// Spells out of `from` for every segment of `model`.
pub struct Spells {
    starts: Vec<u32>,
    /// Λ_{s,b}: total exit hazard of segment s in band b before the fitted scale.
    hazard: Vec<Vec<f64>>,
    /// Entrants' shares by segment as the scenario has them.
    pub entrants: Vec<f64>,
}

impl Spells {
    /// The scenario's own spells out of `from`.
    pub fn of(model: &Model, from: usize) -> Spells {
        let n = model.states.len();
        let d = &model.duration[from];
        let mut lambda = vec![0.0; n];
        let hazard = (0..model.segment_count())
            .map(|s| {
                crate::hazard::to_hazards(model.row(s, from), &mut lambda);
                (0..d.starts.len())
                    .map(|b| {
                        let each = (0..n).filter(|&j| j != from);
                        each.map(|j| lambda[j] * model.segment_hazard(s, j) * d.multiplier(b, j))
                            .sum()
                    })
                    .collect()
            })
            .collect();
        let entrants = match (&model.inflow, model.segments.is_empty()) {
            (_, true) => vec![1.0],
            (Some(f), false) if !f.segments.is_empty() => f.segments.clone(),
            _ => model.segments.iter().map(|g| g.share).collect(),
        };
        Spells {
            starts: d.starts.clone(),
            hazard,
            entrants,
        }
    }

    /// Each segment's spell with band scales `scales`.
    pub fn spells(&self, scales: &[f64]) -> Vec<Spell> {
        let spell = |h: &Vec<f64>| Spell {
            starts: self.starts.clone(),
            exit: h
                .iter()
                .zip(scales)
                .map(|(l, c)| -(-c * l).exp_m1())
                .collect(),
        };
        self.hazard.iter().map(spell).collect()
    }

    /// The share each target measures, with band scales `scales` and entrants `weights`.
    pub fn predict(&self, scales: &[f64], weights: &[f64], targets: &[SpellTarget]) -> Vec<f64> {
        let spells = self.spells(scales);
        let mix = Mixture {
            spells: &spells,
            weights,
        };
        let each = targets.iter().map(|t| match t.kind {
            Kind::Survival => mix.survival(t.months),
            Kind::Stock => mix.stock_at_least(t.months),
        });
        each.collect()
    }

    /// Duration bands of the state.
    pub fn bands(&self) -> usize {
        self.starts.len()
    }
}

struct Problem<'a> {
    spells: &'a Spells,
    what: Fitted,
    targets: &'a [SpellTarget],
}

impl Problem<'_> {
    /// (scales, weights) for parameters θ: log scales, then the logits of segments 1.. (0 for 0).
    fn unpack(&self, theta: &[f64]) -> (Vec<f64>, Vec<f64>) {
        let b = self.spells.bands();
        let (scales, rest) = match self.what.duration {
            true => (theta[..b].iter().map(|t| t.exp()).collect(), &theta[b..]),
            false => (vec![1.0; b], theta),
        };
        let weights = match self.what.segments {
            true => {
                let e: Vec<f64> = std::iter::once(1.0)
                    .chain(rest.iter().map(|t| t.exp()))
                    .collect();
                let total: f64 = e.iter().sum();
                e.iter().map(|x| x / total).collect()
            }
            false => self.spells.entrants.clone(),
        };
        (scales, weights)
    }
}

impl CostFunction for Problem<'_> {
    type Param = Vec<f64>;
    type Output = f64;
    fn cost(&self, theta: &Vec<f64>) -> std::result::Result<f64, argmin::core::Error> {
        let (scales, weights) = self.unpack(theta);
        let fitted = self.spells.predict(&scales, &weights, self.targets);
        let each = self.targets.iter().zip(&fitted);
        let cost: f64 = each.map(|(t, f)| t.weight * (f - t.share).powi(2)).sum();
        Ok(if cost.is_finite() { cost } else { 1e6 })
    }
}

/// Fit `what` for spells out of `from` to `targets`. Refuses fits with more unknowns than
/// targets, and segment shares without segments.
pub fn fit(model: &Model, from: usize, targets: &[SpellTarget], what: Fitted) -> Result<SpellFit> {
    let spells = Spells::of(model, from);
    let g = spells.entrants.len();
    if what.segments && g < 2 {
        return Err(Error::usage(
            "--fit",
            "segment shares need a scenario with [segments]",
        ));
    }
    let unknowns = what.duration as usize * spells.bands() + what.segments as usize * (g - 1);
    if unknowns > targets.len() {
        return Err(Error::usage(
            "--fit",
            format!(
                "{} targets cannot determine {unknowns} numbers ({} duration bands of `{}`{}): give more targets, or fewer bands",
                targets.len(),
                spells.bands(),
                model.states[from].id,
                if what.segments {
                    format!(", {} entrant share(s)", g - 1)
                } else {
                    String::new()
                },
            ),
        ));
    }
    let mut theta0: Vec<f64> = Vec::with_capacity(unknowns);
    if what.duration {
        theta0.resize(spells.bands(), 0.0);
    }
    if what.segments {
        let w = &spells.entrants;
        theta0.extend(w[1..].iter().map(|x| (x.max(1e-3) / w[0].max(1e-3)).ln()));
    }
    let problem = Problem {
        spells: &spells,
        what,
        targets,
    };
    let mut theta = theta0;
    // A restart from the best point guards against a simplex collapsed early.
    for _ in 0..3 {
        let mut simplex = vec![theta.clone()];
        for i in 0..theta.len() {
            let mut v = theta.clone();
            v[i] += 0.5;
            simplex.push(v);
        }
        let solver = NelderMead::new(simplex)
            .with_sd_tolerance(1e-15)
            .map_err(|e| Error::usage("calibrate", e.to_string()))?;
        let result = Executor::new(Problem { ..problem }, solver)
            .configure(|s| s.max_iters(4000))
            .run()
            .map_err(|e| Error::usage("calibrate", e.to_string()))?;
        theta = result.state().get_best_param().cloned().unwrap_or(theta);
    }
    let (scales, entrants) = problem.unpack(&theta);
    let fitted = spells.predict(&scales, &entrants, targets);
    let all = spells.spells(&scales);
    let stock = Mixture {
        spells: &all,
        weights: &entrants,
    }
    .stock_shares();
    Ok(SpellFit {
        scales,
        entrants,
        stock,
        fitted,
    })
}
