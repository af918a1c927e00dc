//! An arm's running totals by segment, kept beside the whole arm's when the model has more
//! than one segment: citizens by state, refusion (with its ring of known changes), this
//! month's refusion paid, intervention and one-off costs. Each is the sum over the segment's
//! citizens of what the arm's total sums over all, so the segments' totals add up to the
//! arm's (refusion in whole øre, exactly). [`super::segment_records`] writes them into each
//! segment's block of a month's record.

use super::plan::Plan;

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
        entered: (u8, u16, usize),
        first: usize,
        sign: i64,
    ) {
        let ring = &mut self.deltas[g * self.ring..][..self.ring];
        plan.schedule(ring, entered, first, sign);
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
