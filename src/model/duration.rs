//! Duration dependence: the hazards out of a state multiplied by how long the citizen has been
//! in it (months on kontanthjælp; tenure in a job).
//!
//! `[duration.STATE] months = [0, 6, 12, 24]` starts band b at `months[b]` completed months in
//! the state; `hazard = { job = [1.6, 1.0, 0.7, 0.5] }` multiplies the hazard of STATE → job in
//! band b by the b-th number. A citizen who moves into a state has 0 completed months in it
//! the month after the move; a citizen of the starting cohort (or an arrival) starts with its
//! prior months on benefits in its first state.

/// One state's bands (a single band of multipliers 1 when it has no `[duration]`).
#[derive(Debug, Clone, PartialEq)]
pub struct Duration {
    /// Completed months in the state at which each band starts: 0 first, increasing.
    pub starts: Vec<u32>,
    /// Hazard multiplier by band, then destination state: `multipliers[b][j]`.
    pub multipliers: Vec<Vec<f64>>,
}

/// The most bands a state may have.
pub const MAX_BANDS: usize = 12;

impl Duration {
    /// No duration dependence, for a model of `states` states.
    pub fn none(states: usize) -> Duration {
        Duration {
            starts: vec![0],
            multipliers: vec![vec![1.0; states]],
        }
    }

    /// The band of a citizen with `months` completed months in the state.
    pub fn band(&self, months: u32) -> usize {
        self.starts.iter().rposition(|&s| s <= months).unwrap_or(0)
    }

    /// The months at which band `b + 1` starts, if there is one.
    pub fn next_start(&self, b: usize) -> Option<u32> {
        self.starts.get(b + 1).copied()
    }

    /// The multiplier of moves to `j` in band `b`; past a state's last band, its last.
    pub fn multiplier(&self, b: usize, j: usize) -> f64 {
        self.multipliers[b.min(self.multipliers.len() - 1)][j]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_start_at_their_months() {
        let d = Duration {
            starts: vec![0, 6, 12, 24],
            multipliers: vec![vec![1.0]; 4],
        };
        assert_eq!(
            [0, 5, 6, 11, 12, 23, 24, 600].map(|m| d.band(m)),
            [0, 0, 1, 1, 2, 2, 3, 3]
        );
        assert_eq!(d.next_start(0), Some(6));
        assert_eq!(d.next_start(3), None);
    }
}
