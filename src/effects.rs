//! What the result rests on: the same run with no effect at all and with the caseload effect at
//! the centre of the research evidence, beside the scenario's own assumption — common random
//! numbers throughout, so the differences are the effects' alone.

use crate::progress::Progress;

use crate::economics::{Ledgers, Money};
use crate::engine::Results;
use crate::model::Model;
use crate::psa;
use crate::stats::{self, Band};
use crate::summary::{Analysis, ArmSummary, Builder, Summariser};
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
                for seg in &mut model.segments {
                    seg.elasticity = None;
                }
                for iv in &mut model.interventions {
                    iv.effects.iter_mut().for_each(|r| *r = 1.0);
                }
            }
            Effect::Evidence => {
                // The evidence is for the average citizen: every segment gets it too.
                if let Some(e) = &model.caseload.evidence {
                    model.caseload.elasticity = e.clone();
                    for seg in &mut model.segments {
                        seg.elasticity = None;
                    }
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

/// The effects a run simulates beside its own assumption: none, and the evidence when the
/// scenario states it.
pub fn variants(model: &Model) -> Vec<Effect> {
    let mut v = vec![Effect::None];
    if model.caseload.evidence.is_some() {
        v.push(Effect::Evidence);
    }
    v
}

/// One trial under one effect: each arm's total discounted saving (kr.) and break-even month
/// from the headline's perspective, arm 1 first.
#[derive(Debug, Clone, PartialEq)]
pub struct TrialEffect {
    /// Σ discounted savings against the baseline, kr., per arm ≥ 1.
    pub savings: Vec<f64>,
    /// Break-even month per arm ≥ 1.
    pub breakeven: Vec<Option<u32>>,
}

impl TrialEffect {
    /// From one trial's `records` of `model` (the variant's own).
    pub fn of(model: &Model, records: &Results) -> TrialEffect {
        let money = Money::new(records, &Ledgers::fixed(model), model.headline);
        let arms = 1..records.shape.arms;
        TrialEffect {
            savings: arms.clone().map(|a| money.savings_total(0, a)).collect(),
            breakeven: arms.map(|a| money.breakeven(0, a)).collect(),
        }
    }
}

/// Run `model` (its parameters drawn per trial from `params`) and, in the same pass on the same
/// citizens and draws, every one of [`variants`]: the run, and per trial each variant's
/// [`TrialEffect`] (`[trial][variant]`).
pub fn run(
    model: &Model,
    params: &Uncertainty,
    (trials, seed): (u32, u64),
    progress: &dyn Progress,
) -> (psa::Run, Vec<Vec<TrialEffect>>) {
    let effects = variants(model);
    psa::run_with_variants(
        model,
        params,
        (0..trials as u64, seed),
        progress,
        (effects.len(), &|v, m| effects[v].apply(m)),
        &TrialEffect::of,
    )
}

/// As [`run`], analysed, in chunks of at most `chunk` trials so memory is bounded whatever the
/// number of trials: each chunk's records are analysed and dropped before the next is run.
/// The same trials and draws as one [`run`] (each trial seeded by its index): with `trials` ≤
/// `chunk` the analysis is [`Analysis::new`] of it to the bit; with more, the monthly bands'
/// percentiles come from a sketch ([`Analysis::sketched`]).
pub fn run_analysed(
    model: &Model,
    params: &Uncertainty,
    (trials, seed): (u32, u64),
    progress: &dyn Progress,
    chunk: u32,
) -> (Analysis, Vec<Vec<TrialEffect>>) {
    let mut builder = Builder::new(model, chunk.max(1) as usize, trials as usize);
    let outcomes = each_chunk(model, params, (trials, seed), progress, chunk, |run| {
        builder.add(model, &run.results, &run.ledgers);
    });
    (builder.finish(model), outcomes)
}

/// Run `trials` trials from `seed` with every variant, `chunk` at a time, handing each chunk's
/// run to `take` in trial order; every trial's [`TrialEffect`]s, in trial order.
fn each_chunk(
    model: &Model,
    params: &Uncertainty,
    (trials, seed): (u32, u64),
    progress: &dyn Progress,
    chunk: u32,
    mut take: impl FnMut(&psa::Run),
) -> Vec<Vec<TrialEffect>> {
    let effects = variants(model);
    let mut outcomes = Vec::with_capacity(trials as usize);
    psa::each_chunk(
        model,
        params,
        (trials, seed, chunk),
        progress,
        (effects.len(), &|v, m| effects[v].apply(m)),
        &TrialEffect::of,
        |run, out| {
            take(&run);
            outcomes.extend(out);
        },
    );
    outcomes
}

/// The rows of every arm under each of [`variants`] (from `outcomes`, `[trial][variant]`, as
/// [`run`] gives them) and under the scenario's assumption (from `analysis`, the headline run),
/// from the headline's perspective.
pub fn compare(
    model: &Model,
    outcomes: &[Vec<TrialEffect>],
    analysis: &Analysis,
) -> Vec<EffectRow> {
    let p = model.headline;
    let mut rows = variant_rows(model, outcomes);
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

/// The rows of every arm ≥ 1 under each of [`variants`], from `outcomes` (`[trial][variant]`).
pub fn variant_rows(model: &Model, outcomes: &[Vec<TrialEffect>]) -> Vec<EffectRow> {
    let mut rows = Vec::new();
    for (v, effect) in variants(model).into_iter().enumerate() {
        for a in 1..model.arms.len() {
            let mut savings: Vec<f64> = outcomes.iter().map(|t| t[v].savings[a - 1]).collect();
            let breakevens: Vec<Option<u32>> =
                outcomes.iter().map(|t| t[v].breakeven[a - 1]).collect();
            rows.push(EffectRow {
                effect,
                arm: a,
                p_gain: stats::share_positive(&savings),
                savings: Band::of(&mut savings),
                breakeven_p50: stats::median_month(&breakevens),
            });
        }
    }
    rows
}

/// As [`crate::summary::summarised`] from the headline's perspective (the arm summaries, run
/// `chunk` trials at a time), with every trial's [`TrialEffect`] under each of [`variants`]
/// from the same pass.
pub fn summarised(
    model: &Model,
    params: &Uncertainty,
    (trials, seed): (u32, u64),
    progress: &dyn Progress,
    chunk: u32,
) -> (Vec<ArmSummary>, Vec<Vec<TrialEffect>>) {
    let mut sums = Summariser::new(model, model.headline);
    let outcomes = each_chunk(model, params, (trials, seed), progress, chunk, |run| {
        sums.add(model, &run.results, &run.ledgers);
    });
    (sums.finish(model).1, outcomes)
}
