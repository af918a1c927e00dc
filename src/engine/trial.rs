//! One trial's citizens: their random streams, their arrival, and the scratch every worker
//! reuses from trial to trial. The months themselves are stepped in [`super::month`].

use rand::RngExt;
use rand_distr::{Distribution, Poisson};

use super::arm::ArmRun;
use super::plan::Plan;
use super::table::Table;
use crate::model::{Arrivals, Model, Prior};
use crate::rng::{self, Purpose, StreamRng};

/// Per-worker scratch, reused for every trial the worker runs; grows only when a trial has
/// more citizens than any before it.
///
/// A trial runs a stack of models (see [`super::run_variants`]); its arm slots are the
/// models' arms one after the other, slot = variant · arms + arm. Every slot has its own
/// sampling rows; slots whose citizens move alike share one [`ArmRun`]: `leader[slot]` is the
/// slot whose run it reads (itself once its rows have differed from its leader's).
#[derive(Debug, Clone)]
pub struct Workspace {
    pub(super) rngs: Vec<StreamRng>,
    /// This month's draw of every citizen, shared by all arms.
    pub(super) draws: Vec<u64>,
    /// Runs by slot; only a leader's is current.
    pub(super) runs: Vec<ArmRun>,
    /// Sampling rows by slot, at the slot's caseload this month.
    pub(super) tables: Vec<Table>,
    /// The slot whose run each slot reads.
    pub(super) leader: Vec<usize>,
    /// The leader a slot parted from this month (scratch of [`super::month`]'s regroup).
    pub(super) parted: Vec<Option<usize>>,
    /// This month's moves of one run: (citizen, destination), in citizen order.
    pub(super) moves: Vec<(u32, u8)>,
    /// Arrivals by month of the current trial.
    arrivals: Vec<u32>,
}

impl Workspace {
    /// Scratch for `model` (O(citizens · arms) memory).
    pub fn new(model: &Model) -> Workspace {
        Workspace::for_stack(std::slice::from_ref(model))
    }

    /// Scratch for a stack of models that differ only in their effects.
    pub fn for_stack(stack: &[Model]) -> Workspace {
        let model = &stack[0];
        let cap = Plan::new(model).clock_cap;
        let (s, n_iv) = (model.states.len(), model.interventions.len());
        let tables: Vec<Table> = stack
            .iter()
            .flat_map(|m| (0..m.arms.len()).map(move |_| Table::new(m)))
            .collect();
        Workspace {
            rngs: Vec::new(),
            draws: Vec::new(),
            runs: (0..tables.len())
                .map(|_| ArmRun::with_segments(s, n_iv, cap, model.segment_count()))
                .collect(),
            leader: vec![0; tables.len()],
            parted: vec![None; tables.len()],
            tables,
            moves: Vec::new(),
            arrivals: vec![0; model.months as usize],
        }
    }

    /// Use `stack`'s transition rows from now on (a trial with drawn parameters).
    pub fn set_models(&mut self, stack: &[Model]) {
        let tables = stack
            .iter()
            .flat_map(|m| (0..m.arms.len()).map(move |_| Table::new(m)));
        for (t, new) in self.tables.iter_mut().zip(tables) {
            *t = new;
        }
    }

    /// Add the next citizen to every arm in month `m`: in `state` when given, else drawn from
    /// shares, and the same for its segment; its prior months from `prior`, of which at most
    /// `cap` count on the refusion clock (§ 30) and all count as months in its first state.
    /// Draws come from the citizen's own Init stream (state, prior months, segment), so they
    /// are the same in every arm and independent of its moves.
    fn admit(
        &mut self,
        plan: &Plan,
        (seed, trial, m): (u64, u64, usize),
        (state, segment): (Start, Start),
        (prior, cap): (&Prior, u32),
    ) {
        let id = self.rngs.len() as u64;
        // Seeding a stream costs more than a month of moves: only when something is drawn.
        let drawn = |s: &Start| matches!(s, Start::Drawn(shares) if shares.len() > 1);
        let needs_init = drawn(&state) || drawn(&segment) || matches!(prior, Prior::Table(_));
        let mut init = needs_init.then(|| rng::stream(seed, Purpose::Init, trial, id));
        let mut init = init.as_mut();
        let state = match state {
            Start::In(s) => s,
            Start::Drawn(shares) => pick(
                shares.iter().copied(),
                init.as_mut().expect("seeded").random(),
            ),
        };
        let months = draw_prior(prior, init.as_deref_mut());
        let segment = match segment {
            Start::In(g) => g,
            Start::Drawn(shares) if shares.len() > 1 => {
                pick(shares.iter().copied(), init.expect("seeded").random())
            }
            Start::Drawn(_) => 0,
        };
        let clock = months.min(cap.min(u16::MAX as u32) as u16);
        self.rngs.push(rng::stream(seed, Purpose::Moves, trial, id));
        self.draws.push(0);
        for (slot, run) in self.runs.iter_mut().enumerate() {
            if self.leader[slot] == slot {
                run.admit(plan, (state, clock, months as u32, segment as usize), m);
            }
        }
    }

    /// Start trial `trial`: the starting cohort (in slot 0's run, which every slot follows until
    /// its rows differ), and the trial's arrivals.
    pub(super) fn reset(&mut self, model: &Model, plan: &Plan, seed: u64, trial: u64) {
        self.rngs.clear();
        self.draws.clear();
        self.runs[0].clear();
        self.leader.iter_mut().for_each(|l| *l = 0);
        let cap = model.refusion.prior_cap(model.start, 0);
        for g in &model.cohort {
            let own = g.months.map(Prior::Fixed);
            let prior = own.as_ref().unwrap_or(&model.prior);
            for _ in 0..g.count {
                let start = (Start::In(g.state as u8), Start::In(g.segment as u8));
                self.admit(plan, (seed, trial, 0), start, (prior, cap));
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
    pub(super) fn arrive(
        &mut self,
        model: &Model,
        plan: &Plan,
        (seed, trial): (u64, u64),
        month: usize,
    ) {
        let Some(inflow) = &model.inflow else { return };
        let cap = model.refusion.prior_cap(model.start, month);
        for _ in 0..self.arrivals[month] {
            let start = (
                Start::Drawn(&inflow.initial),
                Start::Drawn(&inflow.segments),
            );
            self.admit(plan, (seed, trial, month), start, (&inflow.prior, cap));
        }
    }
}

/// A new citizen's first state (or its segment).
enum Start<'a> {
    /// Given.
    In(u8),
    /// Drawn from these shares (by state or segment).
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
