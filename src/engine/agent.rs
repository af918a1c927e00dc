//! What the engine keeps of a citizen in one arm besides its state: the refusion record (its
//! clock and § 6 window, brought up to date only when something happens to the citizen) and
//! its place in interventions.

use super::plan::{COVERED, Plan, SELF_SUPPORT};

/// Marks "in no intervention".
pub const NONE: u8 = u8::MAX;

/// A citizen's refusion clock and § 6 window as they stood at the start of month `since`
/// (0-based); the citizen has been in one state since then.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Record {
    /// Months of the § 6 window, newest in bit 0: 1 = a month of self-support.
    pub mask: u64,
    /// Refusion clock: whole months on covered benefits since the last restart.
    pub clock: u16,
    /// The month the record is current at.
    pub since: u16,
}

impl Record {
    /// A citizen arriving in month `since` with `clock` months on covered benefits behind it.
    pub fn new(clock: u16, since: u16) -> Record {
        Record {
            mask: 0,
            clock,
            since,
        }
    }

    /// Account for one month in state `s`: the clock advances on covered benefits; a month of
    /// self-support enters the § 6 window, and 12 of them (`reset_months`) within it restart
    /// the clock and empty the window. This is the rule month by month; [`Record::advance`]
    /// applies many months at once.
    pub fn month(&mut self, plan: &Plan, s: u8) {
        let flags = plan.flags[s as usize];
        self.clock = self.clock.saturating_add((flags & COVERED) as u16);
        let ss = (flags & SELF_SUPPORT != 0) as u64;
        self.mask = ((self.mask << 1) | ss) & plan.window_mask;
        if ss != 0 && self.mask.count_ones() >= plan.reset_months {
            self.clock = 0;
            self.mask = 0;
        }
    }

    /// Bring the record from month `since` to month `to`, the citizen having been in state `s`
    /// all the months between: `to − since` applications of [`Record::month`], in O(window).
    pub fn advance(&mut self, plan: &Plan, s: u8, to: u16) {
        let months = to.saturating_sub(self.since) as u32;
        self.since = to;
        if months == 0 {
            return;
        }
        let flags = plan.flags[s as usize];
        if flags & SELF_SUPPORT == 0 {
            let covered = (flags & COVERED != 0) as u32;
            self.clock = self
                .clock
                .saturating_add((covered * months).min(u16::MAX as u32) as u16);
            self.mask = if months >= 64 {
                0
            } else {
                (self.mask << months) & plan.window_mask
            };
            return;
        }
        // Self-support (never covered, see the scenario checks): month by month until the
        // first restart; after it the window empties every `reset_months` months.
        let mut left = months;
        while left > 0 {
            left -= 1;
            self.mask = ((self.mask << 1) | 1) & plan.window_mask;
            if self.mask.count_ones() >= plan.reset_months {
                self.clock = 0;
                let rest = left % plan.reset_months;
                self.mask = (1u64 << rest) - 1;
                return;
            }
        }
    }
}

/// A citizen's place in the interventions of one arm.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Offer {
    /// Interventions already taken (bit i = intervention i); each is offered once.
    pub used: u32,
    /// Months in the current intervention, this one included.
    pub iv_months: u16,
    /// Current intervention, or [`NONE`].
    pub iv: u8,
    /// Months since leaving `decay_iv` while its effect fades (0 = not fading).
    pub decay: u8,
    /// The intervention whose effect is fading.
    pub decay_iv: u8,
}

impl Default for Offer {
    fn default() -> Offer {
        Offer {
            used: 0,
            iv_months: 0,
            iv: NONE,
            decay: 0,
            decay_iv: NONE,
        }
    }
}
