//! Per-state sampling rows: the month's transition probabilities as integer thresholds.
//!
//! A citizen in state `s` draws one uniform 64-bit integer `u` per month. It moves to the k-th
//! listed destination when `cum_{k−1} ≤ u < cum_k`, where `cum_k = ⌊2⁶⁴ · Σ_{i≤k} p_i⌋`, and stays
//! when `u ≥ exit`, the last threshold. Destinations are listed in state order in every arm,
//! so with common random numbers a citizen whose probabilities barely change makes the same move.

use crate::hazard;
use crate::model::{MAX_STATES, Model};

/// 2⁶⁴ as a float, for turning probabilities into thresholds.
const TWO_POW_64: f64 = 18_446_744_073_709_551_616.0;

/// The sampling row of one state in one month.
#[derive(Debug, Clone, Copy)]
pub struct Row {
    /// u ≥ exit means stay (the common case, tested first).
    pub exit: u64,
    /// Cumulative thresholds of the destinations, `thresholds[len − 1] == exit`.
    pub thresholds: [u64; MAX_STATES],
    /// Destination state indices, aligned with `thresholds`.
    pub dest: [u8; MAX_STATES],
}

impl Row {
    const STAY: Row = Row {
        exit: 0,
        thresholds: [0; MAX_STATES],
        dest: [0; MAX_STATES],
    };

    /// Build from probabilities by destination (index = state), Σ p < 1.
    fn from_probabilities(p: &[f64]) -> Row {
        let mut row = Row::STAY;
        let mut cum = 0.0;
        let mut n = 0;
        for (j, &pj) in p.iter().enumerate() {
            if pj > 0.0 {
                cum += pj;
                row.thresholds[n] = (cum * TWO_POW_64) as u64;
                row.dest[n] = j as u8;
                n += 1;
            }
        }
        row.exit = if n > 0 { row.thresholds[n - 1] } else { 0 };
        row
    }

    /// The state after a draw of `u` from state `from`.
    #[inline(always)]
    pub fn next(&self, from: u8, u: u64) -> u8 {
        if u >= self.exit {
            return from;
        }
        let mut k = 0;
        while u >= self.thresholds[k] {
            k += 1;
        }
        self.dest[k]
    }
}

/// One arm's rows for every state, rebuilt when the caseload changes.
#[derive(Debug, Clone)]
pub struct Table {
    /// Row by state index.
    pub rows: Vec<Row>,
    /// The caseload the case-state rows were built for (NaN before the first build).
    built_for: f64,
    /// Scratch: multipliers and adjusted probabilities, one per state.
    multipliers: Vec<f64>,
    adjusted: Vec<f64>,
}

impl Table {
    /// Rows at the reference caseload; case-state rows are set by [`Table::set_caseload`].
    pub fn new(model: &Model) -> Table {
        let rows = model
            .transitions
            .iter()
            .map(|p| Row::from_probabilities(p))
            .collect();
        let n = model.states.len();
        Table {
            rows,
            built_for: f64::NAN,
            multipliers: vec![1.0; n],
            adjusted: vec![0.0; n],
        }
    }

    /// Rebuild the rows of case states for `caseload` (no work if unchanged since last time).
    /// A caseload of 0 (no cases at all) leaves the rows as they are: nobody uses them.
    pub fn set_caseload(&mut self, model: &Model, caseload: f64) {
        if caseload == self.built_for || caseload <= 0.0 {
            return;
        }
        model.caseload.multipliers(caseload, &mut self.multipliers);
        for (i, state) in model.states.iter().enumerate() {
            if state.case {
                hazard::adjust(&model.transitions[i], &self.multipliers, &mut self.adjusted);
                self.rows[i] = Row::from_probabilities(&self.adjusted);
            }
        }
        self.built_for = caseload;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn row_maps_draws_to_destinations_in_order() {
        let row = Row::from_probabilities(&[0.0, 0.25, 0.0, 0.25]);
        let q = 1u64 << 62; // a quarter of 2⁶⁴
        assert_eq!(row.next(0, 0), 1);
        assert_eq!(row.next(0, q - 1), 1);
        assert_eq!(row.next(0, q), 3);
        assert_eq!(row.next(0, 2 * q - 1), 3);
        assert_eq!(row.next(0, 2 * q), 0, "stays");
        assert_eq!(row.next(0, u64::MAX), 0);
    }

    #[test]
    fn empty_row_always_stays() {
        let row = Row::from_probabilities(&[0.0, 0.0]);
        assert_eq!(row.next(1, 0), 1);
    }
}
