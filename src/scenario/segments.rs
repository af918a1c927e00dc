//! Checking `[segments.<id>]`, an intervention's `segments`, `[inflow] segments` — and
//! splitting the starting cohort by segment.

use indexmap::IndexMap;
use toml::Spanned;

use super::checks::{finite, fraction, largest_remainder, state_index, within};
use super::raw::{Key, RawScenario};
use crate::calibrate::SHARE_TOLERANCE;
use crate::error::Result;
use crate::model::{Intervention, MAX_ELASTICITY, Segment, StartGroup, State};
use crate::source::Source;

/// The most segments a scenario may define (a segment and band index share a `u8`).
pub const MAX_SEGMENTS: usize = 16;

/// Every `[segments.<id>]`, checked against the states and the model's `transitions`.
///
/// With the cohort from a file (`from_file`), shares come from the file and may not be given.
pub fn segments(
    src: &Source,
    raw: &RawScenario,
    (states, transitions): (&[State], &[Vec<f64>]),
    from_file: bool,
) -> Result<Vec<Segment>> {
    if raw.segments.len() > MAX_SEGMENTS {
        let span = raw
            .segments
            .first()
            .map(|(k, _)| k.span())
            .unwrap_or_default();
        return Err(src.error(
            span,
            format!("at most {MAX_SEGMENTS} segments are supported"),
        ));
    }
    let n = states.len();
    let mut out = Vec::with_capacity(raw.segments.len());
    for (key, seg) in &raw.segments {
        let g = seg.get_ref();
        let id = key.get_ref();
        super::checks::id(src, key, "segment")?;
        let share = match (&g.share, from_file) {
            (Some(s), false) => fraction(src, s, "segment share", true)?,
            (None, true) => 0.0,
            (Some(s), true) => return Err(src.error(s.span(), "the cohort comes from a file: segment shares are counted from its `segment` column")),
            (None, false) => return Err(src.error(seg.span(), format!("[segments.{id}] needs a `share` of the starting cohort"))),
        };
        let mut rows: Vec<Option<Vec<f64>>> = vec![None; n];
        for (from, row) in &g.transitions {
            let i = state_index(src, states, from, "segment transition source")?;
            let mut r = transitions[i].clone();
            for (to, p) in row {
                let j = state_index(src, states, to, "segment transition destination")?;
                if i == j {
                    return Err(src.error(
                        to.span(),
                        "a state cannot move to itself; staying is the rest of the row",
                    ));
                }
                r[j] = fraction(src, p, "probability", false)?;
            }
            if r.iter().sum::<f64>() >= 1.0 {
                return Err(src.error(
                    from.span(),
                    "the segment's exits from this state sum to 1 or more",
                ));
            }
            rows[i] = Some(r);
        }
        let mut hazard = vec![1.0; n];
        for (to, x) in &g.hazard {
            hazard[state_index(src, states, to, "segment hazard destination")?] =
                within(src, x, "hazard multiplier", (0.0, 1000.0))?;
        }
        let elasticity = match g.elasticity.is_empty() {
            true => None,
            false => {
                let mut e = vec![0.0; n];
                for (to, x) in &g.elasticity {
                    let j = state_index(src, states, to, "elasticity destination")?;
                    e[j] = within(src, x, "elasticity", (-MAX_ELASTICITY, MAX_ELASTICITY))?;
                }
                Some(e)
            }
        };
        out.push(Segment {
            id: id.clone(),
            label: g.label.clone().unwrap_or_else(|| id.clone()),
            share,
            rows,
            hazard,
            elasticity,
        });
    }
    if let (Some((key, _)), false) = (raw.segments.first(), from_file) {
        let total: f64 = out.iter().map(|s| s.share).sum();
        if (total - 1.0).abs() > SHARE_TOLERANCE {
            return Err(src.error(
                key.span(),
                format!(
                    "segment shares sum to {}, not 1",
                    (total * 1e9).round() / 1e9
                ),
            ));
        }
    }
    Ok(out)
}

/// Index of the segment `key` names.
pub fn segment_index(src: &Source, segments: &[Segment], key: &Key, what: &str) -> Result<usize> {
    segments
        .iter()
        .position(|s| s.id == *key.get_ref())
        .ok_or_else(|| {
            src.error(
                key.span(),
                format!("{what} `{}` is not a defined segment", key.get_ref()),
            )
        })
}

/// An intervention's `segments = [...]`: the segments it serves (all when not given).
pub fn served(
    src: &Source,
    raw: &RawScenario,
    segments: &[Segment],
    ivs: &mut [Intervention],
) -> Result<()> {
    for ((_, r), iv) in raw.interventions.iter().zip(ivs.iter_mut()) {
        if let Some(list) = &r.get_ref().segments {
            let mut served = vec![false; segments.len()];
            for key in list.get_ref() {
                served[segment_index(src, segments, key, "served segment")?] = true;
            }
            if !served.contains(&true) {
                return Err(src.error(
                    list.span(),
                    "an intervention must serve at least one segment",
                ));
            }
            iv.segments = served;
        }
    }
    Ok(())
}

/// `[inflow] segments = { <id> = share }`: the arrivals' shares by segment.
pub fn inflow_shares(
    src: &Source,
    raw: Option<&Spanned<IndexMap<Key, Spanned<f64>>>>,
    segments: &[Segment],
) -> Result<Vec<f64>> {
    let Some(raw) = raw else {
        // Without shares, arrivals join segments as the starting cohort does.
        return Ok(segments.iter().map(|s| s.share).collect());
    };
    let mut shares = vec![0.0; segments.len()];
    for (key, x) in raw.get_ref() {
        shares[segment_index(src, segments, key, "inflow segment")?] =
            finite(src, x, "share")?.max(0.0);
    }
    let total: f64 = shares.iter().sum();
    if (total - 1.0).abs() > SHARE_TOLERANCE {
        return Err(src.error(
            raw.span(),
            format!(
                "inflow segment shares sum to {}, not 1",
                (total * 1e9).round() / 1e9
            ),
        ));
    }
    Ok(shares)
}

/// The starting cohort from counts by state, each state's citizens split by the segments'
/// shares (largest remainder); in state order, then segment order.
pub fn split(initial_counts: &[u32], segments: &[Segment]) -> Vec<StartGroup> {
    let shares: Vec<f64> = match segments.is_empty() {
        true => vec![1.0],
        false => segments.iter().map(|s| s.share).collect(),
    };
    let mut groups = Vec::new();
    for (state, &n) in initial_counts.iter().enumerate() {
        for (segment, count) in largest_remainder(&shares, n).into_iter().enumerate() {
            if count > 0 {
                groups.push(StartGroup {
                    state,
                    segment,
                    count,
                    months: None,
                });
            }
        }
    }
    groups
}
