//! Where an arm's caseload leaves the range its effect is valid for.

use crate::engine::{Field, Results};
use crate::model::Model;

/// How often an arm's caseload lies outside the range its effect is valid for, where the
/// effect is held at the edge instead of extrapolated.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Held {
    /// Share of the arm's months (over all trials) with a caseload outside the valid range.
    pub share: f64,
    /// Lowest and highest caseload of any month with cases.
    pub range: (f64, f64),
    /// The valid range.
    pub valid: (f64, f64),
}

impl Held {
    /// Of arm `arm` in `results`, a run of `model`.
    pub fn of(model: &Model, results: &Results, arm: usize) -> Held {
        let s = results.shape;
        let (mut outside, mut counted) = (0usize, 0usize);
        let mut range = (f64::INFINITY, f64::NEG_INFINITY);
        let valid = model.caseload.valid;
        for i in 0..s.trials {
            for m in 0..s.months {
                if results.field(i, arm, m, Field::Cases) == 0.0 {
                    continue;
                }
                let l = results.field(i, arm, m, Field::Caseload);
                counted += 1;
                outside += (l < valid.0 || l > valid.1) as usize;
                range = (range.0.min(l), range.1.max(l));
            }
        }
        Held {
            share: if counted > 0 {
                outside as f64 / counted as f64
            } else {
                0.0
            },
            range,
            valid,
        }
    }

    /// A warning in words when any month is outside the range, e.g. "caseload outside the
    /// evidence's 25–150 in 38 % of months (down to 15.2): the effect is held at the edge".
    pub fn warning(&self, arm: &str) -> Option<String> {
        (self.share > 0.0).then(|| {
            format!(
                "`{arm}`: caseload outside the range the evidence covers ({}–{}) in {:.0} % of months (from {:.1} to {:.1}): the caseload effect is held at its value at the edge, not extrapolated",
                self.valid.0,
                self.valid.1,
                100.0 * self.share,
                self.range.0,
                self.range.1
            )
        })
    }
}
