//! The parts of a report that `run` and `sweep` share: an arm's savings charts, occupancy,
//! the scenario's parameters and the run manifest.

use super::Manifest;
use super::charts;
use super::html::{Cell, Page};
use super::words::{Lang, decimal, kr, mio, mio_range, pct};
use crate::economics::Perspective;
use crate::model::Model;
use crate::summary::{Analysis, Metric};

/// The anchor of an arm: its name with anything but letters, digits, `-` and `_` as `-`.
pub fn anchor(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect()
}

/// Fan chart and break-even distribution of arm `arm` from perspective `p`.
pub fn savings(
    page: &mut Page,
    lang: Lang,
    model: &Model,
    a: &Analysis,
    arm: usize,
    p: Perspective,
) -> Result<(), String> {
    let name = &model.arms[arm].name;
    let s = a.arm(arm, p);
    let bands: Vec<_> = a
        .bands
        .iter()
        .filter(|r| r.arm == arm && r.metric == Metric::SavingsCumulative(p))
        .map(|r| r.band)
        .collect();
    let when: Vec<Option<u32>> = a
        .trials
        .iter()
        .filter(|t| t.arm == arm && t.perspective == p)
        .map(|t| t.breakeven_month)
        .collect();
    let fan = charts::fan(lang, &bands, s.breakeven_p50)?;
    let caption = lang.pick(
        "Kumuleret nettobesparelse måned for måned (diskonteret): median og 50 / 90 / 95 %-bånd",
        "Cumulative net saving month by month (discounted): median and 50 / 90 / 95 % bands",
    );
    page.figure(&format!("fan-{}", anchor(name)), caption, &fan);
    let hist = charts::breakeven(lang, model.months, &when)?;
    let caption = lang.pick(
        "Hvornår er investeringen tjent hjem? Fordelingen over forsøg",
        "When does the investment pay back? Distribution across trials",
    );
    page.figure(&format!("breakeven-{}", anchor(name)), caption, &hist);
    Ok(())
}

/// Stacked mean occupancy by state, one chart per arm in `arms`.
pub fn occupancy(
    page: &mut Page,
    lang: Lang,
    model: &Model,
    a: &Analysis,
    arms: &[usize],
) -> Result<(), String> {
    page.h2(
        "occupancy",
        lang.pick(
            "Hvor borgerne er, måned for måned",
            "Where the citizens are, month by month",
        ),
    );
    let labels: Vec<&str> = model.states.iter().map(|s| s.label.as_str()).collect();
    for &arm in arms {
        let means: Vec<Vec<f64>> = (0..model.states.len())
            .map(|s| {
                let start = model.initial_counts[s] as f64;
                let months = a
                    .bands
                    .iter()
                    .filter(|r| r.arm == arm && r.metric == Metric::Occupancy(s));
                std::iter::once(start)
                    .chain(months.map(|r| r.band.mean))
                    .collect()
            })
            .collect();
        let svg = charts::occupancy(&labels, &means, lang)?;
        let arm = &model.arms[arm];
        page.figure(
            &format!("occupancy-{}", anchor(&arm.name)),
            &arm.label,
            &svg,
        );
    }
    Ok(())
}

/// The run manifest: what produced the page.
pub fn manifest(page: &mut Page, lang: Lang, m: &Manifest) {
    page.h2("manifest", lang.pick("Kørslen", "The run"));
    let mut rows = vec![
        vec![
            Cell::Text("kohort".into()),
            Cell::Text(m.version.to_string()),
        ],
        vec![
            Cell::Text(lang.pick("kommando", "command").into()),
            Cell::Text(m.command.clone()),
        ],
        vec![
            Cell::Text(lang.pick("forsøg", "trials").into()),
            Cell::Text(decimal(m.trials as f64, 0)),
        ],
        vec![
            Cell::Text(lang.pick("frø (seed)", "seed").into()),
            Cell::Text(m.seed.to_string()),
        ],
        vec![
            Cell::Text(lang.pick("dato", "date").into()),
            Cell::Text(m.date.clone()),
        ],
    ];
    for (file, hash) in &m.files {
        rows.push(vec![
            Cell::Text(file.clone()),
            Cell::Text(format!("SHA-256 {hash}")),
        ]);
    }
    page.table("run", &[("", false), ("", false)], &rows);
}

/// Per perspective: nominal and discounted mean saving, 90 % interval, P(gain), ROI.
pub fn perspectives(page: &mut Page, lang: Lang, model: &Model, a: &Analysis, arm: usize) {
    let rows: Vec<Vec<Cell>> = Perspective::ALL
        .iter()
        .map(|&p| {
            let s = a.arm(arm, p);
            let b = &s.savings_total;
            vec![
                Cell::Text(if p == model.headline {
                    format!("{} *", p.label(lang == Lang::Da))
                } else {
                    p.label(lang == Lang::Da).to_string()
                }),
                Cell::Num(mio(s.savings_total_nominal.mean)),
                Cell::Num(mio(b.mean)),
                Cell::Num(mio_range(lang, b.at(0.05), b.at(0.95))),
                Cell::Num(pct(s.p_gain)),
                Cell::Num(s.roi.map_or("–".into(), |r| decimal(r, 2))),
            ]
        })
        .collect();
    let header = [
        (lang.pick("hvem", "who"), false),
        (lang.pick("nominelt", "nominal"), true),
        (lang.pick("diskonteret", "discounted"), true),
        (lang.pick("90 %-interval", "90 % interval"), true),
        (lang.pick("P(gevinst)", "P(gain)"), true),
        ("ROI", true),
    ];
    page.p(
        "",
        &format!(
            "{} {}",
            lang.pick(
                "Nettobesparelse i alt, mio. kr., for",
                "Total net saving, mio. kr., for"
            ),
            model.arms[arm].label
        ),
    );
    page.table(
        &format!("perspectives-{}", anchor(&model.arms[arm].name)),
        &header,
        &rows,
    );
    let basis: Vec<String> = Perspective::ALL
        .iter()
        .map(|&p| {
            format!(
                "{}: {}",
                p.label(lang == Lang::Da),
                super::words::counts(lang, p)
            )
        })
        .collect();
    page.p(
        "note",
        &format!(
            "{} {}.",
            lang.pick("* overskriftens grundlag.", "* the headline's basis."),
            basis.join("; ")
        ),
    );
    let invest = a.arm(arm, model.headline).investment_mean;
    page.p(
        "note",
        &format!(
            "{} {}",
            lang.pick(
                "Merudgift til sagsbehandlere og indsatser (diskonteret, gennemsnit):",
                "Extra cost of caseworkers and interventions (discounted, mean):"
            ),
            kr(invest)
        ),
    );
}
