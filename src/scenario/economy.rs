//! Checking the money rules of a scenario: `[economics]`, `[tax]`, `[refusion]` and the
//! headline perspective.

use toml::Spanned;

use super::checks::{amount, fraction, positive_int};
use super::raw::{RawFradrag, RawRefusion, RawScenario, RawTax};
use crate::error::Result;
use crate::model::{Economics, Perspective};
use crate::refusion::Trappe;
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

/// `[refusion]`: the trappe and the § 6 restart.
pub fn trappe(src: &Source, raw: &Spanned<RawRefusion>) -> Result<Trappe> {
    let mut t = Trappe::default();
    let r = raw.get_ref();
    if let Some(steps) = &r.steps {
        let ok = !steps.get_ref().is_empty()
            && steps.get_ref()[0].0 == 1
            && steps.get_ref().windows(2).all(|w| w[1].0 > w[0].0)
            && steps
                .get_ref()
                .iter()
                .all(|&(_, rate)| (0.0..=1.0).contains(&rate));
        if !ok {
            return Err(src.error(steps.span(), "steps must be [[1, rate], [week, rate], …] with weeks increasing from 1 and rates in [0, 1]"));
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
    Ok(t)
}
