//! A follow-up in two sentences: where the actual months stand against the forecast's band,
//! and what the updated forecast of the total saving is, beside the original.

use super::words::{Lang, decimal, horizon, mio_kr, mio_range, pct, who};
use crate::follow::rows::Observed;
use crate::follow::rows::telling;
use crate::follow::{CheckRow, Followed};

/// "Efter 12 måneder ligger I under båndet: 61 i job mod forventet 78 (5 %-fraktil 66)."
pub fn standing(lang: Lang, f: &Followed, r: &CheckRow) -> String {
    let Observed::State(s) = r.observed else {
        return String::new();
    };
    let label = lower_first(&f.pair.states[s].label);
    let (actual, mean) = (decimal(r.actual, 0), decimal(r.mean, 0));
    let (p5, p95) = (decimal(r.p5, 0), decimal(r.p95, 0));
    let m = r.month;
    match (lang, r.actual < r.p5, r.actual > r.p95) {
        (Lang::Da, true, _) => format!(
            "Efter {m} måneder ligger I under båndet: {actual} i {label} mod forventet {mean} (5 %-fraktil {p5})."
        ),
        (Lang::Da, _, true) => format!(
            "Efter {m} måneder ligger I over båndet: {actual} i {label} mod forventet {mean} (95 %-fraktil {p95})."
        ),
        (Lang::Da, ..) => format!(
            "Efter {m} måneder ligger I inden for båndet: {actual} i {label} mod forventet {mean} (90 %-bånd {p5}–{p95})."
        ),
        (Lang::En, true, _) => format!(
            "After {m} months you are below the band: {actual} in {label} against {mean} expected (5th percentile {p5})."
        ),
        (Lang::En, _, true) => format!(
            "After {m} months you are above the band: {actual} in {label} against {mean} expected (95th percentile {p95})."
        ),
        (Lang::En, ..) => format!(
            "After {m} months you are within the band: {actual} in {label} against {mean} expected (90 % band {p5}–{p95})."
        ),
    }
}

/// "Den opdaterede forventning til besparelsen over 4 år er 2,1 mio. kr. for kommunen efter
/// udligning (90 %-interval −3,0 til 7,4; før 3,7 mio. kr.), med 48 % sandsynlighed for en
/// gevinst (før 60 %)." From the headline perspective; discounted totals.
pub fn updated(lang: Lang, f: &Followed) -> String {
    let p = f.pair.headline;
    let (a, b) = (f.prior.arm(1, p), f.updated.arm(1, p));
    let over = horizon(lang, f.pair.months);
    let whom = who(lang, p);
    let now = mio_kr(b.savings_total.mean);
    let before = mio_kr(a.savings_total.mean);
    let range = mio_range(lang, b.savings_total.at(0.05), b.savings_total.at(0.95));
    let (gain, gain_before) = (pct(b.p_gain), pct(a.p_gain));
    match lang {
        Lang::Da => format!(
            "Den opdaterede forventning til besparelsen over {over} er {now} for {whom} (90 %-interval {range}; før {before}), med {gain} sandsynlighed for en gevinst (før {gain_before})."
        ),
        Lang::En => format!(
            "The updated forecast of the saving over {over} is {now} for {whom} (90 % interval {range}; before {before}), with a {gain} chance of a gain (before {gain_before})."
        ),
    }
}

/// The two sentences, or only the second when nothing was counted in the last month; then,
/// when the actuals lie outside what the scenario allows, a sentence that says so.
pub fn headline(lang: Lang, f: &Followed) -> String {
    let mut text = match telling(f) {
        Some(r) => format!("{} {}", standing(lang, f, r), updated(lang, f)),
        None => updated(lang, f),
    };
    if let Some(c) = conflict(lang, f) {
        text.push(' ');
        text.push_str(&c);
    }
    text
}

/// "The actuals are not plausible under the scenario's assumptions: the caseload effect on
/// Ordinær beskæftigelse would have to be above its upper bound 1.2." — or that the update
/// moves a parameter past the scenario's own 1st or 99th percentile; `None` when neither.
pub fn conflict(lang: Lang, f: &Followed) -> Option<String> {
    let da = lang == Lang::Da;
    // Past a bound of the scenario's own distributions, the band is pressed against that
    // bound: no more to be trusted than a fit the χ² test rejects.
    let implausible =
        f.fit.is_some_and(|fit| !fit.plausible()) || f.conflicts.iter().any(|c| c.bound.is_some());
    if !implausible && f.conflicts.is_empty() {
        return None;
    }
    let parts: Vec<String> = f
        .conflicts
        .iter()
        .map(|c| {
            let name = lower_first(&crate::model::parameter_label(&f.pair, &c.name, da));
            let x = decimal(c.bound.unwrap_or(c.percentile), 3);
            match (da, c.above, c.bound.is_some()) {
                (true, true, true) => format!("{name} skulle ligge over sin øvre grænse {x}"),
                (true, false, true) => format!("{name} skulle ligge under sin nedre grænse {x}"),
                (true, true, false) => {
                    format!("{name} skulle ligge over scenariets 99 %-fraktil {x}")
                }
                (true, false, false) => {
                    format!("{name} skulle ligge under scenariets 1 %-fraktil {x}")
                }
                (false, true, true) => {
                    format!("the {name} would have to be above its upper bound {x}")
                }
                (false, false, true) => {
                    format!("the {name} would have to be below its lower bound {x}")
                }
                (false, true, false) => {
                    format!("the {name} would have to be above the scenario's 99th percentile {x}")
                }
                (false, false, false) => {
                    format!("the {name} would have to be below the scenario's 1st percentile {x}")
                }
            }
        })
        .collect();
    let reasons = match (da, parts.is_empty()) {
        (_, true) => String::new(),
        (true, false) => format!(": {}", parts.join("; ")),
        (false, false) => format!(": {}", parts.join("; ")),
    };
    Some(match (da, implausible) {
        (true, true) => format!(
            "De faktiske tal er ikke plausible under scenariets antagelser{reasons}. Den opdaterede prognose er den nærmeste, scenariet tillader, ikke et troværdigt bånd: ret antagelserne."
        ),
        (false, true) => format!(
            "The actuals are not plausible under the scenario's assumptions{reasons}. The updated forecast is the nearest the scenario allows, not a band to trust: revise the assumptions."
        ),
        (true, false) => {
            format!("De faktiske tal trækker uden for scenariets antagelser{reasons}.")
        }
        (false, false) => format!("The actuals pull outside the scenario's assumptions{reasons}."),
    })
}

/// A label as it reads mid-sentence: "Ordinær beskæftigelse" → "ordinær beskæftigelse";
/// left alone when its second letter is upper case too (an abbreviation: "STU").
fn lower_first(label: &str) -> String {
    let mut chars = label.chars();
    match (chars.next(), chars.next()) {
        (Some(a), Some(b)) if !b.is_uppercase() => {
            a.to_lowercase().chain(label.chars().skip(1)).collect()
        }
        _ => label.to_string(),
    }
}
