//! The page of `follow --report`: the headline, the actual months on the forecast's band,
//! each observation, the updated forecast (fan, break-even), before and after (the saving and
//! the parameter the actuals moved most), parameters and manifest.

use super::html::{Cell, Page};
use super::words::{Lang, decimal, mio, mio_range, pct};
use super::{Manifest, charts, follow_words, run, sections};
use crate::follow::Followed;
use crate::follow::rows::Observed;
use crate::summary::Metric;
use crate::uncertainty::Uncertainty;

/// The page.
pub fn follow_page(
    lang: Lang,
    f: &Followed,
    params: &Uncertainty,
    m: &Manifest,
) -> Result<String, String> {
    let model = &f.pair;
    let title = format!("{} — {}", model.name, lang.pick("opfølgning", "follow-up"));
    let mut page = Page::new(lang, &title);
    page.p("sub", &run::subtitle(lang, model, m));
    page.p("headline", &follow_words::headline(lang, f));
    page.p("note", &method(lang, f));
    page.h2(
        "actuals",
        lang.pick(
            "De faktiske måneder mod prognosen",
            "The actual months against the forecast",
        ),
    );
    if let Some(row) = crate::follow::rows::telling(f)
        && let Observed::State(s) = row.observed
    {
        let bands: Vec<_> = f
            .prior
            .bands
            .iter()
            .filter(|r| r.arm == 1 && r.metric == Metric::Occupancy(s))
            .map(|r| r.band)
            .collect();
        let actual: Vec<(u32, f64)> = f
            .checks
            .iter()
            .filter(|r| r.observed == Observed::State(s))
            .map(|r| (r.month, r.actual))
            .collect();
        let label = &model.states[s].label;
        let start = model.initial_counts[s] as f64;
        let svg = charts::observed(lang, label, (start, &bands), &actual)?;
        let caption = match lang {
            Lang::Da => format!(
                "{label}: scenariets prognose for «{}» og de faktiske tal",
                model.arms[1].label
            ),
            Lang::En => format!(
                "{label}: the scenario's forecast for “{}” and the actual counts",
                model.arms[1].label
            ),
        };
        page.figure("observed-chart", &caption, &svg);
    }
    checks(&mut page, lang, f);
    page.h2(
        "updated",
        lang.pick("Den opdaterede prognose", "The updated forecast"),
    );
    sections::savings(&mut page, lang, model, &f.updated, 1, model.headline)?;
    before_after(&mut page, lang, f)?;
    super::parameters::parameters(&mut page, lang, model, params);
    sections::manifest(&mut page, lang, m);
    Ok(page.finish())
}

/// What the update does, in words.
fn method(lang: Lang, f: &Followed) -> String {
    let n = decimal(f.effective, 0);
    if let crate::follow::Sampler::Tempered { stages, acceptance } = f.sampler {
        let (trials, acc) = (decimal(f.trials as f64, 0), pct(acceptance));
        return match lang {
            Lang::Da => format!(
                "Kun {n} af scenariets {trials} forsøg forklarer de observerede antal, for få til at vægte dem. Parametrene er derfor opdateret med sekventiel Monte Carlo med temperering ({stages} trin, {acc} af flytningerne accepteret; sandsynligheden af de observerede antal som ovenfor), og hvert af {trials} nye forsøg fortsætter fra, hvor borgerne faktisk står."
            ),
            Lang::En => format!(
                "Only {n} of the scenario's {trials} trials explain the observed counts, too few to weigh them. The parameters are therefore updated by likelihood-tempered sequential Monte Carlo ({stages} stages, {acc} of moves accepted; the same likelihood of the observed counts), and each of {trials} new trials continues from where the citizens actually stand."
            ),
        };
    }
    match lang {
        Lang::Da => format!(
            "Opdateringen vægter hvert forsøgs parametre med sandsynligheden for de observerede antal (normalfordeling med middel og kovarians fra den eksakte forventning; {n} effektive forsøg af {}), og forløbet for «{}» fortsætter fra, hvor borgerne faktisk står. Basislinjen er hvert forsøgs egen.",
            decimal(f.trials as f64, 0),
            f.pair.arms[1].label
        ),
        Lang::En => format!(
            "The update weighs each trial's parameters by the likelihood of the observed counts (a normal law with the exact expectation's mean and covariance; {n} effective trials of {}), and the path of “{}” continues from where the citizens actually stand. The baseline is each trial's own.",
            decimal(f.trials as f64, 0),
            f.pair.arms[1].label
        ),
    }
}

/// The observations table.
fn checks(page: &mut Page, lang: Lang, f: &Followed) {
    let rows: Vec<Vec<Cell>> = f
        .checks
        .iter()
        .map(|r| {
            let what = match r.observed {
                Observed::State(s) => f.pair.states[s].label.clone(),
                Observed::Spent(p) => format!(
                    "{} ({})",
                    lang.pick("udgift", "expenditure"),
                    super::words::who(lang, p)
                ),
            };
            let flag = if r.actual < r.p5 {
                lang.pick("under båndet", "below the band")
            } else if r.actual > r.p95 {
                lang.pick("over båndet", "above the band")
            } else {
                ""
            };
            vec![
                Cell::Num(r.month.to_string()),
                Cell::Text(what),
                Cell::Num(decimal(r.actual, 0)),
                Cell::Num(decimal(r.mean, 1)),
                Cell::Num(format!("{}–{}", decimal(r.p5, 0), decimal(r.p95, 0))),
                Cell::Num(decimal(r.percentile, 0)),
                Cell::Text(flag.into()),
            ]
        })
        .collect();
    let header = [
        (lang.pick("måned", "month"), true),
        (lang.pick("hvad", "what"), false),
        (lang.pick("faktisk", "actual"), true),
        (lang.pick("forventet", "expected"), true),
        (lang.pick("90 %-bånd", "90 % band"), true),
        (lang.pick("percentil", "percentile"), true),
        ("", false),
    ];
    page.table("checks", &header, &rows);
}

/// The saving and the most-moved parameter, before and after.
fn before_after(page: &mut Page, lang: Lang, f: &Followed) -> Result<(), String> {
    let p = f.pair.headline;
    let totals = |a: &crate::summary::Analysis| -> Vec<f64> {
        let rows = a.trials.iter().filter(|t| t.arm == 1 && t.perspective == p);
        rows.map(|t| t.savings_total / 1e6).collect()
    };
    let (before, after) = (totals(&f.prior), totals(&f.updated));
    let even = vec![1.0 / after.len() as f64; after.len()];
    let x = lang.pick(
        "Nettobesparelse i alt, mio. kr.",
        "Total net saving, mio. kr.",
    );
    let svg = charts::before_after(lang, x, &before, (&after, &even))?;
    page.h2(
        "before-after",
        lang.pick(
            "Før og efter de faktiske måneder",
            "Before and after the actual months",
        ),
    );
    page.figure("saving-before-after", x, &svg);
    let moved = crate::follow::rows::most_moved(f);
    let da = lang == Lang::Da;
    let label = |name: &str| crate::model::parameter_label(&f.pair, name, da);
    if let Some(i) = moved {
        let name = &label(&f.params[i].name);
        let svg =
            charts::before_after(lang, name, &f.draws[i], (&f.posterior.0[i], &f.posterior.1))?;
        let caption = match lang {
            Lang::Da => format!("Den parameter, de faktiske måneder flyttede mest: {name}"),
            Lang::En => format!("The parameter the actual months moved most: {name}"),
        };
        page.figure("parameter-before-after", &caption, &svg);
    }
    let mut rows: Vec<Vec<Cell>> = f
        .params
        .iter()
        .map(|r| {
            let cell = |v: &[f64; 3]| {
                Cell::Num(format!(
                    "{} ({}–{})",
                    decimal(v[0], 3),
                    decimal(v[1], 3),
                    decimal(v[2], 3)
                ))
            };
            vec![
                Cell::Text(label(&r.name)),
                cell(&r.prior),
                cell(&r.posterior),
            ]
        })
        .collect();
    let (a, b) = (f.prior.arm(1, p), f.updated.arm(1, p));
    let saving = |s: &crate::summary::ArmSummary| {
        let t = &s.savings_total;
        Cell::Num(format!(
            "{} ({}); {}",
            mio(t.mean),
            mio_range(lang, t.at(0.05), t.at(0.95)),
            pct(s.p_gain)
        ))
    };
    rows.push(vec![
        Cell::Text(
            lang.pick(
                "Nettobesparelse, mio. kr. (90 %-interval); P(gevinst)",
                "Net saving, mio. kr. (90 % interval); P(gain)",
            )
            .into(),
        ),
        saving(a),
        saving(b),
    ]);
    let header = [
        ("", false),
        (
            lang.pick("scenariet: middel (5–95 %)", "scenario: mean (5–95 %)"),
            true,
        ),
        (
            lang.pick("opdateret: middel (5–95 %)", "updated: mean (5–95 %)"),
            true,
        ),
    ];
    page.table("posterior", &header, &rows);
    Ok(())
}
