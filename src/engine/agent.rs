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
        }
    }

    /// Account for a month spent in the current state: returns the month's refusion (kr.) and
    /// advances the clock; records self-support and restarts the clock under § 6.
    #[inline(always)]
    pub fn count_month(&mut self, plan: &Plan) -> f64 {
        let flags = plan.flags[self.state as usize];
        let mut refund = 0.0;
        if flags & COVERED != 0 {
            refund = plan.refund(self.state, self.clock);
            self.clock = self.clock.saturating_add(1);
        }
        let ss = (flags & SELF_SUPPORT != 0) as u64;
        self.mask = ((self.mask << 1) | ss) & plan.window_mask;
        if ss != 0 && self.mask.count_ones() >= plan.reset_months {
            self.clock = 0;
            self.mask = 0;
        }
        refund
    }
}
