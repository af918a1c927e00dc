//! Running trials in parallel: each trial writes its own slice of [`Results`], so the output is
//! the same whatever the number of threads or the order trials finish in.

mod agent;
mod plan;
mod results;
mod rng;
mod services;
mod table;
mod trial;

use indicatif::ProgressBar;
use rayon::prelude::*;

pub use agent::{Agent, NONE};
pub use plan::Plan;
pub use results::{EXTRA_FIELDS, Field, Results, Shape};
pub use rng::{Purpose, StreamRng, stream};
pub use services::run as intervention_pass;
pub use table::Table;
pub use trial::{Workspace, simulate};

use crate::model::Model;
use crate::uncertainty::Uncertainty;

/// The shape of a run of `model` with `trials` trials.
pub fn shape(model: &Model, trials: u32) -> Shape {
    Shape {
        trials: trials as usize,
        arms: model.arms.len(),
        months: model.months as usize,
        states: model.states.len(),
        interventions: model.interventions.len(),
    }
}

/// Run `trials` trials of every arm of `model` from master `seed`, ticking `progress` once per
/// finished trial.
///
/// Memory: the [`Results`] (see its docs) plus one [`Workspace`] per rayon job.
pub fn run(model: &Model, trials: u32, seed: u64, progress: &ProgressBar) -> Results {
    run_uncertain(model, &Uncertainty::default(), trials, seed, progress)
}

/// As [`run`], with each trial's parameters drawn from `params` (one set per trial, shared by
/// all its arms). `model` holds the parameters' means; with no parameters this is [`run`].
pub fn run_uncertain(
    model: &Model,
    params: &Uncertainty,
    trials: u32,
    seed: u64,
    progress: &ProgressBar,
) -> Results {
    let shape = shape(model, trials);
    let plan = Plan::new(model);
    let mut data = vec![0.0; shape.trials * shape.per_trial()];
    data.par_chunks_mut(shape.per_trial())
        .enumerate()
        .for_each_init(
            || Workspace::new(model),
            |ws, (trial, out)| {
                let trial = trial as u64;
                if params.is_empty() {
                    simulate(model, &plan, seed, trial, ws, out);
                } else {
                    // Per trial, not per citizen-month: a model, its plan and tables.
                    let drawn = params.apply(model, &params.draw(seed, trial));
                    ws.set_model(&drawn);
                    simulate(&drawn, &Plan::new(&drawn), seed, trial, ws, out);
                }
                progress.inc(1);
            },
        );
    Results { shape, data }
}
