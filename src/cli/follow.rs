//! `kohort follow`: the months that have happened against the forecast, and the updated
//! forecast.

use super::stdout::say;
use std::path::Path;

use super::RunOpts;
use super::bar;
use super::commands::{load, report_written};
use super::documents::Documents;
use crate::error::{Error, Result};
use crate::follow::{self, Job};
use crate::model::Model;
use crate::uncertainty::Uncertainty;
use crate::{export, print};

/// What `follow` reads besides the scenario.
pub(super) struct Observed<'a> {
    /// `--actuals`.
    pub actuals: &'a Path,
    /// `--expenditure`.
    pub expenditure: Option<&'a Path>,
    /// `--arm`.
    pub arm: Option<&'a str>,
}

/// The followed arm: `--arm`, or the first after the baseline.
fn arm_index(model: &Model, arm: Option<&str>) -> Result<usize> {
    let names: Vec<&str> = model.arms.iter().skip(1).map(|a| a.name.as_str()).collect();
    let index = match arm {
        None => (model.arms.len() > 1).then_some(1),
        Some(name) => model
            .arms
            .iter()
            .position(|a| a.name == name)
            .filter(|&i| i > 0),
    };
    index.ok_or_else(|| match names.is_empty() {
        true => Error::usage(
            "--arm",
            "the scenario has only a baseline: there is no investment to follow",
        ),
        false => Error::usage(
            "--arm",
            format!(
                "`{}` is not an arm after the baseline; the arms are: {}",
                arm.unwrap_or(""),
                names.join(", ")
            ),
        ),
    })
}

/// `kohort follow`.
pub(super) fn follow_cmd(
    path: &Path,
    seen: &Observed<'_>,
    opts: &RunOpts,
    docs: &Documents,
    command: String,
) -> Result<()> {
    let (model, params) = load(path, opts)?;
    let mut inputs = crate::scenario::input_files(path, &model)?;
    inputs.push(seen.actuals.to_path_buf());
    inputs.extend(seen.expenditure.map(Path::to_path_buf));
    docs.outputs(&opts.out).check(&inputs)?;
    let arm = arm_index(&model, seen.arm)?;
    let actuals = follow::actuals::read(seen.actuals, seen.expenditure, &model)?;
    follow::actuals::check_size(&actuals, &model, arm)?;
    let pair = follow::pair(&model, arm)?;
    let (trials, seed) = (
        opts.trials.unwrap_or(model.trials),
        opts.seed.unwrap_or(model.seed),
    );
    let quiet = opts.quiet || opts.json;
    let records = crate::budget::Holding::Records;
    super::limits::check("this follow-up", &pair, (trials, 2, 1), records, quiet)?;
    let sampled = match opts.fixed_parameters {
        true => Uncertainty::default(),
        false => params,
    };
    export::ensure_dir(&opts.out)?;
    let bar = bar::trials_bar(trials as u64, quiet);
    bar.set_message(format!(
        "{}: following `{}`",
        model.name, model.arms[arm].name
    ));
    let job = Job {
        model: &model,
        params: &sampled,
        arm,
        actuals: &actuals,
    };
    let f = follow::follow(job, (trials, seed), &bar)?;
    bar.finish_and_clear();
    let mut written = export::write_follow(opts.csv_dialect, &opts.out, &f)?;
    let bands = opts.out.join("updated_bands.csv");
    written.push(export::write_csv(&bands, opts.csv_dialect, |w| {
        export::bands_csv(&f.pair, &f.updated, w)
    })?);
    let lang = docs.lang(&model);
    if let Some(path) = &docs.xlsx {
        let name = |da, en| lang.pick(da, en);
        let chart = |title: &str, lines: Vec<u16>, markers: Vec<u16>, bars| export::SheetChart {
            title: title.to_string(),
            lines,
            markers,
            bars,
        };
        let sheets = vec![
            export::Sheet::new(name("Prognose og faktisk", "Forecast and actual"), |w| {
                export::forecast_csv(&f, w)
            })
            .with_chart(chart(
                name(
                    "Prognosens bånd og de faktiske måneder",
                    "The forecast's band and the actual months",
                ),
                vec![2, 3, 4],
                vec![1],
                false,
            )),
            export::Sheet::new(name("Opfølgning", "Follow-up"), |w| {
                export::follow_csv(&f, w)
            }),
            export::Sheet::new(name("Før og efter", "Before and after"), |w| {
                export::posterior_csv(&f, w)
            }),
            export::Sheet::new(name("Opdaterede bånd", "Updated bands"), |w| {
                export::bands_csv(&f.pair, &f.updated, w)
            }),
            export::Sheet::new(
                name("Besparelse før og efter", "Saving before and after"),
                |w| export::saving_histogram_csv(&f, w),
            )
            .with_chart(chart(
                name(
                    "Nettobesparelse i alt, mio. kr.: andel af forsøg, %",
                    "Total net saving, mio. kr.: share of trials, %",
                ),
                vec![2, 3],
                vec![],
                true,
            )),
            export::Sheet::new(
                name("Parameter før og efter", "Parameter before and after"),
                |w| export::parameter_histogram_csv(&f, w),
            )
            .with_chart(chart(
                name(
                    "Den mest flyttede parameter: andel, %",
                    "The most-moved parameter: share, %",
                ),
                vec![2, 3],
                vec![],
                true,
            )),
        ];
        let da = lang == crate::report::Lang::Da;
        written.push(export::write_xlsx(path, &f.pair, sheets, da)?);
    }
    if let Some(out) = &docs.report {
        let manifest = crate::report::Manifest::new(path, command, trials, seed)?;
        let html = crate::report::follow_page(lang, &f, &sampled, &manifest);
        written.push(crate::report::write(out, html)?);
    }
    if opts.json {
        say!("{}", print::follow_json(&f, lang, seed, &written));
        return Ok(());
    }
    if !opts.quiet {
        say!("{}", print::follow_text(&f, lang));
    }
    report_written(&written);
    Ok(())
}
