//! Reading one distribution from its TOML table: `{ dist = "normal", mean = 0.5, sd = 0.2 }`,
//! a row's `{ dist = "dirichlet", counts = { … } }`, or a `mixture` of single-number ones.

use std::ops::Range;

use toml::de::{DeTable, DeValue};

use super::dist::Dist;
use super::mixture::Mixture;
use crate::error::Result;
use crate::source::Source;

/// The keys each single-number distribution takes.
fn keys(kind: &str) -> Option<&'static [&'static str]> {
    Some(match kind {
        "fixed" => &["value"],
        "uniform" => &["min", "max"],
        "triangular" => &["min", "mode", "max"],
        "normal" => &["mean", "sd", "min", "max"],
        "lognormal" => &["mean", "sd"],
        "beta" => &["alpha", "beta"],
        "gamma" => &["shape", "scale"],
        _ => return None,
    })
}

const KINDS: &str =
    "fixed, uniform, triangular, normal, lognormal, beta, gamma, mixture or dirichlet";

fn number(table: &DeTable<'_>, key: &str) -> Option<f64> {
    let v = table.get(key)?;
    match v.get_ref() {
        DeValue::Float(f) => f.as_str().replace('_', "").parse().ok(),
        DeValue::Integer(i) => i.as_str().replace('_', "").parse().ok(),
        _ => None,
    }
}

/// The distribution in `table` (written at `span`), and for a Dirichlet row its destinations.
pub fn dist(table: &DeTable<'_>, span: Range<usize>, src: &Source) -> Result<(Dist, Vec<String>)> {
    let err = |m: String| src.error(span.clone(), m);
    let kind = table
        .get("dist")
        .and_then(|v| v.get_ref().as_str())
        .ok_or_else(|| err("dist must be a name in quotes".into()))?;
    match kind {
        "dirichlet" => {
            only(table, kind, &["counts"], src)?;
            dirichlet(table, span.clone(), src)
        }
        "mixture" => {
            only(table, kind, &["components"], src)?;
            Ok((mixture(table, span.clone(), src)?, Vec::new()))
        }
        _ => Ok((scalar(table, kind, &[], span.clone(), src)?, Vec::new())),
    }
}

/// Refuse keys that `kind` does not take (besides `dist` and `extra`).
fn only(table: &DeTable<'_>, kind: &str, known: &[&str], src: &Source) -> Result<()> {
    match table
        .iter()
        .find(|(k, _)| k.get_ref().as_ref() != "dist" && !known.contains(&k.get_ref().as_ref()))
    {
        Some((k, _)) => Err(src.error(
            k.span(),
            format!(
                "`{}` is not a parameter of dist = \"{kind}\" (expected {})",
                k.get_ref(),
                known.join(", ")
            ),
        )),
        None => Ok(()),
    }
}

/// A single-number distribution of kind `kind`; `extra` keys are allowed besides its own.
fn scalar(
    table: &DeTable<'_>,
    kind: &str,
    extra: &[&str],
    span: Range<usize>,
    src: &Source,
) -> Result<Dist> {
    let err = |m: String| src.error(span.clone(), m);
    let known = keys(kind).ok_or_else(|| err(format!("unknown dist `{kind}`; use {KINDS}")))?;
    let allowed: Vec<&str> = known.iter().chain(extra).copied().collect();
    only(table, kind, &allowed, src)?;
    let need = |k: &str| {
        number(table, k).ok_or_else(|| err(format!("dist = \"{kind}\" needs a number `{k}`")))
    };
    match kind {
        "fixed" => Dist::fixed(need("value")?),
        "uniform" => Dist::uniform(need("min")?, need("max")?),
        "triangular" => Dist::triangular(need("min")?, need("mode")?, need("max")?),
        "normal" => Dist::normal(
            need("mean")?,
            need("sd")?,
            number(table, "min").unwrap_or(f64::NEG_INFINITY),
            number(table, "max").unwrap_or(f64::INFINITY),
        ),
        "lognormal" => Dist::lognormal(need("mean")?, need("sd")?),
        "beta" => Dist::beta(need("alpha")?, need("beta")?),
        _ => Dist::gamma(need("shape")?, need("scale")?),
    }
    .and_then(finite_mean)
    .map_err(err)
}

/// Refuse a distribution whose mean is not a finite number (e.g. gamma's shape × scale
/// overflowing), which no scenario number can be.
fn finite_mean(d: Dist) -> std::result::Result<Dist, String> {
    match d.mean().iter().all(|m| m.is_finite()) {
        true => Ok(d),
        false => Err(format!(
            "dist = \"{}\" has no finite mean with these parameters",
            d.kind()
        )),
    }
}

/// `components = [{ weight = w, dist = "…", … }, …]`.
fn mixture(table: &DeTable<'_>, span: Range<usize>, src: &Source) -> Result<Dist> {
    let err = |m: String| src.error(span.clone(), m);
    let Some(DeValue::Array(items)) = table.get("components").map(|v| v.get_ref()) else {
        return Err(err(
            "mixture needs `components = [{ weight = 0.3, dist = \"fixed\", value = 0 }, …]`"
                .into(),
        ));
    };
    let (mut weights, mut components) = (Vec::new(), Vec::new());
    for item in items {
        let DeValue::Table(t) = item.get_ref() else {
            return Err(src.error(
                item.span(),
                "a mixture component is a table { weight = …, dist = …, … }",
            ));
        };
        let weight = number(t, "weight")
            .ok_or_else(|| src.error(item.span(), "a mixture component needs a number `weight`"))?;
        let kind = t
            .get("dist")
            .and_then(|v| v.get_ref().as_str())
            .ok_or_else(|| src.error(item.span(), "a mixture component needs `dist`"))?;
        weights.push(weight);
        components.push(scalar(t, kind, &["weight"], item.span(), src)?);
    }
    Mixture::new(weights, components)
        .map(Dist::Mixture)
        .map_err(err)
}

/// A Dirichlet row: `counts = { dest = n, …, stay = n }`.
fn dirichlet(table: &DeTable<'_>, span: Range<usize>, src: &Source) -> Result<(Dist, Vec<String>)> {
    let err = |m: String| src.error(span.clone(), m);
    let counts = table
        .get("counts")
        .and_then(|v| v.get_ref().as_table())
        .ok_or_else(|| err("dirichlet needs `counts = { dest = n, …, stay = n }`".into()))?;
    let (mut dests, mut values, mut stay) = (Vec::new(), Vec::new(), None);
    for (k, _) in counts.iter() {
        let n = number(counts, k.get_ref())
            .ok_or_else(|| src.error(k.span(), "a count must be a number"))?;
        match k.get_ref().as_ref() {
            "stay" => stay = Some(n),
            name => {
                dests.push(name.to_string());
                values.push(n);
            }
        }
    }
    let stay = stay.ok_or_else(|| {
        err("dirichlet counts need a `stay` count (those who did not move)".into())
    })?;
    values.push(stay);
    Ok((Dist::dirichlet(values).map_err(err)?, dests))
}
