//! Running trials in parallel: each trial writes its own slice of [`Results`], so the output is
//! the same whatever the number of threads or the order trials finish in.

mod agent;
mod arm;
mod by_segment;
mod month;
mod plan;
mod results;
mod segment_records;
mod services;
mod table;
mod trial;

use crate::progress::Progress;
use rayon::prelude::*;

pub use agent::{NONE, Offer, Record};
pub use arm::ArmRun;
pub use month::{active_bonus, simulate, simulate_stack};
pub use plan::{Plan, ore};
pub use results::{EXTRA_FIELDS, Field, Results, Shape};
pub use segment_records::caseworker_share;
pub use services::run as intervention_pass;
pub use table::Table;
pub use trial::Workspace;

use crate::model::Model;

/// The shape of a run of `model` with `trials` trials.
pub fn shape(model: &Model, trials: u32) -> Shape {
    Shape {
        trials: trials as usize,
        arms: model.arms.len(),
        months: model.months as usize,
        states: model.states.len(),
        interventions: model.interventions.len(),
        segments: match model.segment_count() {
            1 => 0,
            g => g,
        },
    }
}

/// Run `trials` trials of every arm of `model` from master `seed`, ticking `progress` once per
/// finished trial.
///
/// Memory: the [`Results`] (see its docs) plus one [`Workspace`] per rayon job.
pub fn run(model: &Model, trials: u32, seed: u64, progress: &dyn Progress) -> Results {
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
    progress: &dyn Progress,
    per_trial: F,
) -> Results
where
    F: Fn(u64) -> Model + Sync,
{
    run_trials(model, trials, progress, |ws, trial, out| {
        let drawn = per_trial(trial);
        ws.set_models(std::slice::from_ref(&drawn));
        simulate(&drawn, &Plan::new(&drawn), seed, trial, ws, out)
    })
}

/// As [`run_each`], with trial k run on a stack of models, `per_trial(k)`: `variants` models
/// that differ only in their effects (the same cohort, arms, staffing, money and horizon),
/// simulated on the same citizens and draws in one pass — common random numbers, so each
/// variant's records are exactly those a run of it alone would give. The first variant's
/// records make the returned [`Results`]; as each trial finishes, `reduce(k, stack, records)`
/// gets the whole stack's records (one trial, arms `[variant][arm]`) and its answers come back
/// in trial order. Only the trials `trials` run (trial k of the whole run, seeded by k): a run
/// can come in chunks. Memory: one chunk's [`Results`], whatever the number of variants.
pub fn run_variants<F, R, T>(
    model: &Model,
    (variants, trials, seed): (usize, std::ops::Range<u64>, u64),
    progress: &dyn Progress,
    per_trial: F,
    reduce: R,
) -> (Results, Vec<T>)
where
    F: Fn(u64) -> Vec<Model> + Sync,
    R: Fn(u64, &[Model], Results) -> T + Sync,
    T: Send,
{
    let first = trials.start;
    let count = (trials.end - trials.start) as u32;
    let shape = shape(model, count);
    let stacked = Shape {
        trials: 1,
        arms: shape.arms * variants,
        ..shape
    };
    let mut data = vec![0.0; shape.trials * shape.per_trial()];
    let mut answers: Vec<Option<T>> = (0..count).map(|_| None).collect();
    data.par_chunks_mut(shape.per_trial())
        .zip(answers.par_iter_mut())
        .enumerate()
        .for_each_init(
            || {
                (
                    Workspace::for_stack(&per_trial(first)),
                    vec![0.0; stacked.per_trial()],
                )
            },
            |(ws, buf), (local, (out, answer))| {
                let trial = first + local as u64;
                let stack = per_trial(trial);
                debug_assert_eq!(stack.len(), variants);
                ws.set_models(&stack);
                simulate_stack(&stack, &Plan::new(&stack[0]), seed, trial, ws, buf);
                out.copy_from_slice(&buf[..out.len()]);
                let records = Results {
                    shape: stacked,
                    data: buf.clone(),
                };
                *answer = Some(reduce(trial, &stack, records));
                progress.advance(1);
            },
        );
    let answers = answers
        .into_iter()
        .map(|a| a.expect("every trial ran"))
        .collect();
    (Results { shape, data }, answers)
}

/// The parallel frame of [`run`] and [`run_each`]: each trial fills its own slice.
fn run_trials<F>(model: &Model, trials: u32, progress: &dyn Progress, one: F) -> Results
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
                progress.advance(1);
            },
        );
    Results { shape, data }
}
