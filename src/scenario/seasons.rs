//! Checking `[calendar]`: the hazard into a state multiplied by calendar year and month of
//! year, e.g. `job = { years = { 2025 = 0.9, 2026 = 1.0 }, months = { 7 = 0.8 } }`.

use super::checks::{state_index, within};
use super::raw::RawScenario;
use crate::calendar::YearMonth;
use crate::error::Result;
use crate::model::{Calendar, State};
use crate::source::Source;

/// The calendar effects of `raw`, for a scenario whose month 1 is `start`.
pub fn calendar(
    src: &Source,
    raw: &RawScenario,
    states: &[State],
    start: Option<YearMonth>,
) -> Result<Calendar> {
    let n = states.len();
    let mut cal = Calendar {
        start,
        ..Calendar::default()
    };
    for (key, entry) in &raw.calendar {
        if start.is_none() {
            return Err(src.error(
                key.span(),
                "calendar effects need `start` (the calendar month of month 1)",
            ));
        }
        let j = state_index(src, states, key, "calendar destination")?;
        let e = entry.get_ref();
        for (year, x) in &e.years {
            let y: i32 = match year.get_ref().parse() {
                Ok(y) if (1900..=2200).contains(&y) => y,
                _ => {
                    return Err(src.error(
                        year.span(),
                        format!("`{}` is not a year (e.g. 2025)", year.get_ref()),
                    ));
                }
            };
            let x = within(src, x, "calendar multiplier", (0.0, 1000.0))?;
            let at = match cal.years.iter().position(|(yr, _)| *yr == y) {
                Some(i) => i,
                None => {
                    cal.years.push((y, vec![1.0; n]));
                    cal.years.len() - 1
                }
            };
            cal.years[at].1[j] = x;
        }
        for (month, x) in &e.months {
            let m: usize = match month.get_ref().parse() {
                Ok(m) if (1..=12).contains(&m) => m,
                _ => {
                    return Err(src.error(
                        month.span(),
                        format!("`{}` is not a month of the year (1 to 12)", month.get_ref()),
                    ));
                }
            };
            let x = within(src, x, "calendar multiplier", (0.0, 1000.0))?;
            if cal.months.is_empty() {
                cal.months = vec![vec![1.0; n]; 12];
            }
            cal.months[m - 1][j] = x;
        }
    }
    Ok(cal)
}
