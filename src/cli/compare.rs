//! `kohort compare`: several scenarios, each one's first arm against its own baseline.

use super::stdout::say;
use std::path::PathBuf;

use super::RunOpts;
use super::bar;
use super::commands::{load, report_written};
use super::documents::Documents;
use crate::economics::Perspective;
use crate::error::Result;
use crate::model::Model;
use crate::uncertainty::Uncertainty;
use crate::{compare, export, print};

/// `kohort compare`: every scenario loaded and checked before any is simulated, then each one's
/// first arm against its baseline, from `--perspective` (default kommune_efter_udligning) for all.
pub(super) fn compare_cmd(
    paths: &[PathBuf],
    opts: &RunOpts,
    docs: &Documents,
    command: String,
) -> Result<()> {
    let p = opts.perspective.unwrap_or(Perspective::HEADLINE);
    let loaded = paths
        .iter()
        .map(|path| {
            let (model, params) = load(path, opts)?;
            let pair = compare::pair(&path.display().to_string(), &model)?;
            Ok((path, pair, params))
        })
        .collect::<Result<Vec<_>>>()?;
    let mut inputs = Vec::new();
    for (path, pair, _) in &loaded {
        inputs.extend(crate::scenario::input_files(path, pair)?);
    }
    docs.outputs(&opts.out).check(&inputs)?;
    let plan = |m: &Model| (opts.trials.unwrap_or(m.trials), opts.seed.unwrap_or(m.seed));
    for (path, pair, _) in &loaded {
        let what = format!("comparing {}", path.display());
        let quiet = opts.quiet || opts.json;
        let holding = crate::budget::Holding::Summarised;
        super::limits::check(&what, pair, (plan(pair).0, 1, 1), holding, quiet)?;
    }
    export::ensure_dir(&opts.out)?;
    let mut rows = Vec::new();
    for (path, model, params) in &loaded {
        let sampled = match opts.fixed_parameters {
            true => Uncertainty::default(),
            false => params.clone(),
        };
        let (trials, seed) = plan(model);
        let bar = bar::trials_bar(trials as u64, opts.quiet || opts.json);
        bar.set_message(model.name.clone());
        let file = path.display().to_string();
        rows.push(compare::compare_one(
            &file,
            (model, &sampled),
            (trials, seed),
            p,
            &bar,
        ));
        bar.finish_and_clear();
    }
    let mut written = vec![export::write_compare(opts.csv_dialect, &opts.out, &rows)?];
    let lang = docs.lang(&loaded[0].1);
    if let Some(path) = &docs.xlsx {
        let name = lang.pick("Sammenligning", "Comparison");
        let sheet = export::Sheet::new(name, |w| export::compare_csv(&rows, w));
        let da = lang == crate::report::Lang::Da;
        written.push(export::write_workbook(path, None, vec![sheet], da)?);
    }
    if let Some(out) = &docs.report {
        let pairs: Vec<(&Model, compare::CompareRow)> = loaded
            .iter()
            .map(|(_, m, _)| m)
            .zip(rows.iter().cloned())
            .collect();
        let html = crate::report::compare_page(lang, &pairs, p, &command);
        written.push(crate::report::write(out, html)?);
    }
    if opts.json {
        say!("{}", print::compare_json(&rows, &written));
        return Ok(());
    }
    if !opts.quiet {
        say!("{}", print::compare_table(&rows, p));
    }
    report_written(&written);
    Ok(())
}
