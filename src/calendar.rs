//! Calendar months: what simulated month t is on the calendar, for budget years, dated rules
//! (refusion before and after 4 January 2016) and price regulation each January.

/// A calendar month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct YearMonth {
    /// Year, e.g. 2016.
    pub year: i32,
    /// Month 1..=12.
    pub month: u32,
}

impl YearMonth {
    /// The calendar year of simulated month t (1-based) when month 1 is `self`.
    pub fn year_of(self, t: u32) -> i32 {
        self.year + ((self.month - 1 + t - 1) / 12) as i32
    }

    /// Months from `self` to `later` (negative when `later` is earlier): 2015-08 → 2016-01 is 5.
    pub fn months_to(self, later: YearMonth) -> i64 {
        (later.year as i64 - self.year as i64) * 12 + later.month as i64 - self.month as i64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_and_month_counts() {
        let aug = YearMonth {
            year: 2015,
            month: 8,
        };
        assert_eq!(aug.year_of(1), 2015);
        assert_eq!(aug.year_of(5), 2015);
        assert_eq!(aug.year_of(6), 2016, "month 6 is January 2016");
        let jan = YearMonth {
            year: 2016,
            month: 1,
        };
        assert_eq!(aug.months_to(jan), 5);
        assert_eq!(jan.months_to(aug), -5);
        let july_2014 = YearMonth {
            year: 2014,
            month: 7,
        };
        assert_eq!(july_2014.months_to(aug), 13);
    }
}
