//! One arm's expected trace, month by month (see the module documentation of [`super`]).

use std::collections::BTreeMap;

use super::ArmTrace;
use super::status::{Key, Status, add, arrive, dur_cap, prior_months};
use crate::engine::{EXTRA_FIELDS, Field, NONE, Plan, Table, caseworker_share, intervention_pass};
use crate::model::Model;

/// The trace of arm `a` with the clock capped at `cap`: see the module documentation.
pub(super) fn trace(model: &Model, plan: &Plan, a: usize, cap: usize) -> ArmTrace {
    let arm = &model.arms[a];
    let (n, months) = (model.states.len(), model.months as usize);
    let fields = crate::engine::shape(model, 1).fields();
    let mut records = vec![0.0; months * fields];
    let mut moves = vec![0.0; months * n * n];
    let mut table = Table::new(model);
    let mut v: BTreeMap<Key, f64> = BTreeMap::new();
    let counted = model.refusion.prior_cap(model.start, 0);
    let start = prior_months(&model.prior);
    for g in &model.cohort {
        let own = g.months.map(|m| vec![(1.0, m)]);
        let prior = own.as_deref().unwrap_or(&start);
        let at = (g.state, g.segment);
        add(model, &mut v, (at, g.count as f64), prior, (counted, cap));
    }
    let block = crate::engine::shape(model, 1).block();
    for m in 0..months {
        arrive(model, m, cap, &mut v);
        let start_v = segment_cases(model, &v);
        let cases: f64 = v
            .iter()
            .filter(|(k, _)| model.states[k.0 as usize].case)
            .map(|(_, x)| x)
            .sum();
        let staff = model.staff(a, m as u32 + 1, cases);
        let (caseload, workers) = (staff.caseload, staff.caseworkers);
        table.set_month(model, m);
        table.set_caseload(model, staff.effect_caseload);
        let mut next: BTreeMap<Key, f64> = BTreeMap::new();
        let (mut refusion, mut one_off, mut iv_cost) = (0.0, 0.0, 0.0);
        let mut participants = vec![0.0; model.interventions.len()];
        // Each segment's block of the record, filled beside the whole arm's (none without
        // segments).
        let mut by_seg = vec![0.0; fields - block];
        let refund = plan.refund_table(m);
        let moved = &mut moves[m * n * n..][..n * n];
        // Before the trappe, company-based participants are refunded at the active share.
        let bonus = |st: &Status| {
            let iv = st.offer.iv;
            let company = iv != NONE && plan.company_based[iv as usize];
            if m < plan.trappe_month && company {
                plan.active_bonus[st.state as usize] as f64 / 100.0
            } else {
                0.0
            }
        };
        for (&k, &mass) in &v {
            let mut ag = Status::of(k);
            if !arm.interventions.is_empty() {
                let group = [ag.group(model) as u8];
                // Capacity is unlimited here (checked), so counts only need to survive the
                // decrement of a leaving agent.
                let mut none = vec![1u32; model.interventions.len()];
                let cost = mass
                    * intervention_pass(
                        model,
                        plan,
                        m as u32 + 1,
                        (
                            (
                                std::slice::from_ref(&ag.state),
                                std::slice::from_mut(&mut ag.slot),
                                std::slice::from_mut(&mut ag.offer),
                            ),
                            (&group, &mut []),
                        ),
                        a,
                        &mut none,
                    );
                iv_cost += cost;
                let g = ag.seg as usize;
                put(
                    &mut by_seg,
                    (block, g),
                    n + Field::Interventions as usize,
                    cost,
                );
                if ag.offer.iv != NONE {
                    participants[ag.offer.iv as usize] += mass;
                    let at = n + EXTRA_FIELDS + ag.offer.iv as usize;
                    put(&mut by_seg, (block, g), at, mass);
                }
            }
            let s = ag.state as usize;
            let exits = table.probabilities(ag.group(model), ag.slot, s);
            let stay = 1.0 - exits.iter().sum::<f64>();
            for (j, &p) in exits.iter().enumerate() {
                let p = if j == s { stay } else { p };
                let flow = mass * p;
                if flow == 0.0 {
                    continue;
                }
                moved[s * n + j] += flow;
                let g = (block, ag.seg as usize);
                let cost = flow * model.move_costs[s][j];
                one_off += cost;
                put(&mut by_seg, g, n + Field::OneOff as usize, cost);
                let st = &model.states[j];
                let mut to = ag;
                to.state = j as u8;
                to.dur = match j == s {
                    true => dur_cap(model, s, ag.dur as u32 + 1),
                    false => 0,
                };
                if st.refusion {
                    let x = flow * plan.refund(refund, j as u8, ag.clock) as f64 / 100.0;
                    refusion += x;
                    put(&mut by_seg, g, n + Field::Refusion as usize, x);
                    to.clock = (ag.clock as usize + 1).min(cap) as u16;
                }
                let x = flow * bonus(&to);
                refusion += x;
                put(&mut by_seg, g, n + Field::Refusion as usize, x);
                *next.entry(to.key(model)).or_default() += flow;
            }
        }
        v = next;
        let rec = &mut records[m * fields..][..fields];
        for (k, x) in &v {
            rec[k.0 as usize] += x;
            put(&mut by_seg, (block, k.9 as usize), k.0 as usize, *x);
        }
        segment_staffing(model, (&start_v, cases, (caseload, workers)), &mut by_seg);
        rec[block..].copy_from_slice(&by_seg);
        rec[n + Field::Cases as usize] = cases;
        rec[n + Field::Caseload as usize] = caseload;
        rec[n + Field::Caseworkers as usize] = workers;
        rec[n + Field::Refusion as usize] = refusion;
        rec[n + Field::Interventions as usize] = iv_cost;
        rec[n + Field::OneOff as usize] = one_off;
        rec[n + EXTRA_FIELDS..][..participants.len()].copy_from_slice(&participants);
    }
    ArmTrace { records, moves }
}

/// Add `x` to field `at` of segment `g`'s block in `by_seg` (blocks of `block` fields; no-op
/// without segments).
fn put(by_seg: &mut [f64], (block, g): (usize, usize), at: usize, x: f64) {
    if !by_seg.is_empty() {
        by_seg[g * block + at] += x;
    }
}

/// Expected cases and citizens of each segment at the start of the month, from `v`.
fn segment_cases(model: &Model, v: &BTreeMap<Key, f64>) -> Vec<(f64, f64)> {
    let mut out = vec![(0.0, 0.0); model.segments.len()];
    if out.len() > 1 {
        for (k, x) in v {
            let seg = &mut out[k.9 as usize];
            seg.1 += x;
            if model.states[k.0 as usize].case {
                seg.0 += x;
            }
        }
    }
    out
}

/// Each segment's cases, the caseload, and its share of the caseworkers (by its share of
/// the cases, of the citizens when there are none), as the engine attributes them.
fn segment_staffing(
    model: &Model,
    (segs, cases, (caseload, workers)): (&[(f64, f64)], f64, (f64, f64)),
    by_seg: &mut [f64],
) {
    if by_seg.is_empty() {
        return;
    }
    let n = model.states.len();
    let block = by_seg.len() / segs.len();
    let citizens: f64 = segs.iter().map(|s| s.1).sum();
    for (g, &(own, all)) in segs.iter().enumerate() {
        let share = caseworker_share((own, all), cases, citizens);
        let b = &mut by_seg[g * block..][..block];
        b[n + Field::Cases as usize] = own;
        b[n + Field::Caseload as usize] = caseload;
        b[n + Field::Caseworkers as usize] = workers * share;
    }
}
