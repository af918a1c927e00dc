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

/// The running count behind [`Held`], added to chunk by chunk.
#[derive(Debug, Clone, Copy)]
pub(super) struct HeldCount {
    outside: usize,
    counted: usize,
    range: (f64, f64),
}

impl HeldCount {
    pub(super) fn new() -> HeldCount {
        HeldCount {
            outside: 0,
            counted: 0,
            range: (f64::INFINITY, f64::NEG_INFINITY),
        }
    }

    /// Count the months with cases of arm `arm` in `results`, a run of `model`.
    pub(super) fn add(&mut self, model: &Model, results: &Results, arm: usize) {
        let s = results.shape;
        let valid = model.caseload.valid;
        for i in 0..s.trials {
            for m in 0..s.months {
                if results.field(i, arm, m, Field::Cases) == 0.0 {
                    continue;
                }
                let l = results.field(i, arm, m, Field::Caseload);
                self.counted += 1;
                self.outside += (l < valid.0 || l > valid.1) as usize;
                self.range = (self.range.0.min(l), self.range.1.max(l));
            }
        }
    }

    pub(super) fn held(&self, model: &Model) -> Held {
        Held {
            share: if self.counted > 0 {
                self.outside as f64 / self.counted as f64
            } else {
                0.0
            },
            range: self.range,
            valid: model.caseload.valid,
        }
    }
}

impl Held {
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
