//! Calendar effects: hazards into named states multiplied by the calendar year (the business
//! cycle) and the month of the year (the season), the same in every arm and segment.

use crate::calendar::YearMonth;

/// Multipliers of the hazard into each destination by calendar year and month of year.
/// Years not listed multiply by 1.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Calendar {
    /// Month 1 on the calendar.
    pub start: Option<YearMonth>,
    /// (year, multiplier by destination), in the order given.
    pub years: Vec<(i32, Vec<f64>)>,
    /// Multiplier by month of year (January first), by destination; empty when none.
    pub months: Vec<Vec<f64>>,
}

impl Calendar {
    /// Whether the calendar changes anything.
    pub fn is_empty(&self) -> bool {
        self.years.is_empty() && self.months.is_empty()
    }

    /// The multipliers by destination of month index `m` (0-based) into `out`: the year's
    /// times the month of year's; all 1 without calendar effects.
    pub fn multipliers(&self, m: usize, out: &mut [f64]) {
        out.iter_mut().for_each(|x| *x = 1.0);
        let Some(start) = self.start else { return };
        let year = start.year_of(m as u32 + 1);
        if let Some((_, y)) = self.years.iter().find(|(yr, _)| *yr == year) {
            out.iter_mut().zip(y).for_each(|(x, k)| *x *= k);
        }
        if !self.months.is_empty() {
            let month = (start.month as usize - 1 + m) % 12;
            out.iter_mut()
                .zip(&self.months[month])
                .for_each(|(x, k)| *x *= k);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_and_season_multiply() {
        let cal = Calendar {
            start: Some(YearMonth {
                year: 2025,
                month: 11,
            }),
            years: vec![(2026, vec![1.0, 0.5])],
            months: (1..=12)
                .map(|m| vec![1.0, if m == 1 { 2.0 } else { 1.0 }])
                .collect(),
        };
        let mut out = [0.0; 2];
        cal.multipliers(0, &mut out); // November 2025
        assert_eq!(out, [1.0, 1.0]);
        cal.multipliers(2, &mut out); // January 2026: the year's 0.5 and January's 2
        assert_eq!(out, [1.0, 1.0]);
        cal.multipliers(14, &mut out); // January 2027: only January's 2
        assert_eq!(out, [1.0, 2.0]);
        cal.multipliers(3, &mut out); // February 2026
        assert_eq!(out, [1.0, 0.5]);
        assert!(Calendar::default().is_empty());
    }
}
