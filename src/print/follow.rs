//! `kohort follow` on the terminal: the headline sentence, then each observation against the
//! forecast, the saving before and after, and the parameters the actuals moved.

use std::fmt::Write;
use std::path::PathBuf;

use serde_json::json;

use super::{mio, month, percent};
use crate::follow::Followed;
use crate::report::Lang;
use crate::report::follow_words::headline;

/// The follow-up's text: the headline in `lang`, then the tables (in English).
pub fn follow_text(f: &Followed, lang: Lang) -> String {
    let model = &f.pair;
    let mut out = format!("{}\n\n", headline(lang, f));
    let _ = writeln!(
        out,
        "`{}` against the scenario's forecast ({} trials; * outside its 90 % band):",
        model.arms[1].name, f.trials
    );
    let _ = writeln!(
        out,
        "{:>5}  {:<32} {:>12} {:>12} {:>12} {:>12} {:>10}",
        "month", "metric", "actual", "mean", "p5", "p95", "percentile"
    );
    for r in &f.checks {
        let _ = writeln!(
            out,
            "{:>5}  {:<32} {:>12.0} {:>12.1} {:>12.1} {:>12.1} {:>9.1}{}",
            r.month,
            crate::export::metric(model, r.observed),
            r.actual,
            r.mean,
            r.p5,
            r.p95,
            r.percentile,
            if r.outside() { "*" } else { " " }
        );
    }
    let p = model.headline;
    let _ = writeln!(
        out,
        "\nTotal net saving for the {} over {} months, mio. kr., discounted:",
        p.label(false),
        model.months
    );
    let _ = writeln!(
        out,
        "{:<10} {:>9} {:>19} {:>8} {:>13}",
        "forecast", "mean", "90 % interval", "P(gain)", "break-even"
    );
    for (name, a) in [("scenario", &f.prior), ("updated", &f.updated)] {
        let s = a.arm(1, p);
        let b = &s.savings_total;
        let _ = writeln!(
            out,
            "{:<10} {:>9} {:>19} {:>8} {:>13}",
            name,
            mio(b.mean),
            format!("{} to {}", mio(b.at(0.05)), mio(b.at(0.95))),
            percent(s.p_gain),
            month(s.breakeven_p50, model.months),
        );
    }
    if !f.params.is_empty() {
        let _ = writeln!(
            out,
            "\n{:<44} {:>26} {:>26}",
            "parameter", "scenario: mean (p5–p95)", "updated: mean (p5–p95)"
        );
        for r in &f.params {
            let cell = |v: &[f64; 3]| format!("{:.4} ({:.4}–{:.4})", v[0], v[1], v[2]);
            let _ = writeln!(
                out,
                "{:<44} {:>26} {:>26}",
                r.name,
                cell(&r.prior),
                cell(&r.posterior)
            );
        }
    }
    let method = match f.sampler {
        crate::follow::Sampler::Weighted => format!(
            "The update weighs each trial's parameters by the likelihood of the observed counts ({:.0} effective trials of {})",
            f.effective, f.trials
        ),
        crate::follow::Sampler::Tempered { stages, acceptance } => format!(
            "Only {:.0} of the scenario's {} trials explain the observed counts, too few to weigh them: the parameters are updated by likelihood-tempered sequential Monte Carlo ({stages} stages, {:.0} % of moves accepted)",
            f.effective,
            f.trials,
            100.0 * acceptance
        ),
    };
    let _ = writeln!(
        out,
        "\n{method} and restart the arm's path from the actual cohort; the baseline is each trial's own."
    );
    out
}

/// The follow-up as JSON: the headline, each observation, each parameter, the saving before
/// and after from every perspective, the effective trials and the files written.
pub fn follow_json(f: &Followed, lang: Lang, seed: u64, files: &[PathBuf]) -> String {
    let model = &f.pair;
    let checks: Vec<_> = f
        .checks
        .iter()
        .map(|r| {
            json!({
                "month": r.month,
                "metric": crate::export::metric(model, r.observed),
                "actual": r.actual,
                "mean": r.mean,
                "p5": r.p5,
                "p50": r.p50,
                "p95": r.p95,
                "percentile": r.percentile,
                "outside_band": r.outside(),
            })
        })
        .collect();
    let params: Vec<_> = f
        .params
        .iter()
        .map(|r| json!({ "parameter": r.name, "prior": r.prior, "posterior": r.posterior }))
        .collect();
    let summary = |a: &crate::summary::Analysis| -> Vec<_> {
        crate::economics::Perspective::ALL
            .iter()
            .map(|&p| {
                let s = a.arm(1, p);
                json!({
                    "perspective": p.id(),
                    "savings_mean": s.savings_total.mean,
                    "savings_p5": s.savings_total.at(0.05),
                    "savings_p95": s.savings_total.at(0.95),
                    "p_gain": s.p_gain,
                    "breakeven_p50": s.breakeven_p50,
                })
            })
            .collect()
    };
    let files: Vec<String> = files.iter().map(|p| p.display().to_string()).collect();
    let value = json!({
        "headline": headline(lang, f),
        "arm": model.arms[1].name,
        "trials": f.trials,
        "seed": seed,
        "effective_trials": f.effective,
        "sampler": match f.sampler {
            crate::follow::Sampler::Weighted => "weighted",
            crate::follow::Sampler::Tempered { .. } => "tempered",
        },
        "plausible": f.fit.is_none_or(|fit| fit.plausible()),
        "fit_distance": f.fit.map(|fit| fit.distance),
        "fit_threshold": f.fit.map(|fit| fit.threshold),
        "observations": checks,
        "parameters": params,
        "scenario_forecast": summary(&f.prior),
        "updated_forecast": summary(&f.updated),
        "files": files,
    });
    serde_json::to_string_pretty(&value).expect("plain data serialises")
}
