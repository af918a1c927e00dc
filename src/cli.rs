//! The command line: clap definitions, turned into checked options before any work starts.

use std::path::{Path, PathBuf};

use clap::{Args, Parser, Subcommand};

use crate::economics::Perspective;
use crate::error::Result;
use crate::model::Model;
use crate::summary::{self, Analysis};
use crate::sweep::{self, Axis, SweepRow};
use crate::uncertainty::Uncertainty;
use crate::{engine, export, print, progress, scenario, tornado};

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
    Run {
        /// Scenario file (TOML), e.g. scenarios/silkeborg.toml.
        scenario: PathBuf,
        /// Options shared by run and sweep.
        #[command(flatten)]
        opts: RunOpts,
    },
    /// Run one arm at a range of caseloads (or caseworker counts) and write sweep.csv.
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
        /// Whose savings to report: kommune, kommune_efter_udligning, stat or offentlige_finanser.
        #[arg(long, default_value = "kommune", value_parser = parse_perspective)]
        perspective: Perspective,
        /// Options shared by run and sweep.
        #[command(flatten)]
        opts: RunOpts,
    },
    /// One-way sensitivity: each uncertain parameter at its 5th and 95th percentile, ranked by
    /// the swing in mean net saving; writes tornado.csv.
    Tornado {
        /// Scenario file (TOML) with some numbers written as distributions.
        scenario: PathBuf,
        /// The arm whose saving is compared [default: the first after the baseline].
        #[arg(long)]
        arm: Option<String>,
        /// Whose savings: kommune, kommune_efter_udligning, stat or offentlige_finanser.
        #[arg(long, default_value = "kommune", value_parser = parse_perspective)]
        perspective: Perspective,
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
    },
    /// Fit the baseline's exit probabilities out of one state to observed shares (exact
    /// expectation); report each target and write the calibrated scenario.
    Calibrate {
        /// Scenario file (TOML).
        scenario: PathBuf,
        /// Observed shares: a CSV with columns month,state,share[,count].
        #[arg(long)]
        targets: PathBuf,
        /// The state whose exits are fitted [default: the state most of the cohort starts in].
        #[arg(long)]
        from: Option<String>,
        /// Where to write the calibrated scenario [default: SCENARIO with -calibrated before .toml].
        #[arg(long)]
        write: Option<PathBuf>,
        /// Only the names of the files written.
        #[arg(long)]
        quiet: bool,
    },
    /// Check a scenario and print what it contains.
    Check {
        /// Scenario file (TOML).
        scenario: PathBuf,
    },
}

/// Options shared by `run` and `sweep`.
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
}

/// Parse `args` and do what they say.
pub fn main_with(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Run { scenario, opts } => run(&scenario, &opts),
        Command::Sweep {
            scenario,
            arm,
            caseload,
            caseworkers,
            perspective,
            opts,
        } => {
            let (axis, text) = match (caseload, caseworkers) {
                (Some(c), _) => (Axis::Caseload, c),
                (None, Some(w)) => (Axis::Caseworkers, w),
                (None, None) => unreachable!("clap requires one of them"),
            };
            let values = sweep::parse_range(axis.flag(), &text)?;
            sweep_cmd(&scenario, &arm, axis, &values, perspective, &opts)
        }
        Command::Tornado {
            scenario,
            arm,
            perspective,
            bounds,
            opts,
        } => tornado_cmd(&scenario, arm.as_deref(), perspective, &bounds, &opts),
        Command::Expect {
            scenario,
            out,
            quiet,
        } => {
            let model = scenario::load(&scenario)?;
            let e = crate::expect::expect(&model)?;
            export::ensure_dir(&out)?;
            let written = export::write_expect(&out, &model, &e)?;
            if !quiet {
                println!("{}", print::expect_summary(&model, &e));
            }
            report_written(&[written]);
            Ok(())
        }
        Command::Calibrate {
            scenario,
            targets,
            from,
            write,
            quiet,
        } => calibrate_cmd(&scenario, &targets, from.as_deref(), write, quiet),
        Command::Check { scenario } => {
            print!("{}", print::describe(&scenario::load(&scenario)?));
            Ok(())
        }
    }
}

/// Run the trials: with the parameters drawn per trial, or at their means when
/// `--fixed-parameters` (or `params` is empty).
fn simulate(model: &Model, params: &Uncertainty, opts: &RunOpts) -> (engine::Results, u32, u64) {
    let trials = opts.trials.unwrap_or(model.trials);
    let seed = opts.seed.unwrap_or(model.seed);
    let bar = progress::trials_bar(trials as u64, opts.quiet);
    bar.set_message(model.name.clone());
    let none = Uncertainty::default();
    let params = if opts.fixed_parameters { &none } else { params };
    let results = engine::run_uncertain(model, params, trials, seed, &bar);
    bar.finish_and_clear();
    (results, trials, seed)
}

fn report_written(paths: &[PathBuf]) {
    for p in paths {
        println!("wrote {}", p.display());
    }
}

fn run(path: &Path, opts: &RunOpts) -> Result<()> {
    let (model, params) = scenario::load_uncertain(path)?;
    export::ensure_dir(&opts.out)?;
    let sampled = if opts.fixed_parameters {
        Uncertainty::default()
    } else {
        params.clone()
    };
    // The run at the means only feeds the printed variance split; it runs first, so only its
    // summary is alive while the main run's records are.
    let chance_only = (!sampled.is_empty() && !opts.quiet).then(|| {
        let fixed = RunOpts {
            fixed_parameters: true,
            quiet: true,
            ..opts.clone()
        };
        let (r, _, _) = simulate(&model, &params, &fixed);
        summary::summarise(&model, &r, Perspective::Kommune).1
    });
    let (results, trials, seed) = simulate(&model, &params, opts);
    let analysis = Analysis::new(&model, &results);
    drop(results);
    let written = [
        export::write_bands(&opts.out, &model, &analysis)?,
        export::write_trials(&opts.out, &model, &analysis, &sampled, seed)?,
        export::write_summary(&opts.out, &model, &analysis)?,
        export::write_years(&opts.out, &model, &analysis)?,
    ];
    if !opts.quiet {
        println!("{}", print::run_summary(&model, &analysis, trials, seed));
        if let Some(fixed) = &chance_only {
            println!(
                "{}",
                print::uncertainty_split(&model, &analysis, fixed, &sampled)
            );
        } else if opts.fixed_parameters && !params.is_empty() {
            println!(
                "All {} uncertain parameters at their means (--fixed-parameters): the bands show chance alone.\n",
                params.params.len()
            );
        }
    }
    report_written(&written);
    Ok(())
}

fn tornado_cmd(
    path: &Path,
    arm: Option<&str>,
    p: Perspective,
    bounds: &[String],
    opts: &RunOpts,
) -> Result<()> {
    let (model, params) = scenario::load_uncertain(path)?;
    let arm = match arm {
        None if model.arms.len() > 1 => 1,
        None => {
            return Err(crate::Error::usage(
                "--arm",
                "the scenario has only a baseline",
            ));
        }
        Some(name) => match model.arm_index(name) {
            Some(0) => {
                return Err(crate::Error::usage(
                    "--arm",
                    format!("`{name}` is the baseline; name another arm"),
                ));
            }
            Some(a) => a,
            None => return Err(crate::Error::usage("--arm", format!("no arm `{name}`"))),
        },
    };
    let bounds = bounds
        .iter()
        .map(|b| tornado::parse_bound(b))
        .collect::<Result<Vec<_>>>()?;
    export::ensure_dir(&opts.out)?;
    let trials = opts.trials.unwrap_or(model.trials);
    let seed = opts.seed.unwrap_or(model.seed);
    let bar = progress::trials_bar(
        trials as u64 * 2 * params.params.len().max(1) as u64,
        opts.quiet,
    );
    bar.set_message(format!("{} tornado", model.name));
    let rows = tornado::tornado(&model, &params, arm, p, trials, seed, &bounds, &bar)?;
    bar.finish_and_clear();
    let written = export::write_tornado(&opts.out, &model.arms[arm].name, p, &rows)?;
    if !opts.quiet {
        println!("{}\n", print::heading(&model, trials, seed));
        println!("{}", print::tornado_table(&model, arm, p, &rows));
    }
    report_written(&[written]);
    Ok(())
}

fn calibrate_cmd(
    path: &Path,
    targets: &Path,
    from: Option<&str>,
    write: Option<PathBuf>,
    quiet: bool,
) -> Result<()> {
    use crate::calibrate;
    let model = scenario::load(path)?;
    let from = match from {
        Some(id) => model.state_index(id).ok_or_else(|| {
            crate::Error::usage("--from", format!("`{id}` is not a state of the scenario"))
        })?,
        None => (0..model.states.len())
            .max_by_key(|&s| (model.initial_counts[s], std::cmp::Reverse(s)))
            .unwrap_or(0),
    };
    let mut t = calibrate::read_targets(targets, &model)?;
    calibrate::check(&model, from, &mut t, &targets.display().to_string())?;
    let fit = calibrate::fit(&model, from, &t)?;
    let text = std::fs::read_to_string(path)
        .map_err(|e| crate::Error::io(path, "cannot read scenario", e))?;
    let out = write.unwrap_or_else(|| {
        path.with_file_name(format!(
            "{}-calibrated.toml",
            path.file_stem().unwrap_or_default().to_string_lossy()
        ))
    });
    let new = calibrate::rewrite(&text, &model, from, &fit.row, &path.display().to_string())?;
    let written = export::write_atomic(&out, |w| w.write_all(new.as_bytes()))?;
    if !quiet {
        println!("{}", print::calibration(&model, from, &t, &fit));
    }
    report_written(&[written]);
    Ok(())
}

fn parse_perspective(s: &str) -> std::result::Result<Perspective, String> {
    Perspective::from_id(s).ok_or_else(|| {
        let ids: Vec<&str> = Perspective::ALL.iter().map(|p| p.id()).collect();
        format!("`{s}` is not one of {}", ids.join(", "))
    })
}

fn sweep_cmd(
    path: &Path,
    arm: &str,
    axis: Axis,
    values: &[f64],
    perspective: Perspective,
    opts: &RunOpts,
) -> Result<()> {
    let (model, params) = scenario::load_uncertain(path)?;
    let model = sweep::expand(&model, arm, axis, values)?;
    export::ensure_dir(&opts.out)?;
    let (results, trials, seed) = simulate(&model, &params, opts);
    let (_, arms) = summary::summarise(&model, &results, perspective);
    let rows: Vec<SweepRow> = values
        .iter()
        .zip(&arms[1..])
        .map(|(&v, s)| SweepRow::new(axis, v, s))
        .collect();
    let written = export::write_sweep(&opts.out, &rows)?;
    if !opts.quiet {
        println!("{}\n", print::heading(&model, trials, seed));
        println!("{}", print::sweep_table(&model, arm, &rows));
    }
    report_written(&[written]);
    Ok(())
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn verify_cli() {
        super::Cli::command().debug_assert();
    }
}
