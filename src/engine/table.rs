//! Sampling rows: the month's transition probabilities as integer thresholds, one row per
//! (effect slot, state).
//!
//! A citizen in state `s` draws one uniform 64-bit integer `u` per month. It moves to the k-th
//! listed destination when `cum_{k−1} ≤ u < cum_k`, where `cum_k = ⌊2⁶⁴ · Σ_{i≤k} p_i⌋`, and stays
//! when `u ≥ exit`, the last threshold. Destinations are listed in state order in every arm,
//! so with common random numbers a citizen whose probabilities barely change makes the same move.
//!
//! Effect slots: slot 0 is "no intervention effect"; intervention i owns slots
//! `first_slot[i] ..= first_slot[i] + decay_months`, the first for participants and the others
//! for the months of fading effect after leaving. Groups: a citizen's segment and duration
//! band in its state, g = segment · bands + band (group 0 without segments and bands). A
//! segment's citizens start from its own row of s where it has one (the model's otherwise).
//! The hazard multiplier of a move s → j in group g and slot σ at caseload L is
//! (case_s ? (ref/L)^e_{seg,j} : 1) · (σ's intervention serves s and seg ? HR_j^level : 1) ·
//! D_s(band, j) · H_seg(j) · C_t(j), D the duration multipliers, H the segment's hazard
//! multipliers, e_seg its elasticities and C_t the calendar's of month t (its year's times its
//! month of year's). Row index: `(g · slots + σ) · states + s`.

use crate::hazard;
use crate::model::{MAX_STATES, Model};

/// 2⁶⁴ as a float, for turning probabilities into thresholds.
const TWO_POW_64: f64 = 18_446_744_073_709_551_616.0;

/// The sampling row of one state in one month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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

/// The first slot of each intervention, and the total number of slots.
pub fn slot_layout(model: &Model) -> (Vec<u8>, usize) {
    let mut first = Vec::with_capacity(model.interventions.len());
    let mut next = 1usize;
    for iv in &model.interventions {
        first.push(next as u8);
        next += 1 + iv.decay_months as usize;
    }
    (first, next)
}

/// (intervention, level) of each slot ≥ 1: level 1 for participants, fading after leaving.
fn slot_effects(model: &Model) -> Vec<Option<(usize, f64)>> {
    let mut v = vec![None];
    for (i, iv) in model.interventions.iter().enumerate() {
        let d = iv.decay_months as f64;
        v.extend((0..=iv.decay_months).map(|k| Some((i, 1.0 - k as f64 / (d + 1.0)))));
    }
    v
}

/// One arm's rows for every group, slot and state, `rows[(group · slots + slot) · states +
/// state]`. Rows of non-case
/// states never depend on the caseload and are built once; rows of case states are rebuilt
/// when the caseload changes (every month for fixed staff).
#[derive(Debug, Clone)]
pub struct Table {
    /// Rows by slot, then state.
    pub rows: Vec<Row>,
    /// The same rows as probabilities, `[group][slot][state][destination]` (for the exact
    /// trace).
    probabilities: Vec<f64>,
    states: usize,
    /// Groups (segments × duration bands).
    groups: usize,
    /// Duration bands per segment.
    bands: usize,
    /// Each slot's intervention (index) and hazard multipliers by destination, `None` for
    /// slot 0: HR_j^level, computed once.
    slot_effects: Vec<Option<(usize, Vec<f64>)>>,
    /// Indices of the case states.
    case_states: Vec<usize>,
    /// The caseload the rows were built for (NaN before the first build).
    built_for: f64,
    /// Caseload multipliers, `[segment · states + destination]`.
    caseload_mult: Vec<f64>,
    /// The month's calendar multipliers by destination (all 1 without `[calendar]`).
    calendar: Vec<f64>,
    multipliers: Vec<f64>,
    adjusted: Vec<f64>,
}

impl Table {
    /// Rows at the reference caseload; call [`Table::set_caseload`] before use.
    pub fn new(model: &Model) -> Table {
        let n = model.states.len();
        let slot_effects: Vec<Option<(usize, Vec<f64>)>> = slot_effects(model)
            .into_iter()
            .map(|e| {
                e.map(|(i, level)| {
                    (
                        i,
                        model.interventions[i]
                            .effects
                            .iter()
                            .map(|hr| hr.powf(level))
                            .collect(),
                    )
                })
            })
            .collect();
        let bands = model.bands();
        let groups = model.segment_count() * bands;
        let mut t = Table {
            rows: vec![Row::STAY; groups * slot_effects.len() * n],
            probabilities: vec![0.0; groups * slot_effects.len() * n * n],
            states: n,
            groups,
            bands,
            slot_effects,
            case_states: (0..n).filter(|&s| model.states[s].case).collect(),
            built_for: f64::NAN,
            caseload_mult: vec![1.0; model.segment_count() * n],
            calendar: vec![1.0; n],
            multipliers: vec![1.0; n],
            adjusted: vec![0.0; n],
        };
        for s in 0..n {
            t.build_state(model, s);
        }
        t
    }

    /// Rebuild the case-state rows for `caseload` (no work if unchanged since last time). A
    /// caseload of 0 (no cases at all) keeps the rows as they are: no one is in a case state.
    pub fn set_caseload(&mut self, model: &Model, caseload: f64) {
        if caseload == self.built_for || caseload <= 0.0 {
            return;
        }
        let n = self.states;
        for (seg, out) in self.caseload_mult.chunks_mut(n).enumerate() {
            let e = model.elasticity(seg);
            model.caseload.multipliers(e, caseload, out);
        }
        self.built_for = caseload;
        for i in 0..self.case_states.len() {
            self.build_state(model, self.case_states[i]);
        }
    }

    /// Rebuild every row for month index `m`'s calendar effects when they differ from the
    /// month before (no work without `[calendar]`).
    pub fn set_month(&mut self, model: &Model, m: usize) {
        if model.calendar.is_empty() {
            return;
        }
        model.calendar.multipliers(m, &mut self.multipliers);
        if self.multipliers != self.calendar {
            self.calendar.copy_from_slice(&self.multipliers);
            for s in 0..self.states {
                self.build_state(model, s);
            }
        }
    }

    /// Rows of state `s` in every slot. A hazard-scale effect multiplies the hazards with the
    /// caseload's; a probability-scale one multiplies the resulting probabilities (relative
    /// risks), and a row it would push to 1 is scaled to exit with probability 1 − 10⁻⁹.
    fn build_state(&mut self, model: &Model, s: usize) {
        for g in 0..self.groups {
            self.build_group(model, g, s);
        }
    }

    /// Rows of state `s` in group `g`, every slot.
    fn build_group(&mut self, model: &Model, g: usize, s: usize) {
        let case = model.states[s].case;
        let slots = self.slot_effects.len();
        let duration = &model.duration[s];
        let (seg, band) = (g / self.bands, g % self.bands);
        let caseload_mult = &self.caseload_mult[seg * self.states..][..self.states];
        for slot in 0..slots {
            let (effect, on_probability) = match &self.slot_effects[slot] {
                Some((i, m))
                    if model.interventions[*i].serves[s]
                        && model.interventions[*i].serves_segment(seg) =>
                {
                    (Some(m), model.interventions[*i].on_probability)
                }
                _ => (None, false),
            };
            for j in 0..self.states {
                let cl = if case { caseload_mult[j] } else { 1.0 };
                let hr = if on_probability {
                    1.0
                } else {
                    effect.map_or(1.0, |m| m[j])
                };
                let own = duration.multiplier(band, j) * model.segment_hazard(seg, j);
                self.multipliers[j] = cl * hr * own * self.calendar[j];
            }
            hazard::adjust(model.row(seg, s), &self.multipliers, &mut self.adjusted);
            if let (Some(rr), true) = (effect, on_probability) {
                hazard::scale(&mut self.adjusted, rr);
            }
            let row = (g * slots + slot) * self.states + s;
            self.rows[row] = Row::from_probabilities(&self.adjusted);
            let at = row * self.states;
            self.probabilities[at..at + self.states].copy_from_slice(&self.adjusted);
        }
    }

    /// Effect slots per group.
    pub fn slots(&self) -> usize {
        self.slot_effects.len()
    }

    /// Exit probabilities by destination of `state` in group `group` and effect slot `slot`
    /// (0 for staying in `state` itself; the rest of the row stays).
    pub fn probabilities(&self, group: usize, slot: u8, state: usize) -> &[f64] {
        let row = group * self.slot_effects.len() + slot as usize;
        let at = (row * self.states + state) * self.states;
        &self.probabilities[at..at + self.states]
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
