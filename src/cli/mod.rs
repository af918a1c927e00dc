//! The command line: clap definitions, turned into checked options before any work starts;
//! the commands themselves are in [`commands`].

mod bar;
mod beside;
mod calibrate;
mod commands;
mod compare;
mod documents;
mod follow;
mod guard;
mod limits;
pub mod stdout;
mod sweep_cmd;

use calibrate::{FitWhat, calibrate_cmd};
use commands::{expect_cmd, run, tornado_cmd};
use compare::compare_cmd;
use documents::{Documents, command_line};
use follow::{Observed, follow_cmd};
use stdout::say;
use sweep_cmd::{SweepJob, sweep_cmd};

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::economics::Perspective;
use crate::error::Result;
use crate::export::OutputSet;
use crate::sweep::{self, Axis};
use crate::{print, scenario};

/// Monte Carlo cohort simulator for municipal investment cases (investeringscases): what a
/// lower caseload for aktivitetsparate kontanthjælpsmodtagere saves, how sure that is, and when
/// it pays back.
#[derive(Debug, Parser)]
#[command(name = "kohort", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Simulate every arm of a scenario and write bands.csv, trials.csv, summary.csv, years.csv.
    ///
    /// Also writes effects.csv (each arm with no effect, at the research's and as assumed) and,
    /// when the scenario states a `[case]`, bridge.csv: the published case's own figure and
    /// arithmetic, step by step to kohort's headline. The terminal adds the effect it would take
    /// to pay (the mean's break-even, and where P(gain) reaches 50 % and 80 %).
    Run {
        /// Scenario file (TOML), e.g. scenarios/silkeborg.toml.
        scenario: PathBuf,
        /// Options shared by run and sweep.
        #[command(flatten)]
        opts: RunOpts,
        /// Workbook and report.
        #[command(flatten)]
        docs: Documents,
    },
    /// Run one arm at a range of caseloads (or caseworker counts) and write sweep.csv.
    ///
    /// Every point is paired with the baseline on the same trials, and shown with no effect,
    /// at the research's effect, and with the job elasticity it would take to pay. The best
    /// point is named only among points inside the caseloads the evidence covers.
    Sweep {
        /// Scenario file (TOML).
        scenario: PathBuf,
        /// The arm to vary (not the baseline).
        #[arg(long)]
        arm: String,
        /// Caseloads to try, FROM:TO:STEP (inclusive), e.g. 30:75:5.
        #[arg(
            long,
            value_name = "FROM:TO:STEP",
            conflicts_with = "caseworkers",
            required_unless_present = "caseworkers"
        )]
        caseload: Option<String>,
        /// Fixed caseworker counts to try instead, FROM:TO:STEP.
        #[arg(long, value_name = "FROM:TO:STEP")]
        caseworkers: Option<String>,
        /// Options shared by run and sweep.
        #[command(flatten)]
        opts: RunOpts,
        /// Workbook and report.
        #[command(flatten)]
        docs: Documents,
    },
    /// One-way sensitivity: each uncertain parameter at its 5th and 95th percentile, ranked by
    /// the swing in mean net saving; writes tornado.csv.
    Tornado {
        /// Scenario file (TOML) with some numbers written as distributions.
        scenario: PathBuf,
        /// The arm whose saving is compared [default: the first after the baseline].
        #[arg(long)]
        arm: Option<String>,
        /// Own bounds for a parameter instead of its 5th/95th percentile (repeatable).
        #[arg(long = "bound", value_name = "NAME=LOW:HIGH")]
        bounds: Vec<String>,
        /// Options shared by run and sweep.
        #[command(flatten)]
        opts: RunOpts,
    },
    /// The expected values with no Monte Carlo noise (the cohort's distribution pushed through
    /// the transition matrix); says when the scenario makes it an approximation. Writes expect.csv.
    Expect {
        /// Scenario file (TOML); uncertain parameters are taken at their means.
        scenario: PathBuf,
        /// Directory for expect.csv (created if missing).
        #[arg(long, default_value = "out")]
        out: PathBuf,
        /// Only the names of the files written.
        #[arg(long)]
        quiet: bool,
        /// CSV for `plain` tools or Danish Excel (`da`).
        #[arg(long, value_enum, default_value = "plain")]
        csv_dialect: crate::export::Dialect,
    },
    /// Fit the baseline to observed shares and write the calibrated scenario: the exit
    /// probabilities out of one state to the cohort's shares by state (exact expectation), or
    /// its duration multipliers and segment shares to how long spells in it last.
    Calibrate {
        /// Scenario file (TOML).
        scenario: PathBuf,
        /// Observed shares: month,state,share[,count] (the cohort's shares by state), or
        /// kind,state,months,share[,count] with kind `survival` (share of entrants still in the
        /// state after `months`) or `stock` (share of the stock with at least `months`).
        #[arg(long)]
        targets: PathBuf,
        /// The state whose exits are fitted [default: the targets' state, or the state most of
        /// the cohort starts in].
        #[arg(long)]
        from: Option<String>,
        /// With spell targets, what to fit: `duration` (a scale on each duration band's exit
        /// hazards), `segments` (the entrants' shares by segment), or both, comma-separated.
        #[arg(long, value_enum, value_delimiter = ',', default_value = "duration")]
        fit: Vec<FitWhat>,
        /// Where to write the calibrated scenario [default: SCENARIO with -calibrated before .toml].
        #[arg(long)]
        write: Option<PathBuf>,
        /// Only the names of the files written.
        #[arg(long)]
        quiet: bool,
    },
    /// Several scenarios side by side: each one's first arm against its own baseline, from one
    /// perspective; writes compare.csv (and with --report one page, with --xlsx one sheet).
    Compare {
        /// Two or more scenario files (TOML), e.g. scenarios/isu.toml scenarios/ballerup.toml.
        #[arg(required = true, num_args = 2.., value_name = "SCENARIO")]
        scenarios: Vec<PathBuf>,
        /// Options shared by run and sweep ([default: each scenario's own trials and seed]).
        #[command(flatten)]
        opts: RunOpts,
        /// Workbook and report.
        #[command(flatten)]
        docs: Documents,
    },
    /// Follow an investment a year in: the arm's actual months (counts by state) against the
    /// forecast's band, and the forecast updated by them (parameters weighted by the
    /// likelihood of the counts, the path restarted from the actual cohort). Writes
    /// follow.csv, posterior.csv and updated_bands.csv.
    Follow {
        /// Scenario file (TOML), e.g. scenarios/follow/ballerup-followed.toml.
        scenario: PathBuf,
        /// The arm's actual counts: a CSV with columns month,state,count (citizens of the
        /// cohort in the state at the end of the month; any months and states).
        #[arg(long, value_name = "FILE.csv")]
        actuals: PathBuf,
        /// The arm's actual net expenditure, a CSV with columns month,perspective,kr (shown
        /// against the forecast; the update uses the counts).
        #[arg(long, value_name = "FILE.csv")]
        expenditure: Option<PathBuf>,
        /// The arm the actuals are of [default: the first after the baseline].
        #[arg(long)]
        arm: Option<String>,
        /// Options shared by run and sweep.
        #[command(flatten)]
        opts: RunOpts,
        /// Workbook and report.
        #[command(flatten)]
        docs: Documents,
    },
    /// Check a scenario and print what it contains.
    Check {
        /// Scenario file (TOML).
        scenario: PathBuf,
    },
}

/// Options shared by `run`, `sweep` and `tornado`.
#[derive(Debug, Clone, Args)]
pub struct RunOpts {
    /// Number of trials [default: the scenario's `trials`].
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..))]
    pub trials: Option<u32>,
    /// Master seed [default: the scenario's `seed`].
    #[arg(long)]
    pub seed: Option<u64>,
    /// Directory for the output files (created if missing).
    #[arg(long, default_value = "out")]
    pub out: PathBuf,
    /// No progress bar and no summary on the terminal; only the names of the files written.
    #[arg(long)]
    pub quiet: bool,
    /// Run every uncertain parameter at its mean (chance alone, no parameter uncertainty).
    #[arg(long)]
    pub fixed_parameters: bool,
    /// Print the summary as JSON on stdout (for pipelines) instead of tables; no progress bar.
    #[arg(long)]
    pub json: bool,
    /// CSV files for `plain` tools (`,` and `.`) or Danish Excel (`da`: `;`, decimal comma,
    /// UTF-8 with BOM).
    #[arg(long, value_enum, default_value = "plain")]
    pub csv_dialect: crate::export::Dialect,
    /// Whose saving the headline (and a sweep's best point, a tornado's bars) reports:
    /// forsoergelse, kommune, kommune_efter_udligning, stat or offentlige_finanser
    /// [default: the scenario's `headline`, else kommune_efter_udligning]. Every perspective
    /// stays in the tables and files.
    #[arg(long, value_parser = parse_perspective)]
    pub perspective: Option<Perspective>,
}

/// Run `command`, whose outputs go to `out`, as one [`OutputSet`]: its files appear together
/// when it succeeds, or none of them.
fn in_set(out: &std::path::Path, command: impl FnOnce() -> Result<()>) -> Result<()> {
    let set = OutputSet::begin(out)?;
    command()?;
    set.commit()
}

/// Parse `args` and do what they say.
pub fn main_with(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Run {
            scenario,
            opts,
            docs,
        } => {
            docs.prepare()?;
            in_set(&opts.out, || run(&scenario, &opts, &docs, command_line()))
        }
        Command::Sweep {
            scenario,
            arm,
            caseload,
            caseworkers,
            opts,
            docs,
        } => {
            docs.prepare()?;
            let (axis, text) = match (caseload, caseworkers) {
                (Some(c), _) => (Axis::Caseload, c),
                (None, Some(w)) => (Axis::Caseworkers, w),
                (None, None) => unreachable!("clap requires one of them"),
            };
            let values = sweep::parse_range(axis.flag(), &text)?;
            let job = SweepJob {
                arm: &arm,
                axis,
                values: &values,
            };
            in_set(&opts.out, || {
                sweep_cmd(&scenario, &job, &opts, &docs, command_line())
            })
        }
        Command::Tornado {
            scenario,
            arm,
            bounds,
            opts,
        } => in_set(&opts.out, || {
            tornado_cmd(&scenario, arm.as_deref(), &bounds, &opts)
        }),
        Command::Expect {
            scenario,
            out,
            quiet,
            csv_dialect,
        } => in_set(&out, || expect_cmd(&scenario, &out, quiet, csv_dialect)),
        Command::Calibrate {
            scenario,
            targets,
            from,
            fit,
            write,
            quiet,
        } => {
            let what = crate::calibrate::spell_fit::Fitted {
                duration: fit.contains(&FitWhat::Duration),
                segments: fit.contains(&FitWhat::Segments),
            };
            calibrate_cmd(&scenario, &targets, from.as_deref(), what, write, quiet)
        }
        Command::Compare {
            scenarios,
            opts,
            docs,
        } => {
            docs.prepare()?;
            in_set(&opts.out, || {
                compare_cmd(&scenarios, &opts, &docs, command_line())
            })
        }
        Command::Follow {
            scenario,
            actuals,
            expenditure,
            arm,
            opts,
            docs,
        } => {
            docs.prepare()?;
            let seen = Observed {
                actuals: &actuals,
                expenditure: expenditure.as_deref(),
                arm: arm.as_deref(),
            };
            in_set(&opts.out, || {
                follow_cmd(&scenario, &seen, &opts, &docs, command_line())
            })
        }
        Command::Check { scenario } => {
            let (model, params) = scenario::load_uncertain(&scenario)?;
            stdout::out(print::describe(&model));
            stdout::out(print::describe_uncertain(&params));
            for w in crate::model::lint(&model) {
                say!("warning: {w}");
            }
            Ok(())
        }
    }
}

fn parse_perspective(s: &str) -> std::result::Result<Perspective, String> {
    Perspective::from_id(s).ok_or_else(|| format!("`{s}` is not one of {}", Perspective::ids()))
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn verify_cli() {
        super::Cli::command().debug_assert();
    }
}
