//! The refusionstrappe: the share of a covered benefit the state refunds, by the citizen's
//! cumulative time on covered benefits (lov om kommunernes finansiering af visse offentlige
//! ydelser, lov nr. 994 af 30/08/2015, § 5), and the § 6 restart after 52 weeks of self-support.
//!
//! Time is simulated in months; a month is 52/12 weeks, so 12 months are exactly 52 weeks.
//! A citizen whose clock reads k months (k whole months on covered benefits before this one)
//! is in weeks (k·52/12, (k+1)·52/12] this month, and the month's refunded share is the
//! week-weighted rate over that interval:
//!   share(k) = (12/52) · ∫_{k·52/12}^{(k+1)·52/12} rate(⌊x⌋ + 1) dx,
//! where rate(w) is the step whose `from_week ≤ w`. From the month that lies wholly in the last
//! step on, the share is constant, so [`Trappe::shares`] is short and the clock can be capped.
//!
//! Dated rules: the trappe is in force from 4 January 2016 (lov nr. 994 af 30/08/2015, § 29);
//! a simulation that starts earlier runs its earlier months on the activity-based refusion
//! before it ([`Activity`]: 30 % of kontanthjælp in passive periods, 50 % in company-based
//! offers). At the trappe's start, weeks on benefits count from 1 July 2014 (§ 30), so a
//! citizen's clock then holds at most the months since `count_from`.

use crate::calendar::YearMonth;

/// Weeks in a simulated month.
pub const WEEKS_PER_MONTH: f64 = 52.0 / 12.0;

/// The trappe and the restart rule, as data.
#[derive(Debug, Clone, PartialEq)]
pub struct Trappe {
    /// `(from_week, rate)`, from_week strictly increasing and starting at 1; rate in [0, 1].
    pub steps: Vec<(u32, f64)>,
    /// Months of self-support within the window that restart the clock (52 weeks = 12).
    pub reset_months: u32,
    /// The window, months (3 years = 36; at most 64).
    pub window_months: u32,
    /// The first calendar month the trappe applies (`None`: always); earlier months are
    /// refunded by [`Trappe::before`].
    pub in_force: Option<YearMonth>,
    /// Time on benefits before this month does not count on the clock (§ 30: 1 July 2014).
    pub count_from: Option<YearMonth>,
    /// The refusion before the trappe.
    pub before: Activity,
}

/// Activity-based refusion (before 4 January 2016): a share of a covered benefit in passive
/// periods, a higher one while the citizen is in a company-based offer (virksomhedspraktik,
/// løntilskud). A state may set its own flat share instead (førtidspension: 35 %).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Activity {
    /// Share refunded in passive periods.
    pub passive: f64,
    /// Share refunded during a company-based offer.
    pub active: f64,
}

impl Default for Trappe {
    /// The law in force from 4 January 2016: 80 % weeks 1–4, 40 % 5–26, 30 % 27–52,
    /// 20 % from 53; restart after 52 weeks of self-support within 3 years.
    fn default() -> Self {
        Trappe {
            steps: vec![(1, 0.8), (5, 0.4), (27, 0.3), (53, 0.2)],
            reset_months: 12,
            window_months: 36,
            in_force: None,
            count_from: None,
            before: Activity {
                passive: 0.3,
                active: 0.5,
            },
        }
    }
}

impl Trappe {
    /// The first month index (0-based) run on the trappe when month 1 is `start`: 0 when the
    /// trappe is always in force or began before the start.
    pub fn first_month(&self, start: Option<YearMonth>) -> usize {
        match (self.in_force, start) {
            (Some(from), Some(start)) => start.months_to(from).max(0) as usize,
            _ => 0,
        }
    }

    /// The most months of earlier benefits a citizen's clock can hold when it arrives in month
    /// index `m` (`u32::MAX` when everything counts).
    pub fn prior_cap(&self, start: Option<YearMonth>, m: usize) -> u32 {
        match (self.count_from, start) {
            (Some(from), Some(start)) => (from.months_to(start) + m as i64).max(0) as u32,
            _ => u32::MAX,
        }
    }

    /// The rate of week `w` (1-based).
    pub fn rate_of_week(&self, w: u32) -> f64 {
        self.steps
            .iter()
            .take_while(|(from, _)| *from <= w)
            .last()
            .map_or(0.0, |&(_, r)| r)
    }

    /// Refunded share by clock month k = 0, 1, …, K; months past K share `shares[K]`.
    pub fn shares(&self) -> Vec<f64> {
        let last_from = self.steps.last().map_or(1, |s| s.0) as f64;
        let months = ((last_from - 1.0) / WEEKS_PER_MONTH).ceil() as usize + 1;
        (0..months).map(|k| self.month_share(k as u32)).collect()
    }

    /// share(k) by integrating the step function over the month's weeks.
    fn month_share(&self, k: u32) -> f64 {
        let (lo, hi) = (k as f64 * WEEKS_PER_MONTH, (k + 1) as f64 * WEEKS_PER_MONTH);
        let mut total = 0.0;
        let mut x = lo;
        while x < hi {
            let week_end = (x.floor() + 1.0).min(hi);
            total += (week_end - x) * self.rate_of_week(x.floor() as u32 + 1);
            x = week_end;
        }
        total / WEEKS_PER_MONTH
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_trappe_by_hand() {
        let s = Trappe::default().shares();
        // Month 0: weeks (0, 4.333]: 4 weeks at 80 %, 1/3 week at 40 %.
        assert!((s[0] - (4.0 * 0.8 + (1.0 / 3.0) * 0.4) / (13.0 / 3.0)).abs() < 1e-12);
        // Month 1: weeks (4.333, 8.667]: all at 40 %.
        assert!((s[1] - 0.4).abs() < 1e-12);
        // Month 6: weeks (26, 30.333]: all at 30 % (week 27 starts at 26).
        assert!((s[6] - 0.3).abs() < 1e-12);
        // Month 5: weeks (21.667, 26]: at 40 %.
        assert!((s[5] - 0.4).abs() < 1e-12);
        // Month 12: weeks (52, 56.333]: 20 %; and it is the last, constant entry.
        assert!((s[12] - 0.2).abs() < 1e-12);
        assert_eq!(s.len(), 13);
        // Month 11: weeks (47.667, 52]: 30 %.
        assert!((s[11] - 0.3).abs() < 1e-12);
    }

    #[test]
    fn a_month_straddling_two_steps_is_week_weighted() {
        let t = Trappe {
            steps: vec![(1, 1.0), (3, 0.0)],
            ..Trappe::default()
        };
        // Month 0 covers weeks (0, 4.333]: 2 weeks at 100 %, 2.333 at 0 %.
        assert!((t.shares()[0] - 2.0 / WEEKS_PER_MONTH).abs() < 1e-12);
    }
}
