//! One citizen in one arm, and the monthly update of its refusion clock.

use super::plan::{COVERED, Plan, SELF_SUPPORT};

/// Marks "in no intervention".
pub const NONE: u8 = u8::MAX;

/// A citizen's state in one arm. Every arm starts with identical copies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Agent {
    /// Months of the § 6 window, newest in bit 0: 1 = a month of self-support.
    pub mask: u64,
    /// Interventions already taken (bit i = intervention i); each is offered once.
    pub used: u32,
    /// Refusion clock: whole months on covered benefits since the last restart.
    pub clock: u16,
    /// Months in the current intervention, this one included.
    pub iv_months: u16,
    /// State index.
    pub state: u8,
    /// Effect slot selecting the sampling rows (0 = no intervention effect).
    pub slot: u8,
    /// Current intervention, or [`NONE`].
    pub iv: u8,
    /// Months since leaving `decay_iv` while its effect fades (0 = not fading).
    pub decay: u8,
    /// The intervention whose effect is fading.
    pub decay_iv: u8,
    /// Months of self-support in `mask` (kept as a running count: baseline x86-64 has no
    /// popcount instruction, and this is the hot loop).
    pub ss_months: u8,
}

impl Agent {
    /// A citizen starting in `state` with `clock` months on covered benefits behind them.
    pub fn new(state: u8, clock: u16) -> Agent {
        Agent {
            mask: 0,
            used: 0,
            clock,
            iv_months: 0,
            state,
            slot: 0,
            iv: NONE,
            decay: 0,
            decay_iv: NONE,
            ss_months: 0,
        }
    }

    /// Account for a month spent in the current state: returns the month's refusion (kr.) from
    /// `table` (the month's, [`Plan::refund_table`]) and advances the clock; records
    /// self-support and restarts the clock under § 6.
    #[inline(always)]
    pub fn count_month(&mut self, plan: &Plan, table: &[f64]) -> f64 {
        // Branch-free: citizens' states are mixed at random, so branching on them mispredicts.
        // The refund table holds 0 for uncovered states.
        let flags = plan.flags[self.state as usize];
        let refund = plan.refund(table, self.state, self.clock);
        self.clock = self.clock.saturating_add((flags & COVERED) as u16);
        let ss = (flags & SELF_SUPPORT != 0) as u64;
        let leaving = (self.mask >> plan.window_last) & 1;
        self.mask = ((self.mask << 1) | ss) & plan.window_mask;
        self.ss_months = self.ss_months + ss as u8 - leaving as u8;
        debug_assert_eq!(self.ss_months as u32, self.mask.count_ones());
        if ss != 0 && self.ss_months as u32 >= plan.reset_months {
            self.clock = 0;
            self.mask = 0;
            self.ss_months = 0;
        }
        refund
    }
}
