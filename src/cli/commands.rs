//! The commands behind the command line: load, simulate, analyse, write, print.

use super::stdout::say;
use std::path::{Path, PathBuf};

use super::RunOpts;
use super::bar;
use super::beside;
use super::documents::{self, About, Documents};
use super::guard::Outputs;
use crate::error::Result;
use crate::model::Model;
use crate::uncertainty::Uncertainty;
use crate::{budget, effects, export, print, scenario, tornado};

pub(super) fn report_written(paths: &[PathBuf]) {
    for p in paths {
        say!("wrote {}", p.display());
    }
}

/// The scenario at `path` with its uncertain parameters, its headline as `--perspective` says.
pub(super) fn load(path: &Path, opts: &RunOpts) -> Result<(Model, Uncertainty)> {
    let (mut model, params) = scenario::load_uncertain(path)?;
    if let Some(p) = opts.perspective {
        model.headline = p;
    }
    Ok((model, params))
}

pub(super) fn run(path: &Path, opts: &RunOpts, docs: &Documents, command: String) -> Result<()> {
    let (model, params) = load(path, opts)?;
    docs.outputs(&opts.out)
        .check(&scenario::input_files(path, &model)?)?;
    export::ensure_dir(&opts.out)?;
    let sampled = if opts.fixed_parameters {
        Uncertainty::default()
    } else {
        params.clone()
    };
    let trials = opts.trials.unwrap_or(model.trials);
    let seed = opts.seed.unwrap_or(model.seed);
    let variants = 1 + effects::variants(&model).len();
    if docs.xlsx.is_some() {
        // The Forsøg sheet has a row per trial, arm and perspective.
        let per_trial = model.arms.len() as u64 * crate::economics::Perspective::ALL.len() as u64;
        super::limits::check_sheet_rows("--xlsx", trials as u64 * per_trial + 1, per_trial)?;
        super::limits::check_bands_sheet(&model)?;
    }
    super::limits::check(
        "this run",
        &model,
        (trials, variants, 1),
        budget::Holding::Chunked,
        opts.quiet || opts.json,
    )?;
    let bar = bar::trials_bar(trials as u64, opts.quiet || opts.json);
    bar.set_message(format!(
        "{}: as assumed, without effect and at the evidence",
        model.name
    ));
    if !opts.json {
        for w in crate::model::lint(&model) {
            eprintln!("warning: {w}");
        }
    }
    let chunk = budget::chunk_trials(&model);
    let (analysis, outcomes) = effects::run_analysed(&model, &sampled, (trials, seed), &bar, chunk);
    bar.finish_and_clear();
    let effects = effects::compare(&model, &outcomes, &analysis);
    // The effect it would take to pay, on the exact expectation (not when `expect` refuses
    // the scenario: then the terminal says why).
    let shown = !opts.quiet || opts.json || docs.report.is_some();
    let thresholds = match shown {
        true => crate::threshold::thresholds(&model, &params),
        false => Ok(Vec::new()),
    };
    let found = thresholds.as_deref().unwrap_or(&[]);
    let (chances, ratios, bridge) = beside::computed(
        &model,
        (&params, &sampled),
        (trials, seed),
        (shown, opts.quiet || opts.json),
    )?;
    let answers = crate::answers::Answers {
        bridge: bridge.as_ref(),
        chances: &chances,
        ratios: &ratios,
    };
    // Only the printed variance split needs chance alone; a smaller run at the means does.
    let chance_only = (!sampled.is_empty() && !opts.quiet && !opts.json)
        .then(|| beside::chance_alone(&model, trials, seed));
    let mut written = vec![
        export::write_bands(opts.csv_dialect, &opts.out, &model, &analysis)?,
        export::write_trials(
            opts.csv_dialect,
            &opts.out,
            &model,
            &analysis,
            &sampled,
            seed,
        )?,
        export::write_summary(opts.csv_dialect, &opts.out, &model, &analysis)?,
        export::write_years(opts.csv_dialect, &opts.out, &model, &analysis)?,
        export::write_effects(opts.csv_dialect, &opts.out, &model, &effects)?,
    ];
    if let Some(b) = &bridge {
        let lang = docs.lang(&model);
        written.push(export::write_bridge(
            opts.csv_dialect,
            &opts.out,
            (&model, b, lang),
        )?);
    }
    written.extend(export::write_segments(
        opts.csv_dialect,
        &opts.out,
        &model,
        &analysis,
    )?);
    if let Some(path) = &docs.xlsx {
        let lang = docs.lang(&model);
        let name = |da, en| lang.pick(da, en);
        let mut sheets = vec![
            export::Sheet::new(name("Sammendrag", "Summary"), |w| {
                export::summary_csv(&model, &analysis, w)
            }),
            export::Sheet::new(name("Bånd", "Bands"), |w| {
                export::bands_csv(&model, &analysis, w)
            }),
            export::Sheet::new(name("Forsøg", "Trials"), |w| {
                export::trials_csv(&model, &analysis, &sampled, seed, w)
            }),
            export::Sheet::new(name("Budgetår", "Budget years"), |w| {
                export::years_csv(&model, &analysis, w)
            }),
            export::Sheet::new(name("Effekter", "Effects"), |w| {
                export::effects_csv(&model, &effects, w)
            }),
        ];
        if !analysis.segments.is_empty() {
            sheets.push(export::Sheet::new(name("Segmenter", "Segments"), |w| {
                export::segments_csv(&model, &analysis, w)
            }));
        }
        if let Some(b) = &bridge {
            let model = &model;
            sheets.push(export::Sheet::new(name("Bro", "Bridge"), move |w| {
                export::bridge_csv(model, b, lang, w)
            }));
        }
        let da = lang == crate::report::Lang::Da;
        written.push(export::write_xlsx(path, &model, sheets, da)?);
    }
    if let Some(out) = &docs.report {
        let about = About::new(path, &model, (trials, seed), command, docs.lang(&model));
        written.push(documents::run_report(
            out,
            &about,
            (&analysis, &effects, found),
            (answers, &sampled),
            opts,
        )?);
    }
    if opts.json {
        say!(
            "{}",
            print::run_json(
                &model,
                (&analysis, &effects, found),
                answers,
                (trials, seed),
                &written
            )
        );
        return Ok(());
    }
    if !opts.quiet {
        say!("{}", print::run_summary(&model, &analysis, trials, seed));
        say!("{}", print::effects_table(&model, &effects));
        match &thresholds {
            Ok(t) => say!("{}", print::threshold_table(&model, t)),
            Err(e) => say!("The effect it would take to pay is not computed: {e}\n"),
        }
        say!("{}", print::chance_table(&model, &chances));
        say!("{}", print::ratio_table(&model, &ratios));
        if let Some(b) = &bridge {
            say!("{}", print::bridge_table(&model, b));
        }
        if let Some((n, fixed)) = &chance_only {
            say!(
                "{}",
                print::uncertainty_split(&model, &analysis, (*n, fixed), &sampled)
            );
            say!("{}\n", print::WHICH_FIGURE);
        } else if opts.fixed_parameters && !params.is_empty() {
            say!(
                "All {} uncertain parameters at their means (--fixed-parameters): the bands show chance alone.\n",
                params.params.len()
            );
        }
    }
    report_written(&written);
    Ok(())
}

pub(super) fn tornado_cmd(
    path: &Path,
    arm: Option<&str>,
    bounds: &[String],
    opts: &RunOpts,
) -> Result<()> {
    let (model, params) = load(path, opts)?;
    Outputs::dir(&opts.out).check(&scenario::input_files(path, &model)?)?;
    let p = model.headline;
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
    let trials = opts.trials.unwrap_or(model.trials);
    let passes = tornado::runs(&params);
    super::limits::check(
        "the tornado",
        &model,
        (trials, 1, passes),
        budget::Holding::Summarised,
        opts.quiet || opts.json,
    )?;
    export::ensure_dir(&opts.out)?;
    let seed = opts.seed.unwrap_or(model.seed);
    let bar = bar::trials_bar(trials as u64 * passes, opts.quiet || opts.json);
    bar.set_message(format!("{} tornado", model.name));
    let t = tornado::tornado(&model, &params, arm, p, trials, seed, &bounds, &bar)?;
    bar.finish_and_clear();
    let written = export::write_tornado(
        opts.csv_dialect,
        &opts.out,
        &model.arms[arm].name,
        p,
        &t.rows,
    )?;
    if opts.json {
        let doc = serde_json::json!({ "scenario": model.name, "arm": model.arms[arm].name, "perspective": p.id(), "trials": trials, "seed": seed, "files": [written.display().to_string()], "base": t.base, "rows": t.rows });
        say!(
            "{}",
            serde_json::to_string_pretty(&doc).expect("plain data serialises")
        );
        return Ok(());
    }
    if !opts.quiet {
        say!("{}\n", print::heading(&model, trials, seed));
        say!("{}", print::tornado_table(&model, arm, p, &t));
    }
    report_written(&[written]);
    Ok(())
}

pub(super) fn expect_cmd(
    path: &Path,
    out: &Path,
    quiet: bool,
    dialect: export::Dialect,
) -> Result<()> {
    let model = scenario::load(path)?;
    Outputs::dir(out).check(&scenario::input_files(path, &model)?)?;
    let e = crate::expect::expect(&model)?;
    export::ensure_dir(out)?;
    let written = export::write_expect(dialect, out, &model, &e)?;
    if !quiet {
        say!("{}", print::expect_summary(&model, &e));
    }
    report_written(&[written]);
    Ok(())
}
