//! Per-run tables, computed once from the model and shared read-only by every worker, so the
//! hot loop only indexes arrays.
//!
//! Refusion is kept in whole øre (i64): a month's refusion is a sum of integers, the same in
//! whatever order citizens' contributions are added or removed.

use crate::model::Model;

/// State flag: covered by the refusionstrappe.
pub const COVERED: u8 = 1;
/// State flag: a month here is self-support (§ 6).
pub const SELF_SUPPORT: u8 = 2;

/// kr. as whole øre.
pub fn ore(kr: f64) -> i64 {
    (kr * 100.0).round() as i64
}

/// What the engine needs of a model, in array form.
#[derive(Debug, Clone)]
pub struct Plan {
    /// Number of states S.
    pub states: usize,
    /// [`COVERED`] | [`SELF_SUPPORT`] by state.
    pub flags: Vec<u8>,
    /// Refusion, øre, of one month in state s with clock k: `refund[s · (K + 1) + min(k, K)]`
    /// = benefit_s · share(k).
    pub refund: Vec<i64>,
    /// The same table before the trappe: benefit_s · (the state's flat share, or the passive
    /// share), whatever the clock.
    pub refund_before: Vec<i64>,
    /// Extra refusion, øre, of a month in state s in a company-based offer before the trappe:
    /// benefit_s · (active − passive) (0 for a state with a flat share).
    pub active_bonus: Vec<i64>,
    /// Month index from which the trappe applies (0: from month 1).
    pub trappe_month: usize,
    /// Whether each intervention is company-based.
    pub company_based: Vec<bool>,
    /// K: the clock month from which the refunded share is constant.
    pub clock_cap: u16,
    /// One-off move costs, kr., `[from · S + to]`.
    pub move_cost: Vec<f64>,
    /// Low `window_months` bits set: the § 6 window.
    pub window_mask: u64,
    /// Self-support months in the window that restart the clock.
    pub reset_months: u32,
    /// First effect slot of each intervention (see [`super::table`]).
    pub first_slot: Vec<u8>,
    /// Interventions of each arm.
    pub arm_interventions: Vec<Vec<usize>>,
    /// Duration bands of each state: the completed months at which each starts (`[0]` for a
    /// state without duration dependence).
    pub band_starts: Vec<Vec<u32>>,
    /// Whether any state has more than one band.
    pub has_duration: bool,
    /// Bands per segment: a citizen's row group is segment · bands + band.
    pub bands: usize,
    /// Whether citizens are in more than one row group (segments or bands); else every
    /// citizen is in group 0 and the engine keeps no groups.
    pub grouped: bool,
    /// Effect slots per group of sampling rows.
    pub slots: usize,
}

impl Plan {
    /// Tables for `model`.
    pub fn new(model: &Model) -> Plan {
        let shares = model.refusion.shares();
        let cap = shares.len() - 1;
        let refund = model
            .states
            .iter()
            .flat_map(|s| {
                shares
                    .iter()
                    .map(move |k| if s.refusion { ore(s.benefit * k) } else { 0 })
            })
            .collect();
        let before = &model.refusion.before;
        let refund_before = model
            .states
            .iter()
            .flat_map(|s| {
                let share = s.refusion_before.unwrap_or(before.passive);
                let x = if s.refusion {
                    ore(s.benefit * share)
                } else {
                    0
                };
                std::iter::repeat_n(x, shares.len())
            })
            .collect();
        let active_bonus = model
            .states
            .iter()
            .map(|s| match (s.refusion, s.refusion_before) {
                (true, None) => ore(s.benefit * (before.active - before.passive)),
                _ => 0,
            })
            .collect();
        let flags = model
            .states
            .iter()
            .map(|s| ((s.refusion as u8) * COVERED) | ((s.self_support as u8) * SELF_SUPPORT))
            .collect();
        let window = model.refusion.window_months;
        Plan {
            states: model.states.len(),
            flags,
            refund,
            refund_before,
            active_bonus,
            trappe_month: model.refusion.first_month(model.start),
            company_based: model
                .interventions
                .iter()
                .map(|i| i.company_based)
                .collect(),
            clock_cap: cap as u16,
            move_cost: model.move_costs.iter().flatten().copied().collect(),
            window_mask: if window >= 64 {
                u64::MAX
            } else {
                (1u64 << window) - 1
            },
            reset_months: model.refusion.reset_months,
            first_slot: super::table::slot_layout(model).0,
            arm_interventions: model.arms.iter().map(|a| a.interventions.clone()).collect(),
            band_starts: model.duration.iter().map(|d| d.starts.clone()).collect(),
            has_duration: model.bands() > 1,
            bands: model.bands(),
            grouped: model.bands() * model.segment_count() > 1,
            slots: super::table::slot_layout(model).1,
        }
    }

    /// A citizen of segment `seg` with `months` completed months in state `s` at month index
    /// `m`: its row group (segment · bands + band), and the month index at which its next
    /// band starts (`u16::MAX` when none does).
    pub fn group_at(&self, (seg, s): (usize, u8), months: u32, m: usize) -> (u8, u16) {
        let starts = &self.band_starts[s as usize];
        let b = starts.iter().rposition(|&x| x <= months).unwrap_or(0);
        let end = starts.get(b + 1).map_or(u16::MAX, |&next| {
            (m as u64 + (next - months) as u64).min(u16::MAX as u64) as u16
        });
        ((seg * self.bands + b) as u8, end)
    }

    /// The segment of a citizen in row group `group`.
    pub fn segment_of(&self, group: u8) -> usize {
        group as usize / self.bands
    }

    /// The refusion table of month index `m`: the trappe's, or the one before it.
    pub fn refund_table(&self, m: usize) -> &[i64] {
        if m < self.trappe_month {
            &self.refund_before
        } else {
            &self.refund
        }
    }

    /// Refusion, øre, of a month in state `s` with clock `clock`, from `table` (see
    /// [`Plan::refund_table`]).
    #[inline(always)]
    pub fn refund(&self, table: &[i64], s: u8, clock: u16) -> i64 {
        let k = clock.min(self.clock_cap) as usize;
        table[s as usize * (self.clock_cap as usize + 1) + k]
    }

    /// Add (`sign` 1) or withdraw (−1), in the refusion `ring` of known changes (indexed by
    /// month modulo its length), the trappe's changes for a citizen who entered covered state
    /// `s` with clock `c` in month `t`: R(s, c+j) − R(s, c+j−1) in month t + j, for j from
    /// `first` while the clock is below K.
    #[inline]
    pub fn schedule(&self, ring: &mut [i64], (s, c, t): (u8, u16, usize), first: usize, sign: i64) {
        let (cap, c, len) = (self.clock_cap as usize, c as usize, ring.len());
        for j in first..=cap.saturating_sub(c) {
            let step = self.refund(&self.refund, s, (c + j) as u16)
                - self.refund(&self.refund, s, (c + j - 1) as u16);
            ring[(t + j) % len] += sign * step;
        }
    }

    /// Whether state `s` is covered by the refusion.
    #[inline(always)]
    pub fn covered(&self, s: u8) -> bool {
        self.flags[s as usize] & COVERED != 0
    }
}
