//! Finding distributions in a scenario: any number written as `{ dist = "…", … }`, and a
//! transition row written as `dist = "dirichlet"` with `counts`. Each is replaced by its mean
//! in the document (so the rest of the loader sees plain numbers and the mean model is what
//! `--fixed-parameters` runs) and returned with its path and place for binding.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::dist::Dist;
use super::target::{NOT_UNCERTAIN, target};
use crate::error::Result;
use crate::source::Source;

/// A distribution found at `path` (table keys from the root).
#[derive(Debug, Clone)]
pub struct Spec {
    /// Keys from the document root, e.g. `["caseload", "elasticity", "job"]`.
    pub path: Vec<String>,
    /// The distribution.
    pub dist: Dist,
    /// For a Dirichlet row: the destination names, in `counts` order, without `stay`.
    pub dests: Vec<String>,
    /// Where it is written.
    pub span: Range<usize>,
}

/// Every distribution in `table`, in document order.
pub fn find(table: &DeTable<'_>, src: &Source) -> Result<Vec<Spec>> {
    let mut specs = Vec::new();
    walk(table, &mut Vec::new(), src, &mut specs)?;
    Ok(specs)
}

fn walk(
    table: &DeTable<'_>,
    path: &mut Vec<String>,
    src: &Source,
    specs: &mut Vec<Spec>,
) -> Result<()> {
    for (key, value) in table.iter() {
        path.push(key.get_ref().to_string());
        if let DeValue::Table(inner) = value.get_ref() {
            if inner.contains_key("dist") {
                let spec = parse(inner, path.clone(), value.span(), src)?;
                if target(&spec.path, !spec.dests.is_empty()).is_none() {
                    return Err(src.error(
                        spec.span,
                        format!("`{}` {NOT_UNCERTAIN}", spec.path.join(".")),
                    ));
                }
                specs.push(spec);
            } else {
                walk(inner, path, src, specs)?;
            }
        }
        path.pop();
    }
    Ok(())
}

/// The spec's mean as TOML float texts: one number, or one per destination of a row.
pub fn mean_texts(spec: &Spec) -> Vec<String> {
    let mean = spec.dist.mean();
    let n = if spec.dests.is_empty() {
        1
    } else {
        spec.dests.len()
    };
    mean[..n].iter().map(|x| format!("{x:?}")).collect()
}

/// Replace each spec's table in `table` by its mean, given as `texts` (from [`mean_texts`]),
/// which must live as long as the document.
pub fn substitute<'a>(table: &mut DeTable<'a>, specs: &[Spec], texts: &'a [Vec<String>]) {
    for (spec, text) in specs.iter().zip(texts) {
        let float = |t: &'a str| {
            DeValue::parse(t)
                .expect("a float's Debug form is TOML")
                .into_inner()
        };
        let value = if spec.dests.is_empty() {
            float(&text[0])
        } else {
            let mut row = DeTable::new();
            for (name, t) in spec.dests.iter().zip(text) {
                row.insert(
                    Spanned::new(spec.span.clone(), name.clone().into()),
                    Spanned::new(spec.span.clone(), float(t)),
                );
            }
            DeValue::Table(row)
        };
        let (last, parents) = spec.path.split_last().expect("a path has a key");
        let mut t = &mut *table;
        for key in parents {
            let Some(DeValue::Table(inner)) = t.get_mut(key.as_str()).map(|v| v.get_mut()) else {
                unreachable!("the path was found in this document")
            };
            t = inner;
        }
        let slot = t.get_mut(last.as_str()).expect("found in this document");
        *slot = Spanned::new(spec.span.clone(), value);
    }
}

fn parse(table: &DeTable<'_>, path: Vec<String>, span: Range<usize>, src: &Source) -> Result<Spec> {
    let (dist, dests) = super::parse::dist(table, span.clone(), src)?;
    Ok(Spec {
        path,
        dist,
        dests,
        span,
    })
}
