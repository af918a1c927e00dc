//! One arm's citizens within a trial, and its refusion kept as a running total.
//!
//! Most citizen-months are "stay": a citizen in the same state as last month, whose refusion
//! is that of last month with the clock one further. So the arm does not recount every
//! citizen every month. It keeps `refund` — the refusion, øre, all its citizens bring this
//! month — and changes it only when something happens:
//! - a citizen enters a covered state s with clock c in month t: + R(s, c) now, and, while the
//!   clock is below the trappe's last step K, the later changes R(s, c+j) − R(s, c+j−1)
//!   written into `deltas` for month t + j (a ring of K + 1 months);
//! - it leaves s in month t': − R(s, c + (t' − t)), and its changes still ahead are taken out
//!   of the ring again;
//! - every month starts by adding its ring entry.
//!
//! The refusion clock and § 6 window of a citizen ([`Record`]) are brought up to date only
//! when it moves, and once for everybody in the month the trappe comes into force (its table
//! then replaces the clock-blind one before it). Sums are whole øre, so the order of the
//! changes does not matter, and the month's refusion equals the citizen-by-citizen sum.

use super::agent::{Offer, Record};
use super::by_segment::BySegment;
use super::plan::Plan;

/// A citizen joining: state, refusion clock, completed months in the state, segment.
pub type Joining = (u8, u16, u32, usize);

/// One arm's citizens (in citizen order) and running totals. Arms whose citizens move alike
/// share one (see [`super::month`]), so it holds nothing that is one arm's alone: the sampling
/// rows and staffing live with the arm.
#[derive(Debug, Clone, Default)]
pub struct ArmRun {
    /// State of each citizen.
    pub states: Vec<u8>,
    /// Effect slot of each citizen (0 = no intervention effect).
    pub slots: Vec<u8>,
    /// Row group of each citizen: its duration band in its state (see [`super::table`]);
    /// empty when no state has duration bands (every citizen is in group 0).
    pub groups: Vec<u8>,
    /// Month index at which each citizen's next band starts (`u16::MAX`: none); empty as
    /// `groups`.
    pub band_ends: Vec<u16>,
    /// Refusion clock and § 6 window of each citizen.
    pub records: Vec<Record>,
    /// Intervention place of each citizen.
    pub offers: Vec<Offer>,
    /// Citizens per state.
    pub counts: Vec<u32>,
    /// Participants per intervention.
    pub participants: Vec<u32>,
    /// This month's refusion of all citizens, øre.
    pub refund: i64,
    /// This month's refusion paid, øre: `refund`, plus the active share's extra for citizens
    /// in a company-based offer before the trappe.
    pub paid: i64,
    /// This month's intervention costs, kr.
    pub iv_cost: f64,
    /// This month's one-off move costs, kr.
    pub one_off: f64,
    /// The same totals by segment (kept only with more than one segment).
    pub by_segment: BySegment,
    /// Refusion changes already known for coming months, `[month % (K + 1)]`, øre.
    deltas: Vec<i64>,
}

impl ArmRun {
    /// An empty arm for `states` states and `interventions` interventions, with a trappe whose
    /// last step starts at clock `cap`.
    pub fn new(states: usize, interventions: usize, cap: u16) -> ArmRun {
        ArmRun::with_segments(states, interventions, cap, 1)
    }

    /// As [`ArmRun::new`], keeping totals by segment when `segments` > 1.
    pub fn with_segments(states: usize, interventions: usize, cap: u16, segments: usize) -> ArmRun {
        let ring = cap as usize + 1;
        ArmRun {
            by_segment: BySegment::new(segments, states, interventions, ring),
            counts: vec![0; states],
            participants: vec![0; interventions],
            deltas: vec![0; cap as usize + 1],
            ..ArmRun::default()
        }
    }

    /// Empty the arm for a new trial.
    pub fn clear(&mut self) {
        self.states.clear();
        self.slots.clear();
        self.groups.clear();
        self.band_ends.clear();
        self.records.clear();
        self.offers.clear();
        self.counts.iter_mut().for_each(|c| *c = 0);
        self.participants.iter_mut().for_each(|c| *c = 0);
        self.refund = 0;
        self.deltas.iter_mut().for_each(|d| *d = 0);
        (self.paid, self.iv_cost, self.one_off) = (0, 0.0, 0.0);
        self.by_segment.clear();
    }

    /// Become a copy of `other`, reusing this arm's allocations (no allocation once both have
    /// held as many citizens).
    pub fn copy_from(&mut self, other: &ArmRun) {
        self.states.clone_from(&other.states);
        self.slots.clone_from(&other.slots);
        self.groups.clone_from(&other.groups);
        self.band_ends.clone_from(&other.band_ends);
        self.records.clone_from(&other.records);
        self.offers.clone_from(&other.offers);
        self.counts.clone_from(&other.counts);
        self.participants.clone_from(&other.participants);
        self.deltas.clone_from(&other.deltas);
        self.refund = other.refund;
        (self.paid, self.iv_cost, self.one_off) = (other.paid, other.iv_cost, other.one_off);
        self.by_segment.clone_from(&other.by_segment);
    }

    /// The segment of citizen `i` (0 without row groups).
    #[inline(always)]
    pub fn segment(&self, plan: &Plan, i: usize) -> usize {
        self.groups.get(i).map_or(0, |&g| plan.segment_of(g))
    }

    /// A citizen of segment `seg` joins in month `m` in `state` with `clock` months behind it
    /// on the refusion clock and `months` completed months in `state`.
    pub fn admit(&mut self, plan: &Plan, (state, clock, months, seg): Joining, m: usize) {
        self.states.push(state);
        self.slots.push(0);
        if plan.grouped {
            let (group, end) = plan.group_at((seg, state), months, m);
            self.groups.push(group);
            self.band_ends.push(end);
        }
        self.records.push(Record::new(clock, m as u16));
        self.offers.push(Offer::default());
        self.counts[state as usize] += 1;
        if self.by_segment.on() {
            self.by_segment.moved(seg, None, state);
        }
        self.enter(plan, self.states.len() - 1, m);
    }

    /// Start month `m`: the refusion changes due now (and, in the trappe's first month, every
    /// citizen's refusion recounted on its table).
    pub fn start_month(&mut self, plan: &Plan, m: usize) {
        if m > 0 && m == plan.trappe_month {
            self.refund = 0;
            self.deltas.iter_mut().for_each(|d| *d = 0);
            self.by_segment.recount();
            for i in 0..self.states.len() {
                self.records[i].advance(plan, self.states[i], m as u16);
                self.enter(plan, i, m);
            }
            return;
        }
        let slot = m % self.deltas.len();
        self.refund += self.deltas[slot];
        self.deltas[slot] = 0;
        if self.by_segment.on() {
            self.by_segment.start_month(m);
        }
    }

    /// Citizen `i` moves to `to` in month `m`.
    #[inline(never)]
    pub fn relocate(&mut self, plan: &Plan, i: usize, to: u8, m: usize) {
        let from = self.states[i];
        self.leave(plan, i, m);
        self.records[i].advance(plan, from, m as u16);
        self.counts[from as usize] -= 1;
        self.counts[to as usize] += 1;
        if self.by_segment.on() {
            let g = self.segment(plan, i);
            self.by_segment.moved(g, Some(from), to);
        }
        self.states[i] = to;
        if plan.grouped {
            let seg = plan.segment_of(self.groups[i]);
            (self.groups[i], self.band_ends[i]) = plan.group_at((seg, to), 0, m + 1);
        }
        self.enter(plan, i, m);
    }

    /// Start month `m`'s duration bands: every citizen whose next band starts now moves into
    /// it. Only called when some state has duration bands.
    pub fn advance_bands(&mut self, plan: &Plan, m: usize) {
        let m16 = m as u16;
        for i in 0..self.states.len() {
            if self.band_ends[i] <= m16 {
                let starts = &plan.band_starts[self.states[i] as usize];
                self.groups[i] += 1;
                let b = self.groups[i] as usize % plan.bands;
                self.band_ends[i] = starts.get(b + 1).map_or(u16::MAX, |&next| {
                    (m as u32 + next - starts[b]).min(u16::MAX as u32) as u16
                });
            }
        }
    }

    /// Add citizen `i`'s refusion from month `m` on: its record is current at `m`.
    fn enter(&mut self, plan: &Plan, i: usize, m: usize) {
        let s = self.states[i];
        if !plan.covered(s) {
            return;
        }
        let c = self.records[i].clock;
        let x = plan.refund(plan.refund_table(m), s, c);
        self.refund += x;
        if m >= plan.trappe_month {
            self.schedule(plan, (s, c, m), 1, 1);
        }
        if self.by_segment.on() {
            let g = self.segment(plan, i);
            self.by_segment.refund[g] += x;
            if m >= plan.trappe_month {
                self.by_segment.schedule(plan, g, (s, c, m), 1, 1);
            }
        }
    }

    /// Take citizen `i`'s refusion out from month `m` on: its record is current at `since`,
    /// and it has been in its state since then.
    fn leave(&mut self, plan: &Plan, i: usize, m: usize) {
        let s = self.states[i];
        if !plan.covered(s) {
            return;
        }
        let r = self.records[i];
        let elapsed = m - r.since as usize;
        let now = r
            .clock
            .saturating_add(elapsed.min(u16::MAX as usize) as u16);
        let x = plan.refund(plan.refund_table(m), s, now);
        self.refund -= x;
        let entered = (s, r.clock, r.since as usize);
        if r.since as usize >= plan.trappe_month {
            self.schedule(plan, entered, elapsed + 1, -1);
        }
        if self.by_segment.on() {
            let g = self.segment(plan, i);
            self.by_segment.refund[g] -= x;
            if r.since as usize >= plan.trappe_month {
                self.by_segment.schedule(plan, g, entered, elapsed + 1, -1);
            }
        }
    }

    /// Add (`sign` 1) or withdraw (−1) the changes of the trappe's refusion of a citizen who
    /// entered covered state `s` with clock `c` in month `t`: R(s, c+j) − R(s, c+j−1) in month
    /// t + j, for j from `first` while the clock is below K.
    fn schedule(&mut self, plan: &Plan, entered: (u8, u16, usize), first: usize, sign: i64) {
        plan.schedule(&mut self.deltas, entered, first, sign);
    }
}
