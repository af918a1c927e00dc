//! The documents besides the CSV files: the options that ask for them, and the HTML report
//! of `run` and `sweep` (the workbooks are built in [`super::commands`] from the CSV rows).

use std::path::{Path, PathBuf};

use clap::Args;

use super::RunOpts;
use super::bar;
use super::guard::Outputs;
use crate::economics::Perspective;
use crate::effects::EffectRow;
use crate::error::Result;
use crate::model::Model;
use crate::report::Lang;
use crate::summary::Analysis;
use crate::sweep::{self, Axis, SweepRow};
use crate::uncertainty::Uncertainty;
use crate::{report, tornado};

/// The documents `run` and `sweep` can write besides their CSV files.
#[derive(Debug, Clone, Default, Args)]
pub struct Documents {
    /// Also write an Excel workbook (Sammendrag, Bånd, Forsøg, Budgetår or Sweep, Scenarie).
    #[arg(long, value_name = "FILE.xlsx")]
    pub xlsx: Option<PathBuf>,
    /// Also write a self-contained HTML report: the headline, charts (fan of savings, break-even,
    /// occupancy, sweep, tornado), tables, the scenario's parameters and a run manifest.
    #[arg(long, value_name = "FILE.html")]
    pub report: Option<PathBuf>,
    /// Language of the report and workbook (text, sheet names, column headers); without it,
    /// Danish when the scenario's name or labels have æ, ø or å, else English.
    #[arg(long, value_enum, value_name = "LANG")]
    pub lang: Option<Lang>,
}

impl Documents {
    /// Before any simulation runs: refuse a path that is a directory, a FIFO or a device, or
    /// in a directory where no file can be written; create the directories the files go in.
    pub(super) fn prepare(&self) -> Result<()> {
        for (flag, path) in [("--xlsx", &self.xlsx), ("--report", &self.report)] {
            if let Some(path) = path {
                crate::export::check_writable(flag, path)?;
            }
        }
        Ok(())
    }

    /// The files a command with these documents writes, its CSV files going to `out`.
    pub(super) fn outputs(&self, out: &Path) -> Outputs {
        Outputs::dir(out)
            .with("--report", self.report.as_deref())
            .with("--xlsx", self.xlsx.as_deref())
    }

    /// The language of `model`'s documents: `--lang`, or guessed from its labels.
    pub(super) fn lang(&self, model: &Model) -> Lang {
        self.lang.unwrap_or_else(|| Lang::of(model))
    }
}

/// The command line as the manifest of a report records it: `kohort` and its arguments.
pub(super) fn command_line() -> String {
    let quote = |a: String| {
        if a.is_empty() || a.contains(|c: char| c.is_whitespace() || c == '\'' || c == '"') {
            format!("'{}'", a.replace('\'', "'\\''"))
        } else {
            a
        }
    };
    std::iter::once("kohort".to_string())
        .chain(
            std::env::args_os()
                .skip(1)
                .map(|a| quote(a.to_string_lossy().into_owned())),
        )
        .collect::<Vec<_>>()
        .join(" ")
}

/// What a report says about its run: the scenario file, the model run, trials, seed and the
/// command line.
pub(super) struct About<'a> {
    path: &'a Path,
    model: &'a Model,
    trials: u32,
    seed: u64,
    command: String,
    lang: Lang,
}

impl<'a> About<'a> {
    pub(super) fn new(
        path: &'a Path,
        model: &'a Model,
        (trials, seed): (u32, u64),
        command: String,
        lang: Lang,
    ) -> About<'a> {
        About {
            path,
            model,
            trials,
            seed,
            command,
            lang,
        }
    }

    fn manifest(&self) -> Result<report::Manifest> {
        report::Manifest::new(self.path, self.command.clone(), self.trials, self.seed)
    }
}

/// The tornado a run's report shows: of the first arm after the baseline, for the kommune,
/// when the scenario has uncertain parameters that were drawn (2k + 1 more runs).
fn report_tornado(
    model: &Model,
    params: &Uncertainty,
    trials: u32,
    seed: u64,
    quiet: bool,
) -> Result<Option<(usize, tornado::Tornado)>> {
    if params.is_empty() || model.arms.len() < 2 {
        return Ok(None);
    }
    let bar = bar::trials_bar(trials as u64 * tornado::runs(params), quiet);
    bar.set_message(format!("{} tornado for the report", model.name));
    let t = tornado::tornado(model, params, 1, model.headline, trials, seed, &[], &bar)?;
    bar.finish_and_clear();
    Ok(Some((1, t)))
}

/// Write `run`'s report to `out`, with the tornado when the scenario's parameters were drawn.
pub(super) fn run_report(
    out: &Path,
    about: &About<'_>,
    results: (&Analysis, &[EffectRow], &[crate::threshold::Threshold]),
    (answers, sampled): (crate::answers::Answers<'_>, &Uncertainty),
    opts: &RunOpts,
) -> Result<PathBuf> {
    let (model, trials, seed) = (about.model, about.trials, about.seed);
    let tornado = report_tornado(model, sampled, trials, seed, opts.quiet || opts.json)?;
    let t = tornado.as_ref().map(|(arm, t)| (*arm, t));
    let html = report::run_page(
        about.lang,
        model,
        results,
        answers,
        sampled,
        t,
        &about.manifest()?,
    );
    report::write(out, html)
}

/// Write `sweep`'s report to `out`: the grid `(rows, axis, perspective)`, and the best point
/// analysed against the baseline on the sweep's trials and draws (`params`: the parameters as
/// the sweep drew them), run again for the two arms alone, in chunks.
pub(super) fn sweep_report(
    out: &Path,
    about: &About<'_>,
    (rows, axis, perspective): (&[SweepRow], Axis, Perspective),
    params: &Uncertainty,
) -> Result<PathBuf> {
    let model = about.model;
    let at = sweep::best(rows);
    let best_model = at.map(|b| model.pair(b.index + 1));
    let best_analysis = best_model.as_ref().map(|m| {
        crate::summary::analysed(
            m,
            params,
            (about.trials, about.seed),
            &indicatif::ProgressBar::hidden(),
            crate::budget::chunk_trials(m),
        )
    });
    let best =
        at.zip(best_model.as_ref())
            .zip(best_analysis.as_ref())
            .map(|((at, model), analysis)| report::BestPoint {
                at,
                model,
                analysis,
            });
    let page = report::SweepReport {
        model,
        rows,
        axis,
        perspective,
        best,
        params,
    };
    report::write(
        out,
        report::sweep_page(about.lang, &page, &about.manifest()?),
    )
}
