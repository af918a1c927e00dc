//! One trial: every arm's cohort stepped month by month in lockstep, sharing random draws.
//!
//! Month t (1-based): for each arm, c_t = citizens in case states, the arm's staffing gives its
//! caseload, and the case-state rows are rebuilt if that caseload changed. Then each citizen
//! draws one number and every arm moves its copy of the citizen with it. Occupancy counts are
//! kept incrementally (only moves touch them), so the per-citizen-month work is one draw plus,
//! per arm, one load, one compare and, rarely, a short scan.

use rand::Rng;

use super::results::{EXTRA_FIELDS, Field};
use super::rng::{self, Purpose, StreamRng};
use super::table::Table;
use crate::model::{Model, Staffing};

/// Per-worker scratch, allocated once and reused for every trial the worker runs.
#[derive(Debug, Clone)]
pub struct Workspace {
    rngs: Vec<StreamRng>,
    /// Every citizen's state at the start of month 1 (the same in every arm).
    start: Vec<u8>,
    /// `[arm][citizen]` state indices.
    states: Vec<u8>,
    /// `[arm][state]` occupancy.
    counts: Vec<u32>,
    tables: Vec<Table>,
    citizens: usize,
    n_states: usize,
}

impl Workspace {
    /// Scratch for `model` with `arms` arms (O(citizens · arms) memory).
    pub fn new(model: &Model, arms: usize) -> Workspace {
        let citizens = model.cohort_size as usize;
        Workspace {
            rngs: (0..citizens)
                .map(|i| rng::stream(0, Purpose::Moves, 0, i as u64))
                .collect(),
            start: model
                .initial_counts
                .iter()
                .enumerate()
                .flat_map(|(s, &n)| std::iter::repeat_n(s as u8, n as usize))
                .collect(),
            states: vec![0; arms * citizens],
            counts: vec![0; arms * model.states.len()],
            tables: (0..arms).map(|_| Table::new(model)).collect(),
            citizens,
            n_states: model.states.len(),
        }
    }

    /// Put every arm's cohort at its start state and seed the citizens' streams.
    fn reset(&mut self, model: &Model, seed: u64, trial: u64) {
        for (i, r) in self.rngs.iter_mut().enumerate() {
            *r = rng::stream(seed, Purpose::Moves, trial, i as u64);
        }
        for arm_states in self.states.chunks_mut(self.citizens) {
            arm_states.copy_from_slice(&self.start);
        }
        for arm_counts in self.counts.chunks_mut(self.n_states) {
            arm_counts.copy_from_slice(&model.initial_counts);
        }
    }
}

/// Simulate trial `trial` of `arms` (their staffing; index 0 is the baseline) and write its
/// records, `[arm][month][field]`, into `out`.
pub fn simulate(
    model: &Model,
    arms: &[Staffing],
    seed: u64,
    trial: u64,
    ws: &mut Workspace,
    out: &mut [f64],
) {
    ws.reset(model, seed, trial);
    let (s_count, months) = (ws.n_states, model.months as usize);
    let fields = s_count + EXTRA_FIELDS;
    for month in 0..months {
        for (a, staffing) in arms.iter().enumerate() {
            let counts = &ws.counts[a * s_count..(a + 1) * s_count];
            let cases: u32 = counts
                .iter()
                .zip(&model.states)
                .filter(|(_, s)| s.case)
                .map(|(&c, _)| c)
                .sum();
            let (caseload, workers) = staffing.at(cases as f64);
            ws.tables[a].set_caseload(model, caseload);
            let rec = &mut out[(a * months + month) * fields..][..fields];
            rec[s_count + Field::Cases as usize] = cases as f64;
            rec[s_count + Field::Caseload as usize] = caseload;
            rec[s_count + Field::Caseworkers as usize] = workers;
        }
        step_citizens(ws, arms.len());
        for a in 0..arms.len() {
            let counts = &ws.counts[a * s_count..(a + 1) * s_count];
            let rec = &mut out[(a * months + month) * fields..][..fields];
            for (r, &c) in rec.iter_mut().zip(counts) {
                *r = c as f64;
            }
            let workers = rec[s_count + Field::Caseworkers as usize];
            rec[s_count + Field::Expenditure as usize] = model.month_expenditure(counts, workers);
        }
    }
}

/// The hot loop: one draw per citizen, applied to every arm's copy of that citizen.
#[inline(never)]
fn step_citizens(ws: &mut Workspace, arms: usize) {
    let (n, s_count) = (ws.citizens, ws.n_states);
    for (i, rng) in ws.rngs.iter_mut().enumerate() {
        let u = rng.next_u64();
        for a in 0..arms {
            let state = &mut ws.states[a * n + i];
            let from = *state;
            let to = ws.tables[a].rows[from as usize].next(from, u);
            if to != from {
                *state = to;
                ws.counts[a * s_count + from as usize] -= 1;
                ws.counts[a * s_count + to as usize] += 1;
            }
        }
    }
}
