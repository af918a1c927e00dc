//! Spells in one state: how long a citizen who enters it stays, when the monthly exit
//! probability depends on the completed months in the state (duration bands).
//!
//! With band starts 0 = a₀ < a₁ < … < a_{B−1} and exit probability e_b in band b, a citizen
//! entering at duration 0 is still in the state after k months with probability
//! S(k) = Π_{t=0}^{k−1} (1 − e_{band(t)}). In a stationary stock fed by a constant inflow of
//! such entrants, the number with exactly k completed months is proportional to S(k), so the
//! share of the stock with at least d months is T(d) / T(0), T(d) = Σ_{k≥d} S(k). Past the last
//! band the spell is geometric, so T has a closed form: Σ_{k≥m} S(k) = S(m) / e_{B−1} for
//! m ≥ a_{B−1}; T(0) is the mean spell length in months.

/// The exits of one kind of citizen out of one state, by duration band.
#[derive(Debug, Clone, PartialEq)]
pub struct Spell {
    /// Completed months at which each band starts: 0 first, increasing.
    pub starts: Vec<u32>,
    /// Monthly exit probability in each band, in [0, 1).
    pub exit: Vec<f64>,
}

impl Spell {
    fn band(&self, months: u32) -> usize {
        self.starts.iter().rposition(|&s| s <= months).unwrap_or(0)
    }

    /// S(k): the probability of still being in the state after `k` months from entry.
    pub fn survival(&self, k: u32) -> f64 {
        let mut s = 1.0;
        for (b, &e) in self.exit.iter().enumerate() {
            let from = self.starts[b];
            let to = self.starts.get(b + 1).copied().unwrap_or(u32::MAX).min(k);
            if to <= from {
                break;
            }
            s *= (1.0 - e).powi((to - from) as i32);
        }
        s
    }

    /// T(d) = Σ_{k≥d} S(k), months; infinite when the last band has no exits.
    pub fn tail(&self, d: u32) -> f64 {
        let last = *self.starts.last().expect("a spell has a band");
        let exit_last = *self.exit.last().expect("a spell has a band");
        let m = d.max(last);
        let geometric = if exit_last > 0.0 {
            self.survival(m) / exit_last
        } else {
            f64::INFINITY
        };
        let mut s = self.survival(d);
        let mut sum = 0.0;
        for k in d..m {
            sum += s;
            s *= 1.0 - self.exit[self.band(k)];
        }
        sum + geometric
    }
}

/// Citizens of several kinds entering the state in shares `weights` (summing to 1).
#[derive(Debug, Clone, PartialEq)]
pub struct Mixture<'a> {
    /// One spell per kind (segment).
    pub spells: &'a [Spell],
    /// Entrants' shares by kind.
    pub weights: &'a [f64],
}

impl Mixture<'_> {
    /// Σ_s w_s S_s(k): the share of entrants still in the state after `k` months.
    pub fn survival(&self, k: u32) -> f64 {
        self.each(|s| s.survival(k))
    }

    /// Σ_s w_s T_s(d) / Σ_s w_s T_s(0): the share of the stationary stock with at least `d`
    /// months in the state.
    pub fn stock_at_least(&self, d: u32) -> f64 {
        self.each(|s| s.tail(d)) / self.each(|s| s.tail(0))
    }

    /// π_s = w_s T_s(0) / Σ_r w_r T_r(0): the stationary stock's shares by kind (those who
    /// stay longer weigh more in the stock than among entrants).
    pub fn stock_shares(&self) -> Vec<f64> {
        let total = self.each(|s| s.tail(0));
        let each = self.spells.iter().zip(self.weights);
        each.map(|(s, w)| w * s.tail(0) / total).collect()
    }

    fn each(&self, f: impl Fn(&Spell) -> f64) -> f64 {
        let each = self.spells.iter().zip(self.weights);
        each.filter(|(_, w)| **w > 0.0).map(|(s, w)| w * f(s)).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_band_is_geometric() {
        let s = Spell {
            starts: vec![0],
            exit: vec![0.1],
        };
        assert!((s.survival(3) - 0.9f64.powi(3)).abs() < 1e-15);
        assert!((s.tail(0) - 10.0).abs() < 1e-12);
        assert!((s.tail(5) / s.tail(0) - 0.9f64.powi(5)).abs() < 1e-12);
    }

    #[test]
    fn tail_is_the_sum_of_survival() {
        let s = Spell {
            starts: vec![0, 3, 12],
            exit: vec![0.2, 0.05, 0.01],
        };
        for d in [0, 2, 3, 7, 12, 40] {
            let brute: f64 = (d..20_000).map(|k| s.survival(k)).sum();
            assert!((s.tail(d) - brute).abs() < 1e-9 * brute, "d = {d}");
        }
    }

    #[test]
    fn no_exit_in_the_last_band_means_an_endless_stock() {
        let s = Spell {
            starts: vec![0, 6],
            exit: vec![0.2, 0.0],
        };
        assert!(s.tail(0).is_infinite());
        assert!((s.survival(10) - 0.8f64.powi(6)).abs() < 1e-15);
    }
}
