//! The report's words: Danish or English sentences about a run (the shared language and
//! number formats are [`crate::words`]).

pub use crate::words::{Lang, decimal, kr, mio, mio_kr, mio_range, pct, short};

use crate::economics::Perspective;
use crate::model::{Model, Staffing};
use crate::summary::ArmSummary;

/// "4 years" / "4 år" when `months` is whole years, else "30 months" / "30 måneder".
pub fn horizon(lang: Lang, months: u32) -> String {
    match (months % 12, months / 12) {
        (0, 1) => lang.pick("1 år", "1 year").to_string(),
        (0, y) => format!("{y} {}", lang.pick("år", "years")),
        _ => format!("{months} {}", lang.pick("måneder", "months")),
    }
}

/// Who saves, as the subject of the headline, naming the basis: "kommunen efter udligning",
/// "kommunen (kun forsørgelse)".
pub fn who(lang: Lang, p: Perspective) -> &'static str {
    match p {
        Perspective::Forsoergelse => lang.pick(
            "kommunen (kun forsørgelse, uden skat)",
            "the municipality (forsørgelse only, no tax)",
        ),
        Perspective::Kommune => lang.pick(
            "kommunen før udligning",
            "the municipality before udligning",
        ),
        Perspective::KommuneEfterUdligning => lang.pick(
            "kommunen efter udligning",
            "the municipality after udligning",
        ),
        Perspective::Stat => lang.pick("staten", "the state"),
        Perspective::OffentligeFinanser => {
            lang.pick("de offentlige finanser", "the public finances")
        }
    }
}

/// What perspective `p` counts, in one clause of the page's language.
pub fn counts(lang: Lang, p: Perspective) -> &'static str {
    match (lang, p) {
        (Lang::En, p) => p.counts(),
        (Lang::Da, Perspective::Forsoergelse) => {
            "ydelser fratrukket refusion, sagsbehandlere, indsatser og engangsudgifter; ingen skat (grundlaget i de offentliggjorte investeringscases)"
        }
        (Lang::Da, Perspective::Kommune) => {
            "som forsørgelse, fratrukket den kommuneskat borgerne betaler af løn og ydelser, og som kommunen beholder fuldt ud"
        }
        (Lang::Da, Perspective::KommuneEfterUdligning) => {
            "som kommunen før udligning, men kommunen beholder kun udligningsandelen af en ændring i kommuneskatten"
        }
        (Lang::Da, Perspective::Stat) => {
            "refusion og SU, som staten betaler, fratrukket AM-bidrag, bundskat og sundhedsbidrag"
        }
        (Lang::Da, Perspective::OffentligeFinanser) => "kommune og stat tilsammen",
    }
}

/// The price basis in the page's language: "faste 2015-priser" or "2015-priser, reguleret …".
pub fn prices(lang: Lang, model: &Model) -> String {
    let p = &model.prices;
    let year = p.year.map_or(String::new(), |y| format!("{y}-"));
    match (lang, p.fixed()) {
        (Lang::Da, true) => {
            format!("Beløbene er i faste {year}priser (ikke reguleret over perioden).")
        }
        (Lang::En, true) => format!(
            "Amounts are in fixed {} prices (not regulated over the horizon).",
            year.trim_end_matches('-')
        ),
        (Lang::Da, false) => format!(
            "Beløbene er {year}priser, reguleret hvert januar med satsreguleringen (samme sats for alle beløb)."
        ),
        (Lang::En, false) => format!(
            "Amounts are {} prices, regulated each January (one rate for every amount).",
            year.trim_end_matches('-')
        ),
    }
}

/// The warning that an arm's caseload left the effect's valid range (see
/// [`crate::summary::Held`]), in the page's language.
pub fn held(lang: Lang, h: &crate::summary::Held) -> String {
    let (lo, hi) = (short(h.valid.0), short(h.valid.1));
    let (from, to) = (decimal(h.range.0, 1), decimal(h.range.1, 1));
    let share = pct(h.share);
    match lang {
        Lang::Da => format!(
            "Sagstallet ligger uden for det område, forskningen dækker ({lo}–{hi}), i {share} af månederne (fra {from} til {to}): effekten holdes på sin værdi ved kanten og fremskrives ikke."
        ),
        Lang::En => format!(
            "The caseload is outside the range the evidence covers ({lo}–{hi}) in {share} of months (from {from} to {to}): the effect is held at its value at the edge, not extrapolated."
        ),
    }
}

/// What arm `arm` does that the baseline does not: its interventions and its staffing, e.g.
/// "ISU-dialogmetoden at an unchanged caseload of 70" or "Eksterne aktører and a caseload of
/// 45 (13,8 caseworkers on average)"; only the staffing when it adds no intervention. So a
/// headline never credits the baseline's own caseload with an intervention's effect.
pub fn arm_does(lang: Lang, model: &Model, arm: usize, caseworkers_mean: f64) -> String {
    let a = &model.arms[arm];
    let added: Vec<&str> = model
        .added_interventions(arm)
        .into_iter()
        .map(|i| model.interventions[i].label.as_str())
        .collect();
    let staff = staffing(lang, a.staffing, caseworkers_mean);
    if added.is_empty() {
        return staff;
    }
    let ivs = join(lang, &added);
    match (lang, model.staffed_as_baseline(arm), a.staffing) {
        (Lang::Da, true, Staffing::Caseload(l)) => {
            format!("{ivs} ved et uændret sagstal på {}", short(l))
        }
        (Lang::En, true, Staffing::Caseload(l)) => {
            format!("{ivs} at an unchanged caseload of {}", short(l))
        }
        (Lang::Da, true, Staffing::Caseworkers(w)) => {
            format!("{ivs} med uændret {} sagsbehandlere", short(w))
        }
        (Lang::En, true, Staffing::Caseworkers(w)) => {
            format!("{ivs} with an unchanged {} caseworkers", short(w))
        }
        (Lang::Da, false, _) => format!("{ivs} og {staff}"),
        (Lang::En, false, _) => format!("{ivs} and {staff}"),
    }
}

/// "a, b og c" / "a, b and c".
fn join(lang: Lang, items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} {} {last}", init.join(", "), lang.pick("og", "and")),
    }
}

/// An arm's staffing: "14 caseworkers" or "a caseload of 45 (13,8 caseworkers on average)".
pub fn staffing(lang: Lang, s: Staffing, caseworkers_mean: f64) -> String {
    match s {
        Staffing::Caseworkers(w) => {
            format!(
                "{} {}",
                short(w),
                lang.pick("sagsbehandlere", "caseworkers")
            )
        }
        Staffing::Caseload(l) => match lang {
            Lang::Da => format!(
                "et sagstal på {} ({} sagsbehandlere i gennemsnit)",
                short(l),
                decimal(caseworkers_mean, 1)
            ),
            Lang::En => format!(
                "a caseload of {} ({} caseworkers on average)",
                short(l),
                decimal(caseworkers_mean, 1)
            ),
        },
    }
}

/// The headline of arm `s` against the baseline, in one sentence, e.g. "With 14 caseworkers
/// the municipality saves 5,6 mio. kr. over 4 years; 90 % interval 2,1–9,0; 97 % chance of a
/// gain; pays back in month 19." The amount is the mean total discounted saving; the interval
/// its 5th–95th percentiles across trials; the month the median break-even month.
pub fn headline(lang: Lang, model: &Model, s: &ArmSummary) -> String {
    let b = &s.savings_total;
    let staff = arm_does(lang, model, s.arm, s.caseworkers_mean);
    let who = who(lang, s.perspective);
    let over = horizon(lang, model.months);
    let gains = b.mean >= 0.0;
    let amount = mio_kr(b.mean.abs());
    let range = mio_range(lang, b.at(0.05), b.at(0.95));
    let gain = pct(s.p_gain);
    match (lang, s.breakeven_p50) {
        (Lang::Da, m) => {
            let back = m.map_or(
                format!("investeringen er ikke tjent hjem inden for {over}"),
                |m| format!("investeringen er tjent hjem i måned {m}"),
            );
            let saves = if gains {
                format!("sparer {who} {amount}")
            } else {
                format!("taber {who} netto {amount}")
            };
            format!(
                "Med {staff} {saves} over {over}; 90 %-interval {range}; \
                 {gain} sandsynlighed for en gevinst; {back}."
            )
        }
        (Lang::En, m) => {
            let back = m.map_or(format!("does not pay back within {over}"), |m| {
                format!("pays back in month {m}")
            });
            let saves = if gains {
                format!("saves {amount}")
            } else {
                format!("loses {amount} net")
            };
            format!(
                "With {staff} {who} {saves} over {over}; 90 % interval {range}; \
                 {gain} chance of a gain; {back}."
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn danish_numbers() {
        assert_eq!(kr(1_234_567.4), "1.234.567 kr.");
        assert_eq!(kr(-1_234_567.0), "−1.234.567 kr.");
        assert_eq!(kr(999.0), "999 kr.");
        assert_eq!(kr(1000.0), "1.000 kr.");
        assert_eq!(mio_kr(5_612_000.0), "5,6 mio. kr.");
        assert_eq!(mio(-40_000.0), "0,0", "no minus zero");
        assert_eq!(mio(-60_000.0), "−0,1");
        assert_eq!(mio_range(Lang::Da, 2_100_000.0, 9_000_000.0), "2,1–9,0");
        assert_eq!(mio_range(Lang::Da, -1_200_000.0, 9e6), "−1,2 til 9,0");
        assert_eq!(mio_range(Lang::En, -1_200_000.0, -1e5), "−1,2 to −0,1");
        assert_eq!(decimal(1234.56, 2), "1.234,56");
        assert_eq!(pct(0.9666), "97 %");
        assert_eq!((pct(0.997), pct(1.0)), ("> 99 %".into(), "100 %".into()));
        assert_eq!((pct(0.004), pct(0.0)), ("< 1 %".into(), "0 %".into()));
    }

    #[test]
    fn horizons() {
        assert_eq!(horizon(Lang::En, 48), "4 years");
        assert_eq!(horizon(Lang::Da, 48), "4 år");
        assert_eq!(horizon(Lang::En, 12), "1 year");
        assert_eq!(horizon(Lang::Da, 30), "30 måneder");
    }
}
