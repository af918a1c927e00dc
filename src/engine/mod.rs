//! Running trials in parallel: each trial writes its own slice of [`Results`], so the output is
//! the same whatever the number of threads or the order trials finish in.

mod agent;
mod plan;
mod results;
mod services;
mod table;
mod trial;

use indicatif::ProgressBar;
use rayon::prelude::*;

pub use agent::{Agent, NONE};
pub use plan::Plan;
pub use results::{EXTRA_FIELDS, Field, Results, Shape};
pub use services::run as intervention_pass;
pub use table::Table;
pub use trial::{Workspace, simulate};

use crate::model::Model;

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
    let plan = Plan::new(model);
    run_trials(model, trials, progress, |ws, trial, out| {
        simulate(model, &plan, seed, trial, ws, out)
    })
}

/// As [`run`], with trial k run on the model `per_trial(k)` (its parameters drawn for that
/// trial, shared by all its arms). `model` gives the shape and the workspaces' size; every
/// per-trial model must have the same states, arms, interventions and horizon.
///
/// Per trial, not per citizen-month: a model, its plan and tables are built.
pub fn run_each<F>(
    model: &Model,
    trials: u32,
    seed: u64,
    progress: &ProgressBar,
    per_trial: F,
) -> Results
where
    F: Fn(u64) -> Model + Sync,
{
    run_trials(model, trials, progress, |ws, trial, out| {
        let drawn = per_trial(trial);
        ws.set_model(&drawn);
        simulate(&drawn, &Plan::new(&drawn), seed, trial, ws, out)
    })
}

/// The parallel frame of [`run`] and [`run_each`]: each trial fills its own slice.
fn run_trials<F>(model: &Model, trials: u32, progress: &ProgressBar, one: F) -> Results
where
    F: Fn(&mut Workspace, u64, &mut [f64]) + Sync,
{
    let shape = shape(model, trials);
    let mut data = vec![0.0; shape.trials * shape.per_trial()];
    data.par_chunks_mut(shape.per_trial())
        .enumerate()
        .for_each_init(
            || Workspace::new(model),
            |ws, (trial, out)| {
                one(ws, trial as u64, out);
                progress.inc(1);
            },
        );
    Results { shape, data }
}
