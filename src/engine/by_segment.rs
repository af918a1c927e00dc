//! An arm's running totals by segment, kept beside the whole arm's when the model has more
//! than one segment: citizens by state, refusion (with its ring of known changes), this
//! month's refusion paid, intervention and one-off costs. Each is the sum over the segment's
//! citizens of what the arm's total sums over all, so the segments' totals add up to the
//! arm's (refusion in whole øre, exactly). The functions at the end write each segment's
//! block of a month's record (see [`super::results`]); they run only with segments.

use super::agent::NONE;
use super::arm::ArmRun;
use super::plan::Plan;
use super::results::{EXTRA_FIELDS, Field};
use crate::model::Model;

/// Totals by segment, `[segment · width + index]`; all empty when the model has one segment.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BySegment {
    /// Segments kept (0: none).
    pub segments: usize,
    /// Citizens by segment and state, `[g · S + s]`.
    pub counts: Vec<u32>,
    /// This month's refusion of each segment's citizens, øre.
    pub refund: Vec<i64>,
    /// Refusion changes known for coming months, `[g · (K + 1) + month % (K + 1)]`, øre.
    pub deltas: Vec<i64>,
    /// This month's refusion paid by segment, øre.
    pub paid: Vec<i64>,
    /// This month's intervention costs by segment, kr.
    pub iv_cost: Vec<f64>,
    /// This month's one-off move costs by segment, kr.
    pub one_off: Vec<f64>,
    /// Participants by segment and intervention, `[g · I + i]`.
    pub participants: Vec<u32>,
    states: usize,
    ring: usize,
}

impl BySegment {
    /// Totals for `segments` segments (none kept when fewer than 2), `states` states,
    /// `interventions` interventions and a refusion ring of `ring` months.
    pub fn new(segments: usize, states: usize, interventions: usize, ring: usize) -> BySegment {
        if segments < 2 {
            return BySegment::default();
        }
        BySegment {
            segments,
            counts: vec![0; segments * states],
            refund: vec![0; segments],
            deltas: vec![0; segments * ring],
            paid: vec![0; segments],
            iv_cost: vec![0.0; segments],
            one_off: vec![0.0; segments],
            participants: vec![0; segments * interventions],
            states,
            ring,
        }
    }

    /// Whether totals are kept.
    #[inline(always)]
    pub fn on(&self) -> bool {
        self.segments > 0
    }

    /// Everything to zero for a new trial.
    pub fn clear(&mut self) {
        self.counts.iter_mut().for_each(|c| *c = 0);
        self.refund.iter_mut().for_each(|c| *c = 0);
        self.deltas.iter_mut().for_each(|c| *c = 0);
        self.paid.iter_mut().for_each(|c| *c = 0);
        self.iv_cost.iter_mut().for_each(|c| *c = 0.0);
        self.one_off.iter_mut().for_each(|c| *c = 0.0);
        self.participants.iter_mut().for_each(|c| *c = 0);
    }

    /// A citizen of segment `g` moves from state `from` (`None`: joins) to `to`.
    pub fn moved(&mut self, g: usize, from: Option<u8>, to: u8) {
        if let Some(f) = from {
            self.counts[g * self.states + f as usize] -= 1;
        }
        self.counts[g * self.states + to as usize] += 1;
    }

    /// Segment `g`'s share of [`super::arm::ArmRun`]'s schedule: the trappe's refusion
    /// changes of a citizen who entered covered state `s` with clock `c` in month `t`, added
    /// (`sign` 1) or withdrawn (−1) from step `first` on.
    pub fn schedule(
        &mut self,
        plan: &Plan,
        g: usize,
        (s, c, t): (u8, u16, usize),
        first: usize,
        sign: i64,
    ) {
        let (cap, c) = (plan.clock_cap as usize, c as usize);
        let ring = &mut self.deltas[g * self.ring..][..self.ring];
        for j in first..=cap.saturating_sub(c) {
            let step = plan.refund(&plan.refund, s, (c + j) as u16)
                - plan.refund(&plan.refund, s, (c + j - 1) as u16);
            ring[(t + j) % self.ring] += sign * step;
        }
    }

    /// Start month `m`: each segment's refusion changes due now.
    pub fn start_month(&mut self, m: usize) {
        for g in 0..self.segments {
            let at = g * self.ring + m % self.ring;
            self.refund[g] += self.deltas[at];
            self.deltas[at] = 0;
        }
    }

    /// Refusion and its ring to zero (to be recounted citizen by citizen).
    pub fn recount(&mut self) {
        self.refund.iter_mut().for_each(|c| *c = 0);
        self.deltas.iter_mut().for_each(|c| *c = 0);
    }

    /// The citizens of segment `g` by state.
    pub fn counts_of(&self, g: usize) -> &[u32] {
        &self.counts[g * self.states..][..self.states]
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
    let citizens = run.states.len().max(1) as f64;
    for g in 0..by.segments {
        let counts = by.counts_of(g);
        let own = super::month::cases(model, counts) as f64;
        let share = match cases {
            0 => counts.iter().sum::<u32>() as f64 / citizens,
            c => own / c as f64,
        };
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
