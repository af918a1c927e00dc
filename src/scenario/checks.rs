//! Checks on single values of a scenario — numbers, shares, state names, months — each
//! returning the value or a located error that names the rule it breaks.

use indexmap::IndexMap;
use toml::Spanned;

use super::raw::{Key, RawPrior};
use crate::error::Result;
use crate::model::{MAX_KR, MAX_PRIOR_MONTHS, MAX_STAFFING, MIN_STAFFING, Prior, State, YearMonth};
use crate::source::Source;

/// Tolerance on "shares sum to 1".
pub(super) const SHARE_TOLERANCE: f64 = 1e-9;

/// Shares by state from a `{ state = share }` table: known states, each in [0, 1], sum 1.
pub(super) fn shares(
    src: &Source,
    table: &Spanned<IndexMap<Key, Spanned<f64>>>,
    states: &[State],
) -> Result<Vec<f64>> {
    let mut shares = vec![0.0; states.len()];
    for (key, share) in table.get_ref() {
        shares[state_index(src, states, key, "initial state")?] =
            fraction(src, share, "initial share", true)?;
    }
    let total: f64 = shares.iter().sum();
    if (total - 1.0).abs() > SHARE_TOLERANCE {
        let total = (total * 1e9).round() / 1e9;
        return Err(src.error(
            table.span(),
            format!("initial shares sum to {total}, not 1"),
        ));
    }
    Ok(shares)
}

/// The index of the state named by `key`, or an error calling it `what`.
pub(super) fn state_index(src: &Source, states: &[State], key: &Key, what: &str) -> Result<usize> {
    states
        .iter()
        .position(|s| s.id == *key.get_ref())
        .ok_or_else(|| {
            src.error(
                key.span(),
                format!("{what} `{}` is not a defined state", key.get_ref()),
            )
        })
}

pub(super) fn prior(src: &Source, p: &Spanned<RawPrior>) -> Result<Prior> {
    let bad = |m: String| src.error(p.span(), m);
    match p.get_ref() {
        RawPrior::Fixed(m) if !(0..=MAX_PRIOR_MONTHS).contains(m) => Err(bad(format!(
            "prior_months must be between 0 and {MAX_PRIOR_MONTHS} months, got {m}"
        ))),
        RawPrior::Fixed(m) => Ok(Prior::Fixed(*m as u32)),
        RawPrior::Table { months, weights } => {
            if months.is_empty() || months.len() != weights.len() {
                return Err(bad(
                    "prior_months needs `months` and `weights` of the same, non-zero length".into(),
                ));
            }
            if months.iter().any(|m| !(0..=MAX_PRIOR_MONTHS).contains(m))
                || weights.iter().any(|&w| !(w >= 0.0 && w.is_finite()))
            {
                return Err(bad(format!(
                    "prior_months: months must be between 0 and {MAX_PRIOR_MONTHS} and weights ≥ 0"
                )));
            }
            let total: f64 = weights.iter().sum();
            if (total - 1.0).abs() > SHARE_TOLERANCE {
                return Err(bad(format!(
                    "prior_months weights sum to {}, not 1",
                    (total * 1e9).round() / 1e9
                )));
            }
            Ok(Prior::Table(
                months
                    .iter()
                    .map(|&m| m as u32)
                    .zip(weights.iter().copied())
                    .collect(),
            ))
        }
    }
}

/// A calendar month `"YYYY-MM"`; `what` names the key in the message.
pub(super) fn year_month(src: &Source, s: &Spanned<String>, what: &str) -> Result<YearMonth> {
    let parsed = s.get_ref().split_once('-').and_then(|(y, m)| {
        let (year, month) = (y.parse::<i32>().ok()?, m.parse::<u32>().ok()?);
        ((1900..=2200).contains(&year) && (1..=12).contains(&month))
            .then_some(YearMonth { year, month })
    });
    parsed.ok_or_else(|| {
        src.error(
            s.span(),
            format!("{what} must be \"YYYY-MM\", got \"{}\"", s.get_ref()),
        )
    })
}

pub(super) fn positive_int(src: &Source, v: &Spanned<i64>, what: &str, max: i64) -> Result<i64> {
    let x = *v.get_ref();
    if x < 1 || x > max {
        return Err(src.error(
            v.span(),
            format!("{what} must be between 1 and {max}, got {x}"),
        ));
    }
    Ok(x)
}

pub(super) fn finite(src: &Source, v: &Spanned<f64>, what: &str) -> Result<f64> {
    let x = *v.get_ref();
    if !x.is_finite() {
        return Err(src.error(v.span(), format!("{what} must be a finite number, got {x}")));
    }
    Ok(x)
}

/// A finite number in `[lo, hi]`.
pub(super) fn within(
    src: &Source,
    v: &Spanned<f64>,
    what: &str,
    (lo, hi): (f64, f64),
) -> Result<f64> {
    let x = finite(src, v, what)?;
    if !(lo..=hi).contains(&x) {
        return Err(src.error(
            v.span(),
            format!("{what} must be between {lo} and {hi}, got {x}"),
        ));
    }
    Ok(x)
}

/// A staffing value (caseload, caseworkers, reference caseload) in
/// [[`MIN_STAFFING`], [`MAX_STAFFING`]].
pub(super) fn staffing(src: &Source, v: &Spanned<f64>, what: &str) -> Result<f64> {
    within(src, v, what, (MIN_STAFFING, MAX_STAFFING))
}

/// kr. amounts: finite, ≥ 0 and at most [`MAX_KR`]; absent means 0.
pub(super) fn amount(src: &Source, v: Option<&Spanned<f64>>, what: &str) -> Result<f64> {
    let Some(v) = v else { return Ok(0.0) };
    let x = finite(src, v, what)?;
    if x < 0.0 {
        return Err(src.error(v.span(), format!("{what} must be ≥ 0 kr., got {x}")));
    }
    if x > MAX_KR {
        return Err(src.error(
            v.span(),
            format!("{what} must be at most {MAX_KR:e} kr., got {x:e}: is a digit too many?"),
        ));
    }
    Ok(x)
}

/// A share in [0, 1) — or [0, 1] when `closed`.
pub(super) fn fraction(src: &Source, v: &Spanned<f64>, what: &str, closed: bool) -> Result<f64> {
    let x = finite(src, v, what)?;
    let ok = x >= 0.0 && (x < 1.0 || (closed && x == 1.0));
    if !ok {
        let range = if closed { "[0, 1]" } else { "[0, 1)" };
        return Err(src.error(v.span(), format!("{what} must be in {range}, got {x}")));
    }
    Ok(x)
}

/// Whole citizens per state from shares: floor(share · n), then the remaining citizens go to
/// the largest fractional parts (ties to the earlier state). Sums to `n` exactly.
pub fn largest_remainder(shares: &[f64], n: u32) -> Vec<u32> {
    let exact: Vec<f64> = shares.iter().map(|s| s * n as f64).collect();
    let mut counts: Vec<u32> = exact.iter().map(|x| x.floor() as u32).collect();
    let assigned: u32 = counts.iter().sum();
    let mut order: Vec<usize> = (0..shares.len()).collect();
    order.sort_by(|&a, &b| {
        let (fa, fb) = (exact[a] - exact[a].floor(), exact[b] - exact[b].floor());
        fb.total_cmp(&fa).then(a.cmp(&b))
    });
    for &i in order
        .iter()
        .cycle()
        .take(n.saturating_sub(assigned) as usize)
    {
        counts[i] += 1;
    }
    counts
}

/// Refuse an id (of a state, arm, segment or intervention: `what`) that is empty or not ASCII
/// letters, digits and `_`: ids name CSV columns and rows, and Danish text goes in `label`.
pub fn id(src: &Source, key: &Key, what: &str) -> Result<()> {
    let id = key.get_ref();
    if id.is_empty() || !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Err(src.error(
            key.span(),
            format!(
                "{what} id `{id}` must be ASCII letters, digits or _, and not empty (put Danish text in `label`)"
            ),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::largest_remainder;

    #[test]
    fn largest_remainder_sums_to_n() {
        assert_eq!(largest_remainder(&[1.0], 500), vec![500]);
        // 1.5, 0.75, 0.75 → floors 1, 0, 0; the two spare go to the .75s.
        assert_eq!(largest_remainder(&[0.5, 0.25, 0.25], 3), vec![1, 1, 1]);
        assert_eq!(largest_remainder(&[1.0 / 3.0; 3], 10), vec![4, 3, 3]);
        let c = largest_remainder(&[0.123, 0.456, 0.421], 997);
        assert_eq!(c.iter().sum::<u32>(), 997);
    }
}
