//! Parameter uncertainty (probabilistic sensitivity analysis): numbers in a scenario written as
//! distributions, one parameter set drawn per trial and shared by all its arms.
//!
//! Draws are keyed by (seed, trial, parameter), like the citizens' draws, so they do not
//! depend on threads, and adding a parameter does not change the others' draws.

mod bind;
pub mod dist;
mod mixture;
mod parse;
mod spec;
mod target;

pub use bind::Binding;
pub use dist::Dist;
pub use mixture::Mixture;
pub use spec::{Spec, find, mean_texts, substitute};
pub use target::{MoneyKey, StateAmount};

use crate::error::Result;
use crate::model::Model;
use crate::rng::{Purpose, stream};
use crate::source::Source;

/// One uncertain number (or transition row).
#[derive(Debug, Clone)]
pub struct Parameter {
    /// Dotted path, e.g. `caseload.elasticity.job`.
    pub name: String,
    /// Its distribution.
    pub dist: Dist,
    /// What it sets.
    pub binding: Binding,
    /// Column names in `trials.csv` (one, or one per destination of a row).
    pub columns: Vec<String>,
}

/// A scenario's parameters; empty when every number is fixed.
#[derive(Debug, Clone, Default)]
pub struct Uncertainty {
    /// In document order.
    pub params: Vec<Parameter>,
}

impl Uncertainty {
    /// Bind the specs found in a scenario to its (mean) model.
    pub fn bind(specs: Vec<Spec>, model: &Model, src: &Source) -> Result<Uncertainty> {
        let bindings = specs
            .iter()
            .map(|s| Binding::resolve(s, model, src))
            .collect::<Result<Vec<_>>>()?;
        bind::check_rows(&specs, &bindings, model, src)?;
        let params = specs
            .into_iter()
            .zip(bindings)
            .map(|(spec, binding)| {
                let name = spec.path.join(".");
                // One column per drawn value: a Dirichlet row draws its `stay` share too.
                let mut columns: Vec<String> = if spec.dests.is_empty() {
                    vec![name.clone()]
                } else {
                    spec.dests.iter().map(|d| format!("{name}.{d}")).collect()
                };
                if matches!(spec.dist, Dist::Dirichlet { .. }) {
                    columns.push(format!("{name}.stay"));
                }
                Parameter {
                    name,
                    dist: spec.dist,
                    binding,
                    columns,
                }
            })
            .collect();
        Ok(Uncertainty { params })
    }

    /// True when nothing is uncertain.
    pub fn is_empty(&self) -> bool {
        self.params.is_empty()
    }

    /// Every column name, in order.
    pub fn columns(&self) -> Vec<String> {
        self.params
            .iter()
            .flat_map(|p| p.columns.iter().cloned())
            .collect()
    }

    /// The values drawn for `trial`, parameter by parameter.
    pub fn draw(&self, seed: u64, trial: u64) -> Vec<Vec<f64>> {
        self.params
            .iter()
            .enumerate()
            .map(|(k, p)| {
                let mut rng = stream(seed, Purpose::Params, trial, k as u64);
                let mut v = Vec::new();
                p.dist.sample(&mut rng, &mut v);
                v
            })
            .collect()
    }

    /// `base` with parameter values `values` (as from [`Uncertainty::draw`]).
    ///
    /// Rows were checked at load to stay below 1 up to each distribution's 1 − 10⁻⁹ quantile;
    /// a row that still reaches 1 (probability below 10⁻⁹ per parameter and trial) has its
    /// exits scaled to sum to 1 − 10⁻⁹, so every trial has valid probabilities.
    pub fn apply(&self, base: &Model, values: &[Vec<f64>]) -> Model {
        let mut m = base.clone();
        for (p, v) in self.params.iter().zip(values) {
            p.binding.apply(&mut m, v);
        }
        for row in &mut m.transitions {
            let total: f64 = row.iter().sum();
            if total >= 1.0 {
                row.iter_mut().for_each(|p| *p *= (1.0 - 1e-9) / total);
            }
        }
        m
    }
}
