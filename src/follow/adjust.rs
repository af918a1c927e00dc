//! A trial's path of the followed arm, moved to where the actual cohort stands.
//!
//! Through the last observed month T the counts are the actual ones: each observed state
//! gets its actual count, and the difference δ is taken from the trial's unobserved states in
//! proportion to their counts (so a partial observation keeps the trial's total). After T the
//! difference moves on with the trial's own expected dynamics, δ_{t} = δ_{t−1} · M_t (the
//! chain of [`super::chain`]), and is added to the trial's counts (floored at 0): the
//! conditional mean of a Markov cohort given where it stands at T, with the trial's own chance
//! from T on. Refusion scales with the citizens in states that carry it; caseworkers,
//! intervention and one-off costs stay the trial's.

use crate::engine::{Field, shape};
use crate::model::Model;

use super::actuals::Count;
use super::chain::Chain;

/// Move `records` (the followed arm of one trial, `[month][field]`) to the actuals `obs`
/// (sorted by month), with the trial's `chain` beyond the last observed month.
pub fn adjust(model: &Model, chain: &Chain, obs: &[Count], records: &mut [f64]) {
    let Some(last) = obs.last().map(|c| c.month as usize - 1) else {
        return;
    };
    let (n, fields) = (model.states.len(), shape(model, 1).fields());
    let mut delta = vec![0.0; n];
    for (m, rec) in records.chunks_mut(fields).enumerate() {
        if m > last {
            chain.step(&mut delta, m);
            shift(model, rec, &delta);
            continue;
        }
        let month: Vec<&Count> = obs.iter().filter(|c| c.month as usize == m + 1).collect();
        if month.is_empty() {
            continue;
        }
        delta.iter_mut().for_each(|d| *d = 0.0);
        for c in &month {
            delta[c.state] = c.count - rec[c.state];
        }
        let observed = |s: usize| month.iter().any(|c| c.state == s);
        let rest: f64 = (0..n).filter(|&s| !observed(s)).map(|s| rec[s]).sum();
        if rest > 0.0 {
            let moved: f64 = delta.iter().sum();
            for s in (0..n).filter(|&s| !observed(s)) {
                delta[s] = -moved * rec[s] / rest;
            }
        }
        shift(model, rec, &delta);
    }
}

/// Add `delta` to a month's counts (floored at 0) and scale its refusion with the citizens
/// in states that carry refusion.
fn shift(model: &Model, rec: &mut [f64], delta: &[f64]) {
    let n = model.states.len();
    let covered = |rec: &[f64]| -> f64 {
        (0..n)
            .filter(|&s| model.states[s].refusion)
            .map(|s| rec[s])
            .sum()
    };
    let before = covered(rec);
    for (x, d) in rec[..n].iter_mut().zip(delta) {
        *x = (*x + d).max(0.0);
    }
    if before > 0.0 {
        rec[n + Field::Refusion as usize] *= covered(rec) / before;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::expect::arm_trace;

    #[test]
    fn observed_months_take_the_actual_counts_and_keep_the_total() {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/silkeborg.toml");
        let model = crate::scenario::load(&path).unwrap();
        let job = model.state_index("job").unwrap();
        let trace = arm_trace(&model, 0).unwrap();
        let chain = Chain::new(&model, &trace);
        let mut recs = trace.records.clone();
        let fields = shape(&model, 1).fields();
        let n = model.states.len();
        let total = |r: &[f64], m: usize| r[m * fields..][..n].iter().sum::<f64>();
        let obs = [Count {
            month: 2,
            state: job,
            count: chain.count(1, job) + 5.0,
            line: 2,
        }];
        adjust(&model, &chain, &obs, &mut recs);
        assert_eq!(recs[fields + job], obs[0].count);
        for m in 0..model.months as usize {
            assert!((total(&recs, m) - total(&trace.records, m)).abs() < 1e-9);
        }
        // After the observed month, the difference moves on: some of it, never more.
        let later = recs[2 * fields + job] - trace.records[2 * fields + job];
        assert!(later > 0.0 && later <= 5.0 + 1e-9, "{later}");
    }
}
