//! `kohort sweep`: one arm's staffing over a grid, every point an arm of one run, with each
//! point's result at no effect and at the research's, its break-even effect, and the best
//! point within the range the evidence covers.

use std::path::Path;

use super::RunOpts;
use super::bar;
use super::commands::{load, report_written};
use super::documents::{self, About, Documents};
use super::stdout::say;
use crate::error::Result;
use crate::sweep::{self, Axis, SweepRow};
use crate::uncertainty::Uncertainty;
use crate::{budget, effects, export, print, scenario};

/// What a sweep varies: one arm's staffing over a grid, and whose savings it reports.
pub(super) struct SweepJob<'a> {
    pub arm: &'a str,
    pub axis: Axis,
    pub values: &'a [f64],
}

pub(super) fn sweep_cmd(
    path: &Path,
    job: &SweepJob<'_>,
    opts: &RunOpts,
    docs: &Documents,
    command: String,
) -> Result<()> {
    let (model, params) = load(path, opts)?;
    docs.outputs(&opts.out)
        .check(&scenario::input_files(path, &model)?)?;
    let model = sweep::expand(&model, job.arm, job.axis, job.values)?;
    let trials = opts.trials.unwrap_or(model.trials);
    super::limits::check(
        "this sweep",
        &model,
        (trials, 1, 1),
        budget::Holding::Summarised,
        opts.quiet || opts.json,
    )?;
    let arm = job.arm;
    export::ensure_dir(&opts.out)?;
    let (trials, seed) = (
        opts.trials.unwrap_or(model.trials),
        opts.seed.unwrap_or(model.seed),
    );
    let bar = bar::trials_bar(trials as u64, opts.quiet || opts.json);
    bar.set_message(model.name.clone());
    let sampled = match opts.fixed_parameters {
        true => Uncertainty::default(),
        false => params.clone(),
    };
    let chunk = budget::chunk_trials(&model);
    let (arms, outcomes) = effects::summarised(&model, &sampled, (trials, seed), &bar, chunk);
    bar.finish_and_clear();
    let variants = effects::variant_rows(&model, &outcomes);
    let rows: Vec<SweepRow> = job
        .values
        .iter()
        .zip(&arms[1..])
        .enumerate()
        .map(|(i, (&v, s))| {
            let of_point: Vec<_> = variants.iter().filter(|r| r.arm == i + 1).collect();
            SweepRow::new(job.axis, v, s, &of_point)
        })
        .collect();
    // The break-even effect at each point (exact expectation at the parameters' means); not
    // when `expect` cannot trace the scenario.
    let needed = crate::threshold::thresholds(&model, &Uncertainty::default()).ok();
    let rows: Vec<SweepRow> = rows
        .into_iter()
        .enumerate()
        .map(
            |(i, r)| match needed.iter().flatten().find(|t| t.arm == i + 1) {
                Some(t) => r.with_threshold(t),
                None => r,
            },
        )
        .collect();
    let mut written = vec![export::write_sweep(opts.csv_dialect, &opts.out, &rows)?];
    if let Some(path) = &docs.xlsx {
        let sheet = export::Sheet::new("Sweep", |w| export::sweep_csv(&rows, w));
        let da = docs.lang(&model) == crate::report::Lang::Da;
        written.push(export::write_xlsx(path, &model, vec![sheet], da)?);
    }
    if let Some(out) = &docs.report {
        let about = About::new(path, &model, (trials, seed), command, docs.lang(&model));
        let params = if opts.fixed_parameters {
            Uncertainty::default()
        } else {
            params
        };
        let grid = (&rows[..], job.axis, model.headline);
        written.push(documents::sweep_report(out, &about, grid, &params)?);
    }
    if opts.json {
        say!(
            "{}",
            print::sweep_json(&model, arm, &rows, trials, seed, &written)
        );
        return Ok(());
    }
    if !opts.quiet {
        say!("{}\n", print::heading(&model, trials, seed));
        say!("{}", print::sweep_table(&model, arm, &rows));
    }
    report_written(&written);
    Ok(())
}
