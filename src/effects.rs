//! What the result rests on: the same run with no effect at all and with the caseload effect at
//! the centre of the research evidence, beside the scenario's own assumption — common random
//! numbers throughout, so the differences are the effects' alone.

use indicatif::ProgressBar;

use crate::model::Model;
use crate::psa;
use crate::stats::Band;
use crate::summary::{self, Analysis};
use crate::uncertainty::Uncertainty;

/// Which effects a run assumes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// No caseload effect (every elasticity 0) and no intervention effect (every ratio 1):
    /// the arms differ in cost only.
    None,
    /// The caseload elasticities at the centre of the research ([`crate::model::CaseloadEffect::evidence`]),
    /// interventions' effects as the scenario assumes them.
    Evidence,
    /// The scenario's own assumptions (the headline run).
    Assumed,
}

impl Effect {
    /// The id in `effects.csv`.
    pub fn id(self) -> &'static str {
        match self {
            Effect::None => "none",
            Effect::Evidence => "evidence",
            Effect::Assumed => "assumed",
        }
    }

    /// `model` with this effect instead of its own.
    pub fn apply(self, model: &mut Model) {
        match self {
            Effect::None => {
                model.caseload.elasticity.iter_mut().for_each(|e| *e = 0.0);
                for iv in &mut model.interventions {
                    iv.effects.iter_mut().for_each(|r| *r = 1.0);
                }
            }
            Effect::Evidence => {
                if let Some(e) = &model.caseload.evidence {
                    model.caseload.elasticity = e.clone();
                }
            }
            Effect::Assumed => {}
        }
    }
}

/// One arm's total saving under one effect, from the headline's perspective.
#[derive(Debug, Clone)]
pub struct EffectRow {
    /// Which effect.
    pub effect: Effect,
    /// Arm index (≥ 1).
    pub arm: usize,
    /// Total discounted saving, kr.
    pub savings: Band,
    /// P(saving > 0).
    pub p_gain: f64,
    /// Median break-even month.
    pub breakeven_p50: Option<u32>,
}

/// Runs that [`compare`] adds: one without effects, and one at the evidence when the scenario
/// states it.
pub fn runs(model: &Model) -> u64 {
    1 + model.caseload.evidence.is_some() as u64
}

/// The rows of every arm under no effect, the evidence (when stated) and the scenario's
/// assumption (from `analysis`, the headline run), from the headline's perspective.
pub fn compare(
    model: &Model,
    params: &Uncertainty,
    (trials, seed): (u32, u64),
    analysis: &Analysis,
    progress: &ProgressBar,
) -> Vec<EffectRow> {
    let p = model.headline;
    let mut rows = Vec::new();
    let mut variants = vec![Effect::None];
    if model.caseload.evidence.is_some() {
        variants.push(Effect::Evidence);
    }
    for effect in variants {
        let run = psa::run_adjusted(model, params, trials, seed, progress, &|m| effect.apply(m));
        let (_, arms) = summary::summarise(model, &run.results, &run.ledgers, p);
        rows.extend(arms.iter().skip(1).map(|s| EffectRow {
            effect,
            arm: s.arm,
            savings: s.savings_total,
            p_gain: s.p_gain,
            breakeven_p50: s.breakeven_p50,
        }));
    }
    rows.extend((1..model.arms.len()).map(|a| {
        let s = analysis.arm(a, p);
        EffectRow {
            effect: Effect::Assumed,
            arm: a,
            savings: s.savings_total,
            p_gain: s.p_gain,
            breakeven_p50: s.breakeven_p50,
        }
    }));
    rows
}
