//! Checking the money rules of a scenario: `[economics]`, `[tax]`, `[refusion]` and the
//! headline perspective.

use toml::Spanned;

use super::checks::{amount, fraction, positive_int, year_month};
use super::raw::{RawFradrag, RawPrices, RawRefusion, RawRegulation, RawScenario, RawTax};
use crate::error::Result;
use crate::model::{Economics, Perspective, Prices, YearMonth};
use crate::refusion::{Activity, Trappe};
use crate::source::Source;
use crate::tax::{Fradrag, TaxRules};

/// `[economics]` with `[tax]` (no tax when there is no `[tax]`).
pub fn economics(src: &Source, raw: &RawScenario) -> Result<Economics> {
    let e = raw.economics.get_ref();
    if let Some(old) = &e.tax_rate {
        return Err(src.error(
            old.span(),
            "`tax_rate` moved to `[tax] kommuneskat`; [tax] also holds the year's fradrag and the state's taxes (see scenarios/base/)",
        ));
    }
    if let Some(old) = &e.state_tax_rate {
        return Err(src.error(
            old.span(),
            "`state_tax_rate` is replaced by `[tax]`: am_bidrag, bundskat and sundhedsbidrag",
        ));
    }
    let discount_rate = match &e.discount_rate {
        Some(r) => fraction(src, r, "discount rate", false)?,
        None => 0.0,
    };
    let udligning_keep = match &e.udligning_keep {
        Some(v) => fraction(src, v, "udligning_keep", true)?,
        None => 0.25,
    };
    let tax = match &raw.tax {
        Some(t) => tax(src, t.get_ref())?,
        None => TaxRules::none(),
    };
    Ok(Economics {
        tax,
        udligning_keep,
        caseworker_cost: amount(src, Some(&e.caseworker_cost), "caseworker cost")?,
        discount_rate,
    })
}

fn tax(src: &Source, t: &RawTax) -> Result<TaxRules> {
    let rate = |v: &Option<Spanned<f64>>, what| match v {
        Some(v) => fraction(src, v, what, false),
        None => Ok(0.0),
    };
    let fradrag = |f: &Option<Spanned<RawFradrag>>, what: &str| -> Result<Fradrag> {
        let Some(f) = f else {
            return Ok(Fradrag::default());
        };
        let f = f.get_ref();
        Ok(Fradrag {
            rate: fraction(src, &f.rate, &format!("{what} rate"), false)?,
            threshold: amount(src, f.threshold.as_ref(), &format!("{what} threshold"))?,
            max: amount(src, Some(&f.max), &format!("{what} max"))?,
        })
    };
    Ok(TaxRules {
        kommuneskat: fraction(src, &t.kommuneskat, "kommuneskat", false)?,
        bundskat: rate(&t.bundskat, "bundskat")?,
        sundhedsbidrag: rate(&t.sundhedsbidrag, "sundhedsbidrag")?,
        am_bidrag: rate(&t.am_bidrag, "am_bidrag")?,
        personfradrag: amount(src, t.personfradrag.as_ref(), "personfradrag")?,
        beskaeftigelse: fradrag(&t.beskaeftigelsesfradrag, "beskaeftigelsesfradrag")?,
        job: fradrag(&t.jobfradrag, "jobfradrag")?,
    })
}

/// The `headline` perspective (default: after udligning).
pub fn headline(src: &Source, raw: &RawScenario) -> Result<Perspective> {
    let Some(h) = &raw.headline else {
        return Ok(Perspective::HEADLINE);
    };
    Perspective::from_id(h.get_ref()).ok_or_else(|| {
        src.error(
            h.span(),
            format!(
                "headline `{}` is not one of {}",
                h.get_ref(),
                Perspective::ids()
            ),
        )
    })
}

/// The longest a trappe step may start after week 1 (ten years of weeks).
const MAX_WEEK: i64 = 520;

/// `[refusion]`: the trappe, the § 6 restart and the rule before the trappe; `start` is the
/// scenario's first month, which dated rules need.
pub fn trappe(
    src: &Source,
    raw: &Spanned<RawRefusion>,
    start: Option<YearMonth>,
) -> Result<Trappe> {
    let mut t = Trappe::default();
    let r = raw.get_ref();
    if let Some(steps) = &r.steps {
        let ok = !steps.get_ref().is_empty()
            && steps.get_ref()[0].0 == 1
            && steps.get_ref().windows(2).all(|w| w[1].0 > w[0].0)
            && steps.get_ref().iter().all(|&(w, _)| w <= MAX_WEEK)
            && steps
                .get_ref()
                .iter()
                .all(|&(_, rate)| (0.0..=1.0).contains(&rate));
        if !ok {
            return Err(src.error(steps.span(), format!("steps must be [[1, rate], [week, rate], …] with weeks increasing from 1 to at most {MAX_WEEK} and rates in [0, 1]")));
        }
        t.steps = steps
            .get_ref()
            .iter()
            .map(|&(w, r)| (w as u32, r))
            .collect();
    }
    if let Some(w) = &r.window_months {
        t.window_months = positive_int(src, w, "window_months", 64)? as u32;
    }
    if let Some(weeks) = &r.reset_weeks {
        let weeks = positive_int(src, weeks, "reset_weeks", 52 * 5)?;
        // Whole months of self-support needed: 52 weeks = 12 months (a month is 52/12 weeks).
        t.reset_months = ((weeks as f64) * 12.0 / 52.0 - 1e-9).ceil() as u32;
    }
    if t.reset_months > t.window_months {
        return Err(src.error(
            raw.span(),
            "reset_weeks cannot be longer than window_months",
        ));
    }
    let dated = |v: &Option<Spanned<String>>, what: &str| -> Result<Option<YearMonth>> {
        let Some(v) = v else { return Ok(None) };
        if start.is_none() {
            return Err(src.error(
                v.span(),
                format!("{what} is a date: the scenario needs `start = \"YYYY-MM\"` to place its months before or after it"),
            ));
        }
        year_month(src, v, what).map(Some)
    };
    t.in_force = dated(&r.in_force, "in_force")?;
    t.count_from = dated(&r.count_from, "count_from")?;
    if let Some(b) = &r.before {
        let b = b.get_ref();
        t.before = Activity {
            passive: fraction(src, &b.passive, "passive refusion", true)?,
            active: fraction(src, &b.active, "active refusion", true)?,
        };
    }
    Ok(t)
}

/// `[prices]`: the year of the amounts and their regulation (fixed prices without one).
pub fn prices(
    src: &Source,
    raw: &Option<Spanned<RawPrices>>,
    start: Option<YearMonth>,
) -> Result<Prices> {
    let Some(raw) = raw else {
        return Ok(Prices::default());
    };
    let p = raw.get_ref();
    let year = |y: i64, span| {
        if (1900..=2200).contains(&y) {
            Ok(y as i32)
        } else {
            Err(src.error(span, format!("a year must be in 1900–2200, got {y}")))
        }
    };
    let mut prices = Prices {
        year: p
            .year
            .as_ref()
            .map(|y| year(*y.get_ref(), y.span()))
            .transpose()?,
        ..Prices::default()
    };
    let Some(reg) = &p.regulation else {
        return Ok(prices);
    };
    let rate = |r: f64| {
        if r.is_finite() && (-0.5..=0.5).contains(&r) {
            Ok(r)
        } else {
            Err(src.error(
                reg.span(),
                format!("a regulation rate must be a share in [−0.5, 0.5], got {r}"),
            ))
        }
    };
    match reg.get_ref() {
        RawRegulation::Rate(r) => prices.rate = Some(rate(*r)?),
        RawRegulation::ByYear(years) => {
            for (y, r) in years {
                let y: i64 = y.parse().map_err(|_| {
                    src.error(
                        reg.span(),
                        format!("`{y}` is not a year: write {{ 2016 = 0.011, … }}"),
                    )
                })?;
                prices.by_year.push((year(y, reg.span())?, rate(*r)?));
            }
        }
    }
    if prices.year.is_none() || start.is_none() {
        return Err(src.error(
            reg.span(),
            "regulation needs `[prices] year` (the year the amounts are in) and the scenario's `start`",
        ));
    }
    Ok(prices)
}
