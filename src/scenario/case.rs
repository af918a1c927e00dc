//! Checking `[case]`: how the published case reasoned ([`crate::model::Case`]).

use toml::Spanned;

use super::checks::{amount, finite, state_index, within};
use super::raw::{RawCase, RawOutcome};
use crate::error::Result;
use crate::model::{Arm, Basis, Case, Outcome, State, Target};
use crate::source::Source;

/// The checked `[case]` of a scenario of `months` months with `states`, `arms` and a
/// starting cohort of `size`.
pub(super) fn case(
    src: &Source,
    raw: &Spanned<RawCase>,
    (states, arms, months, size): (&[State], &[Arm], u32, u32),
) -> Result<Case> {
    let c = raw.get_ref();
    let arm = match &c.arm {
        Some(key) => {
            let at = arms.iter().position(|a| a.name == *key.get_ref());
            match at {
                Some(0) => return Err(src.error(key.span(), "arm is the baseline: the case's arm is the investment, the baseline its counterfactual")),
                Some(a) => arms[a].name.clone(),
                None => return Err(src.error(key.span(), format!("arm `{}` is not an arm of this scenario", key.get_ref()))),
            }
        }
        None if arms.len() > 1 => arms[1].name.clone(),
        None => return Err(src.error(raw.span(), "a case needs an arm besides the baseline")),
    };
    let basis = match c.basis.get_ref().as_str() {
        "net" => Basis::Net,
        "gross" => Basis::Gross,
        other => {
            return Err(src.error(
                c.basis.span(),
                format!("basis must be \"net\" (against what would have happened anyway) or \"gross\" (every citizen who left), got \"{other}\""),
            ));
        }
    };
    let (from, to) = match &c.months {
        None => (1, months),
        Some(m) => {
            let (a, b) = *m.get_ref();
            if !(1 <= a && a <= b && b <= months as i64) {
                return Err(src.error(
                    m.span(),
                    format!(
                        "months must be [from, to] with 1 ≤ from ≤ to ≤ {months}, got [{a}, {b}]"
                    ),
                ));
            }
            (a as u32, b as u32)
        }
    };
    let run_in = match &c.run_in {
        None => 0,
        Some(r) => whole(src, r, "run_in", (0, (to - from) as i64))?,
    };
    let mut fewer = vec![0.0; states.len()];
    for (key, n) in &c.fewer {
        fewer[state_index(src, states, key, "fewer state")?] =
            within(src, n, "fewer", (0.0, f64::from(u32::MAX)))?;
    }
    Ok(Case {
        arm,
        published: finite(src, &c.published, "published")?,
        figure: c.figure.clone(),
        basis,
        from,
        to,
        saved: amount(src, c.saved.as_ref(), "saved")?,
        cost: amount(src, c.cost.as_ref(), "cost")?,
        fewer,
        run_in,
        outcome: c
            .outcome
            .as_ref()
            .map(|o| outcome(src, o, (states, months, size)))
            .transpose()?,
        missing: c.missing.clone(),
    })
}

/// The checked `outcome`: a known state, a month of the horizon, exactly one target.
fn outcome(
    src: &Source,
    raw: &Spanned<RawOutcome>,
    (states, months, size): (&[State], u32, u32),
) -> Result<Outcome> {
    let o = raw.get_ref();
    let state = state_index(src, states, &o.state, "outcome state")?;
    let month = whole(src, &o.month, "outcome month", (1, months as i64))?;
    let target = match (&o.fewer, &o.count, &o.share) {
        (Some(n), None, None) => Target::Fewer(within(src, n, "fewer", (0.0, size as f64))?),
        (None, Some(n), None) => Target::Count(within(src, n, "count", (0.0, f64::MAX))?),
        (None, None, Some(p)) => Target::Share(within(src, p, "share", (0.0, 1.0))?),
        _ => {
            return Err(src.error(
                raw.span(),
                "outcome needs exactly one of `fewer`, `count` or `share`",
            ));
        }
    };
    Ok(Outcome {
        state,
        month,
        target,
    })
}

/// A whole number of months in `[lo, hi]`.
fn whole(src: &Source, v: &Spanned<i64>, what: &str, (lo, hi): (i64, i64)) -> Result<u32> {
    let x = *v.get_ref();
    if !(lo..=hi).contains(&x) {
        return Err(src.error(
            v.span(),
            format!("{what} must be between {lo} and {hi} months, got {x}"),
        ));
    }
    Ok(x as u32)
}
