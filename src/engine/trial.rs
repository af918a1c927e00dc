//! One trial: every arm's cohort stepped month by month in lockstep, sharing random draws.
//!
//! Month t (1-based): the month's arrivals join (in every arm alike); for each arm, c_t =
//! citizens in case states, the arm's staffing gives its caseload, the rows are rebuilt if that
//! changed, and the intervention pass runs. Then each citizen draws one number and every arm
//! moves its copy of the citizen with it and counts the month's refusion. Occupancy counts are
//! kept incrementally, so the per-citizen-month work is one draw plus, per arm, a row lookup,
//! a compare and the clock update.

use rand::{Rng, RngExt};
use rand_distr::{Distribution, Poisson};

use super::agent::{Agent, NONE};
use super::plan::Plan;
use super::results::{EXTRA_FIELDS, Field};
use super::services;
use super::table::Table;
use crate::model::{Arrivals, Model, Prior};
use crate::rng::{self, Purpose, StreamRng};

/// Per-worker scratch, reused for every trial the worker runs; grows only when a trial has
/// more citizens than any before it.
#[derive(Debug, Clone)]
pub struct Workspace {
    rngs: Vec<StreamRng>,
    /// This month's draw of every citizen, shared by all arms.
    draws: Vec<u64>,
    /// `[arm][citizen]`.
    agents: Vec<Vec<Agent>>,
    /// `[arm][state]` occupancy.
    counts: Vec<u32>,
    /// `[arm][intervention]` participants.
    participants: Vec<u32>,
    tables: Vec<Table>,
    /// Arrivals by month of the current trial.
    arrivals: Vec<u32>,
    /// Per arm: refusion and one-off move costs of the current month, kr.
    money: Vec<[f64; 2]>,
    arms: usize,
}

impl Workspace {
    /// Scratch for `model` (O(citizens · arms) memory).
    pub fn new(model: &Model) -> Workspace {
        let arms = model.arms.len();
        Workspace {
            rngs: Vec::new(),
            draws: Vec::new(),
            agents: vec![Vec::new(); arms],
            counts: vec![0; arms * model.states.len()],
            participants: vec![0; arms * model.interventions.len()],
            tables: (0..arms).map(|_| Table::new(model)).collect(),
            arrivals: vec![0; model.months as usize],
            money: vec![[0.0; 2]; arms],
            arms,
        }
    }

    /// Use `model`'s transition rows from now on (a trial with drawn parameters).
    pub fn set_model(&mut self, model: &Model) {
        for t in &mut self.tables {
            *t = Table::new(model);
        }
    }

    /// Add the next citizen to every arm: in `state` when given, else drawn from `shares`;
    /// its prior months from `prior`, at most `cap` (the months that count, § 30). Both come
    /// from the citizen's own Init stream (state first), so they are the same in every arm and
    /// independent of its moves.
    fn admit(
        &mut self,
        model: &Model,
        (seed, trial): (u64, u64),
        state: Start,
        (prior, cap): (&Prior, u32),
    ) {
        let id = self.rngs.len() as u64;
        // Seeding a stream costs more than a month of moves: only when something is drawn.
        let needs_init = matches!(state, Start::Drawn(_)) || matches!(prior, Prior::Table(_));
        let mut init = needs_init.then(|| rng::stream(seed, Purpose::Init, trial, id));
        let mut init = init.as_mut();
        let state = match state {
            Start::In(s) => s,
            Start::Drawn(shares) => pick(
                shares.iter().copied(),
                init.as_mut().expect("seeded").random(),
            ),
        };
        let clock = draw_prior(prior, init).min(cap.min(u16::MAX as u32) as u16);
        self.rngs.push(rng::stream(seed, Purpose::Moves, trial, id));
        self.draws.push(0);
        for arm in &mut self.agents {
            arm.push(Agent::new(state, clock));
        }
        let s = model.states.len();
        for a in 0..self.arms {
            self.counts[a * s + state as usize] += 1;
        }
    }

    /// Start trial `trial`: the starting cohort in every arm, and the trial's arrivals.
    fn reset(&mut self, model: &Model, seed: u64, trial: u64) {
        self.rngs.clear();
        self.draws.clear();
        self.agents.iter_mut().for_each(Vec::clear);
        self.counts.iter_mut().for_each(|c| *c = 0);
        self.participants.iter_mut().for_each(|c| *c = 0);
        let cap = model.refusion.prior_cap(model.start, 0);
        for (s, &n) in model.initial_counts.iter().enumerate() {
            for _ in 0..n {
                let start = Start::In(s as u8);
                self.admit(model, (seed, trial), start, (&model.prior, cap));
            }
        }
        let mut inflow = rng::stream(seed, Purpose::Inflow, trial, 0);
        for (m, a) in self.arrivals.iter_mut().enumerate() {
            *a = match model.inflow.as_ref().map(|f| &f.arrivals) {
                None => 0,
                Some(Arrivals::Counts(c)) => c[m.min(c.len() - 1)],
                Some(Arrivals::Poisson(mean)) if *mean > 0.0 => Poisson::new(*mean)
                    .expect("validated mean")
                    .sample(&mut inflow)
                    as u32,
                Some(Arrivals::Poisson(_)) => 0,
            };
        }
    }

    /// The month's arrivals join, each in a state drawn from the inflow's shares.
    fn arrive(&mut self, model: &Model, seed: u64, trial: u64, month: usize) {
        let Some(inflow) = &model.inflow else { return };
        let cap = model.refusion.prior_cap(model.start, month);
        for _ in 0..self.arrivals[month] {
            let start = Start::Drawn(&inflow.initial);
            self.admit(model, (seed, trial), start, (&inflow.prior, cap));
        }
    }
}

/// A new citizen's first state.
enum Start<'a> {
    /// Given.
    In(u8),
    /// Drawn from these shares by state.
    Drawn(&'a [f64]),
}

/// The index i with Σ_{j<i} shares_j ≤ u < Σ_{j≤i} shares_j (the last non-zero share on rounding).
fn pick(shares: impl IntoIterator<Item = f64>, u: f64) -> u8 {
    let mut cum = 0.0;
    let mut last = 0;
    for (i, p) in shares.into_iter().enumerate() {
        if p > 0.0 {
            cum += p;
            last = i;
            if u < cum {
                return i as u8;
            }
        }
    }
    last as u8
}

/// A new citizen's prior months on benefits; `rng` is its Init stream, seeded only when a
/// draw is needed (a table).
fn draw_prior(prior: &Prior, rng: Option<&mut StreamRng>) -> u16 {
    let months = match prior {
        Prior::Fixed(m) => *m,
        Prior::Table(table) => {
            let u: f64 = rng.expect("seeded for a table").random();
            table[pick(table.iter().map(|t| t.1), u) as usize].0
        }
    };
    months.min(u16::MAX as u32) as u16
}

/// Simulate trial `trial` of every arm of `model` and write its records, `[arm][month][field]`,
/// into `out`.
pub fn simulate(
    model: &Model,
    plan: &Plan,
    seed: u64,
    trial: u64,
    ws: &mut Workspace,
    out: &mut [f64],
) {
    ws.reset(model, seed, trial);
    let (s_count, months, arms) = (plan.states, model.months as usize, ws.arms);
    let n_iv = model.interventions.len();
    let fields = s_count + EXTRA_FIELDS + n_iv;
    let field = |f: Field| s_count + f as usize;
    for month in 0..months {
        ws.arrive(model, seed, trial, month);
        for a in 0..arms {
            let counts = &ws.counts[a * s_count..(a + 1) * s_count];
            let cases: u32 = counts
                .iter()
                .zip(&model.states)
                .filter(|(_, s)| s.case)
                .map(|(&c, _)| c)
                .sum();
            let staff = model.staff(a, month as u32 + 1, cases as f64);
            let (caseload, workers) = (staff.caseload, staff.caseworkers);
            ws.tables[a].set_caseload(model, staff.effect_caseload);
            let participants = &mut ws.participants[a * n_iv..(a + 1) * n_iv];
            let iv_cost = if plan.arm_interventions[a].is_empty() {
                0.0
            } else {
                services::run(
                    model,
                    plan,
                    month as u32 + 1,
                    &mut ws.agents[a],
                    a,
                    participants,
                )
            };
            let rec = &mut out[(a * months + month) * fields..][..fields];
            rec[field(Field::Cases)] = cases as f64;
            rec[field(Field::Caseload)] = caseload;
            rec[field(Field::Caseworkers)] = workers;
            rec[field(Field::Interventions)] = iv_cost;
            for (r, &p) in rec[s_count + EXTRA_FIELDS..]
                .iter_mut()
                .zip(participants.iter())
            {
                *r = p as f64;
            }
        }
        step_citizens(plan, ws, plan.refund_table(month));
        if month < plan.trappe_month && plan.company_based.contains(&true) {
            for a in 0..arms {
                ws.money[a][0] += active_bonus(plan, &ws.agents[a]);
            }
        }
        for a in 0..arms {
            let rec = &mut out[(a * months + month) * fields..][..fields];
            for (r, &c) in rec
                .iter_mut()
                .zip(&ws.counts[a * s_count..(a + 1) * s_count])
            {
                *r = c as f64;
            }
            rec[field(Field::Refusion)] = ws.money[a][0];
            rec[field(Field::OneOff)] = ws.money[a][1];
        }
    }
}

/// Extra refusion before the trappe of the citizens in a company-based offer, kr.: the active
/// share instead of the passive one on their covered benefit (after the month's moves).
pub fn active_bonus(plan: &Plan, agents: &[Agent]) -> f64 {
    agents
        .iter()
        .filter(|ag| ag.iv != NONE && plan.company_based[ag.iv as usize])
        .map(|ag| plan.active_bonus[ag.state as usize])
        .sum()
}

/// The hot loop. Every citizen draws once; then each arm moves its copies of the citizens with
/// those draws, keeping its sums in registers; refusion comes from `table`, the month's.
/// (Measured: splitting the refusion sum into two interleaved partial sums made this slower,
/// not faster.)
#[inline(never)]
fn step_citizens(plan: &Plan, ws: &mut Workspace, table: &[f64]) {
    for (u, rng) in ws.draws.iter_mut().zip(ws.rngs.iter_mut()) {
        *u = rng.next_u64();
    }
    let s_count = plan.states;
    for (a, agents) in ws.agents.iter_mut().enumerate() {
        let rows = &ws.tables[a].rows[..];
        let counts = &mut ws.counts[a * s_count..(a + 1) * s_count];
        let (mut refusion, mut one_off) = (0.0, 0.0);
        for (ag, &u) in agents.iter_mut().zip(&ws.draws) {
            let from = ag.state;
            let to = rows[ag.slot as usize * s_count + from as usize].next(from, u);
            if to != from {
                counts[from as usize] -= 1;
                counts[to as usize] += 1;
                one_off += plan.move_cost[from as usize * s_count + to as usize];
                ag.state = to;
            }
            refusion += ag.count_month(plan, table);
        }
        ws.money[a] = [refusion, one_off];
    }
}
