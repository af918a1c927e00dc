//! Sweeping one arm's staffing over a grid: every point becomes an arm of one run, so all
//! points share the baseline's trials and random numbers. The point equal to the baseline's
//! own staffing therefore saves exactly 0 in every trial.

use crate::effects::{Effect, EffectRow};
use crate::error::{Error, Result};
use crate::model::{Arm, MAX_STAFFING, MIN_STAFFING, Model, Staffing};
use crate::summary::ArmSummary;
use crate::threshold::Threshold;

/// The most points one sweep may have.
pub const MAX_POINTS: usize = 500;

/// Which staffing value the sweep varies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Axis {
    /// Cases per caseworker (staff follows the cases).
    Caseload,
    /// A fixed number of caseworkers.
    Caseworkers,
}

impl Axis {
    /// The flag that sets this axis on the command line.
    pub fn flag(self) -> &'static str {
        match self {
            Axis::Caseload => "--caseload",
            Axis::Caseworkers => "--caseworkers",
        }
    }

    fn staffing(self, value: f64) -> Staffing {
        match self {
            Axis::Caseload => Staffing::Caseload(value),
            Axis::Caseworkers => Staffing::Caseworkers(value),
        }
    }
}

/// Parse `FROM:TO:STEP` (inclusive of TO up to rounding) into the grid's values, all > 0.
pub fn parse_range(flag: &str, text: &str) -> Result<Vec<f64>> {
    let parts: Vec<&str> = text.split(':').collect();
    let nums: Vec<f64> = parts
        .iter()
        .map(|p| p.trim().parse::<f64>())
        .collect::<Result<_, _>>()
        .map_err(|_| Error::usage(flag, format!("`{text}` is not FROM:TO:STEP with numbers")))?;
    let [from, to, step] = nums[..] else {
        return Err(Error::usage(flag, format!("`{text}` is not FROM:TO:STEP")));
    };
    let ok = from >= MIN_STAFFING && to >= from && to <= MAX_STAFFING && step > 0.0;
    if !ok {
        return Err(Error::usage(
            flag,
            format!("`{text}` needs {MIN_STAFFING} ≤ FROM ≤ TO ≤ {MAX_STAFFING:e} and STEP > 0"),
        ));
    }
    // Counted in f64 first: a tiny STEP gives more points than any integer holds.
    let count = ((to - from) / step + 1e-9).floor() + 1.0;
    if count > MAX_POINTS as f64 {
        return Err(Error::usage(
            flag,
            format!("`{text}` gives {count:.3e} points; at most {MAX_POINTS}"),
        ));
    }
    Ok((0..count as usize)
        .map(|k| from + k as f64 * step)
        .collect())
}

/// `model` with its arms replaced by the baseline and one copy of arm `arm` per grid value.
pub fn expand(model: &Model, arm: &str, axis: Axis, values: &[f64]) -> Result<Model> {
    let Some(index) = model.arm_index(arm) else {
        let names: Vec<&str> = model.arms.iter().map(|a| a.name.as_str()).collect();
        return Err(Error::usage(
            "--arm",
            format!("no arm `{arm}`; the scenario has {}", names.join(", ")),
        ));
    };
    if index == 0 {
        return Err(Error::usage(
            "--arm",
            format!("`{arm}` is the baseline; sweep another arm"),
        ));
    }
    let template = &model.arms[index];
    let mut swept = model.clone();
    swept.arms.truncate(1);
    swept.arms.extend(values.iter().map(|&v| Arm {
        name: format!("{}@{v}", template.name),
        label: template.label.clone(),
        staffing: axis.staffing(v),
        steps: template.steps.clone(),
        phase_in: template.phase_in,
        interventions: template.interventions.clone(),
    }));
    Ok(swept)
}

/// One row of `sweep.csv`: a grid point against the baseline.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SweepRow {
    /// Whose savings.
    pub perspective: &'static str,
    /// Cases per caseworker: the grid value, or the mean over months and trials.
    pub caseload: f64,
    /// Caseworkers: the grid value, or the mean over months and trials.
    pub caseworkers: f64,
    /// Mean total discounted saving, kr.
    pub savings_mean: f64,
    /// 5th percentile of the total saving, kr.
    pub savings_p5: f64,
    /// Median total saving, kr.
    pub savings_p50: f64,
    /// 95th percentile of the total saving, kr.
    pub savings_p95: f64,
    /// P(total saving > 0).
    pub p_gain: f64,
    /// Median break-even month; empty when more than half of the trials never break even.
    pub breakeven_p50: Option<u32>,
    /// Share of the point's months whose caseload is outside the effect's valid range (where
    /// the effect is held at the edge).
    pub effect_held: f64,
    /// Mean total saving with no effect at all (every elasticity 0, every ratio 1: the point
    /// differs from the baseline in cost only), kr.; same trials and draws.
    pub savings_mean_no_effect: f64,
    /// P(total saving > 0) with no effect at all.
    pub p_gain_no_effect: f64,
    /// Mean total saving with the caseload effect at the research's centre, kr.; `None` when
    /// the scenario states no evidence.
    pub savings_mean_evidence: Option<f64>,
    /// P(total saving > 0) with the caseload effect at the research's centre.
    pub p_gain_evidence: Option<f64>,
    /// The job elasticity at which the point's expected saving is zero
    /// ([`crate::threshold`]); `None` when it never crosses zero or was not computed.
    pub breakeven_elasticity: Option<f64>,
    /// When the point pays: `above` or `below` that elasticity, `always`, `never`; empty at
    /// the baseline's own staffing or when `expect` cannot trace the scenario.
    pub pays_if: &'static str,
}

impl SweepRow {
    /// The swept value of the row: its caseload or its caseworkers, as `axis` says.
    pub fn value(&self, axis: Axis) -> f64 {
        match axis {
            Axis::Caseload => self.caseload,
            Axis::Caseworkers => self.caseworkers,
        }
    }

    /// The row of a point's arm summary, and the point's totals under no effect and the
    /// evidence (`effects`: [`crate::effects::EffectRow`]s of this arm, in any order).
    pub fn new(axis: Axis, value: f64, s: &ArmSummary, effects: &[&EffectRow]) -> SweepRow {
        let of = |e: Effect| effects.iter().find(|r| r.effect == e);
        let none = of(Effect::None).expect("no effect is always simulated");
        let evidence = of(Effect::Evidence);
        let (caseload, caseworkers) = match axis {
            Axis::Caseload => (value, s.caseworkers_mean),
            Axis::Caseworkers => (s.caseload_mean, value),
        };
        SweepRow {
            perspective: s.perspective.id(),
            caseload,
            caseworkers,
            savings_mean: s.savings_total.mean,
            savings_p5: s.savings_total.at(0.05),
            savings_p50: s.savings_total.at(0.5),
            savings_p95: s.savings_total.at(0.95),
            p_gain: s.p_gain,
            breakeven_p50: s.breakeven_p50,
            effect_held: s.held.share,
            savings_mean_no_effect: none.savings.mean,
            p_gain_no_effect: none.p_gain,
            savings_mean_evidence: evidence.map(|r| r.savings.mean),
            p_gain_evidence: evidence.map(|r| r.p_gain),
            breakeven_elasticity: None,
            pays_if: "",
        }
    }

    /// The row with the point's break-even effect `t`.
    pub fn with_threshold(self, t: &Threshold) -> SweepRow {
        let (breakeven_elasticity, pays_if) = t.crossing.pays_if();
        SweepRow {
            breakeven_elasticity,
            pays_if,
            ..self
        }
    }
}

/// Where the best point lies against what can be said beyond it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edge {
    /// Next to a point outside the range the evidence covers: the data say nothing beyond it.
    Evidence,
    /// The first or last point of the grid: nothing beyond it was tried.
    Grid,
}

/// The point a sweep names best.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Best {
    /// Its index in the rows.
    pub index: usize,
    /// Whether it lies at the edge of the evidence's range or of the grid.
    pub edge: Option<Edge>,
}

/// The point with the highest mean saving (the first of equals) among those whose caseload
/// stays within the range the evidence covers in every month (`effect_held` = 0): a point whose
/// effect is held at the edge rests on no evidence, and the clamp would cap its harm. `None`
/// when no point qualifies. Its edge: [`Edge::Evidence`] when a neighbouring point lies
/// (partly) outside the range, else [`Edge::Grid`] when it is the grid's first or last point.
pub fn best(rows: &[SweepRow]) -> Option<Best> {
    let within = |i: usize| rows[i].effect_held == 0.0;
    let index = (0..rows.len()).filter(|&i| within(i)).reduce(|b, i| {
        if rows[i].savings_mean > rows[b].savings_mean {
            i
        } else {
            b
        }
    })?;
    let outside_next =
        (index > 0 && !within(index - 1)) || (index + 1 < rows.len() && !within(index + 1));
    let edge = if outside_next {
        Some(Edge::Evidence)
    } else if rows.len() > 1 && (index == 0 || index + 1 == rows.len()) {
        Some(Edge::Grid)
    } else {
        None
    };
    Some(Best { index, edge })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_are_inclusive() {
        assert_eq!(
            parse_range("--caseload", "30:75:15").unwrap(),
            vec![30.0, 45.0, 60.0, 75.0]
        );
        assert_eq!(parse_range("--caseload", "0.3:0.9:0.3").unwrap().len(), 3);
        assert_eq!(parse_range("--caseload", "40:40:5").unwrap(), vec![40.0]);
    }

    fn row(mean: f64, held: f64) -> SweepRow {
        SweepRow {
            perspective: "kommune",
            caseload: 0.0,
            caseworkers: 0.0,
            savings_mean: mean,
            savings_p5: 0.0,
            savings_p50: 0.0,
            savings_p95: 0.0,
            p_gain: 0.0,
            breakeven_p50: None,
            effect_held: held,
            savings_mean_no_effect: 0.0,
            p_gain_no_effect: 0.0,
            savings_mean_evidence: None,
            p_gain_evidence: None,
            breakeven_elasticity: None,
            pays_if: "",
        }
    }

    #[test]
    fn best_is_the_highest_mean_within_the_evidence_first_of_equals() {
        let at = |index, edge| Some(Best { index, edge });
        assert_eq!(best(&[]), None);
        let inside = [row(-1.0, 0.0), row(3.0, 0.0), row(2.0, 0.0), row(3.0, 0.0)];
        assert_eq!(best(&inside), at(1, None));
        assert_eq!(best(&inside[1..]), at(0, Some(Edge::Grid)));
        // The largest mean is outside the evidence: never named; the best inside is next to
        // it, at the evidence's edge.
        let clamped = [row(-1.0, 0.0), row(2.0, 0.0), row(5.0, 0.2), row(9.0, 1.0)];
        assert_eq!(best(&clamped), at(1, Some(Edge::Evidence)));
        assert_eq!(best(&[row(5.0, 0.5), row(9.0, 1.0)]), None);
        assert_eq!(best(&[row(5.0, 0.0)]), at(0, None));
    }

    #[test]
    fn bad_ranges_are_refused() {
        for bad in [
            "",
            "1:2",
            "a:2:1",
            "0:10:1",
            "10:5:1",
            "1:10:0",
            "1:100000:1",
        ] {
            assert!(parse_range("--caseload", bad).is_err(), "{bad}");
        }
    }
}
