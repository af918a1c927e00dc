//! Each segment's block of a month's record (see [`super::results`]), from the arm's totals
//! by segment ([`super::by_segment`]). Runs only for a model with segments.

use super::agent::NONE;
use super::arm::ArmRun;
use super::plan::Plan;
use super::results::{EXTRA_FIELDS, Field};
use crate::model::Model;

/// A segment's share of the arm's caseworkers: its share of the `cases`, or of the
/// `citizens` when there are no cases (0 when there is no one); `own` = (its cases, its
/// citizens). The same rule in the engine and in `expect`.
pub fn caseworker_share(own: (f64, f64), cases: f64, citizens: f64) -> f64 {
    match (cases > 0.0, citizens > 0.0) {
        (true, _) => own.0 / cases,
        (false, true) => own.1 / citizens,
        (false, false) => 0.0,
    }
}

/// Each segment's block of a month's record `rec` (after the whole arm's block): its cases
/// of the `cases` at the start of the month, the arm's caseload, and its share of the
/// caseworkers — by its share of the cases (of the citizens when there are no cases).
#[cold]
#[inline(never)]
pub(super) fn segment_staffing(
    model: &Model,
    run: &ArmRun,
    (cases, staff): (u32, &crate::model::StaffMonth),
    rec: &mut [f64],
) {
    let by = &run.by_segment;
    let block = rec.len() / (1 + by.segments);
    let s_count = model.states.len();
    let citizens = run.states.len() as f64;
    for g in 0..by.segments {
        let counts = by.counts_of(g);
        let own = model.cases(counts) as f64;
        let all = counts.iter().sum::<u32>() as f64;
        let share = caseworker_share((own, all), cases as f64, citizens);
        let b = &mut rec[(1 + g) * block..][..block];
        b[s_count + Field::Cases as usize] = own;
        b[s_count + Field::Caseload as usize] = staff.caseload;
        b[s_count + Field::Caseworkers as usize] = staff.caseworkers * share;
    }
}

/// Each segment's occupancy and money of the month (after the moves) into its block of `rec`.
#[cold]
#[inline(never)]
pub(super) fn segment_records(run: &ArmRun, s_count: usize, rec: &mut [f64]) {
    let by = &run.by_segment;
    let block = rec.len() / (1 + by.segments);
    let ivs = block - s_count - EXTRA_FIELDS;
    for g in 0..by.segments {
        let b = &mut rec[(1 + g) * block..][..block];
        for (r, &c) in b.iter_mut().zip(by.counts_of(g)) {
            *r = c as f64;
        }
        b[s_count + Field::Refusion as usize] = by.paid[g] as f64 / 100.0;
        b[s_count + Field::OneOff as usize] = by.one_off[g];
        b[s_count + Field::Interventions as usize] = by.iv_cost[g];
        for (r, &p) in b[s_count + EXTRA_FIELDS..]
            .iter_mut()
            .zip(&by.participants[g * ivs..][..ivs])
        {
            *r = p as f64;
        }
    }
}

/// Participants by segment and intervention, counted after the intervention pass.
#[cold]
#[inline(never)]
pub(super) fn segment_participants(plan: &Plan, run: &mut ArmRun) {
    let ivs = run.participants.len();
    let mut counts = std::mem::take(&mut run.by_segment.participants);
    counts.iter_mut().for_each(|c| *c = 0);
    for (i, o) in run.offers.iter().enumerate().filter(|(_, o)| o.iv != NONE) {
        counts[run.segment(plan, i) * ivs + o.iv as usize] += 1;
    }
    run.by_segment.participants = counts;
}

/// [`active_bonus`] by segment, added to each segment's refusion paid.
#[cold]
#[inline(never)]
pub(super) fn segment_bonus(plan: &Plan, run: &mut ArmRun) {
    for (i, (o, &s)) in run.offers.iter().zip(&run.states).enumerate() {
        if o.iv != NONE && plan.company_based[o.iv as usize] {
            let g = run.segment(plan, i);
            run.by_segment.paid[g] += plan.active_bonus[s as usize];
        }
    }
}
