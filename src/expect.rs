//! The exact expectation: the cohort's state distribution pushed through the month's transition
//! matrix, with no Monte Carlo noise.
//!
//! The trace runs over citizen statuses: state s, refusion clock k (capped at K, where the
//! trappe's share becomes constant), the effect slot and the engine's intervention [`Offer`]
//! (current intervention and months in it, fading effect, interventions taken). Month t:
//! expected arrivals join; c_t = Σ expected citizens in case states; each status goes through the
//! engine's own intervention pass (one agent standing for its mass); the caseload and the status's
//! effect slot give its exit probabilities P_t(s → j) (the engine's own rows); then mass flows
//! to (j, k', status') with k' = min(k + 1, K) when j is covered and k' = k otherwise. Refusion of month t is Σ v_{t−1}(s, k) P_t(s → j) · benefit_j · share(k) over
//! covered j; one-off costs Σ v_{t−1}(s, ·) P_t(s → j) · cost(s → j). Money follows from these
//! exactly as in [`crate::economics`].
//!
//! Exact (the Monte Carlo mean converges to it) when staff follows the cases and no § 6
//! restart can happen. [`Exactness`] says when it is an approximation, and why.

use std::collections::BTreeMap;

use crate::economics::{Ledger, Perspective};
use crate::engine::{EXTRA_FIELDS, Field, NONE, Offer, Plan, Shape, Table, intervention_pass};
use crate::error::{Error, Result};
use crate::model::{Arrivals, Model, Prior, Staffing};

/// Why an expectation is only approximate (empty: exact).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Exactness {
    /// Reasons, one sentence each.
    pub caveats: Vec<String>,
}

impl Exactness {
    /// True when the trace is the exact expectation.
    pub fn is_exact(&self) -> bool {
        self.caveats.is_empty()
    }
}

/// Expected monthly records, laid out like one trial of the engine's results
/// (`[arm][month][field]`), so the economics apply unchanged.
#[derive(Debug, Clone)]
pub struct Expectation {
    /// One trial's shape.
    pub shape: Shape,
    /// Expected records.
    pub data: Vec<f64>,
    /// Exact, or why not.
    pub exactness: Exactness,
    /// The model's money per state, costs and discounting.
    pub ledger: Ledger,
}

impl Expectation {
    /// The record of arm `arm`, month index `m`.
    pub fn record(&self, arm: usize, m: usize) -> &[f64] {
        let o = self.shape.offset(0, arm, m);
        &self.data[o..o + self.shape.fields()]
    }

    /// Expected net expenditure of the month from perspective `p`, undiscounted kr.
    pub fn expenditure(&self, p: Perspective, arm: usize, m: usize) -> f64 {
        self.ledger
            .expenditure(p, &self.shape, self.record(arm, m), m)
    }

    /// Expected total saving of `arm` over the horizon from `p`, discounted (or not) kr.
    pub fn savings_total(&self, p: Perspective, arm: usize, discounted: bool) -> f64 {
        (0..self.shape.months)
            .map(|m| {
                let d = if discounted {
                    self.ledger.discount[m]
                } else {
                    1.0
                };
                d * (self.expenditure(p, 0, m) - self.expenditure(p, arm, m))
            })
            .sum()
    }
}

/// When the trace is not exact for `model`.
fn caveats(model: &Model) -> Result<Exactness> {
    if let Some(iv) = model
        .interventions
        .iter()
        .find(|iv| iv.capacity != u32::MAX)
    {
        return Err(Error::usage(
            "expect",
            format!(
                "intervention `{}` has a capacity limit: who gets a place depends on the other citizens, which no expected trace captures; use `kohort run`",
                iv.id
            ),
        ));
    }
    let mut caveats = Vec::new();
    if model.arms.iter().any(|a| {
        std::iter::once(Some(a.staffing))
            .chain(a.steps.iter().map(|s| s.rule))
            .any(|r| matches!(r, Some(Staffing::Caseworkers(_))))
    }) {
        caveats.push("fixed staff: the caseload is computed from the expected number of cases (mean field), while in the simulation it varies with the actual cases".into());
    }
    let restart_possible =
        model.states.iter().any(|s| s.self_support) && model.months >= model.refusion.reset_months;
    if restart_possible && model.states.iter().any(|s| s.refusion) {
        caveats.push("§ 6 restarts of the refusion clock are left out: they depend on each citizen's last 36 months, not on the state and clock alone".into());
    }
    Ok(Exactness { caveats })
}

/// A prior's months on benefits as (weight, months): one value, or a table.
fn prior_months(prior: &Prior) -> Vec<(f64, u32)> {
    match prior {
        Prior::Fixed(m) => vec![(1.0, *m)],
        Prior::Table(t) => t.iter().map(|&(m, w)| (w, m)).collect(),
    }
}

/// A citizen status: what the engine keeps of a citizen that matters for its future, with the
/// clock capped at K.
#[derive(Debug, Clone, Copy)]
struct Status {
    state: u8,
    clock: u16,
    slot: u8,
    offer: Offer,
    /// Completed months in `state`, capped at its last duration band's start.
    dur: u16,
    /// Segment.
    seg: u8,
}

/// A [`Status`] as an ordered map key.
type Key = (u8, u16, u8, u8, u16, u8, u8, u32, u16, u8);

impl Status {
    fn new((state, seg): (u8, u8), clock: u16, dur: u16) -> Status {
        Status {
            state,
            clock,
            slot: 0,
            offer: Offer::default(),
            dur,
            seg,
        }
    }

    /// The engine's row group: segment · bands + duration band.
    fn group(&self, model: &Model) -> usize {
        let band = model.duration[self.state as usize].band(self.dur as u32);
        self.seg as usize * model.bands() + band
    }

    /// The key; months in an intervention without a limit are all alike (the pass only asks
    /// whether they are below `max_months`), so they collapse to 1 — without this, statuses
    /// grow with the horizon and the trace with its square.
    fn key(&self, model: &Model) -> Key {
        let o = &self.offer;
        let unlimited = o.iv != NONE && model.interventions[o.iv as usize].max_months == u32::MAX;
        let iv_months = if unlimited { 1 } else { o.iv_months };
        (
            self.state, self.clock, self.slot, o.iv, iv_months, o.decay, o.decay_iv, o.used,
            self.dur, self.seg,
        )
    }

    fn of(k: Key) -> Status {
        let offer = Offer {
            used: k.7,
            iv_months: k.4,
            iv: k.3,
            decay: k.5,
            decay_iv: k.6,
        };
        Status {
            state: k.0,
            clock: k.1,
            slot: k.2,
            offer,
            dur: k.8,
            seg: k.9,
        }
    }
}

/// Completed months in state `s` as the trace keeps them: capped at its last band's start.
fn dur_cap(model: &Model, s: usize, months: u32) -> u16 {
    let last = *model.duration[s].starts.last().expect("a band");
    months.min(last) as u16
}

/// Add `mass` citizens of segment `seg` starting in state `s` with prior months `prior`
/// (weight, months): the clock counts at most `counted` of them (§ 30), capped at `cap`; all
/// of them are months in `s` for its duration bands.
fn add(
    model: &Model,
    v: &mut BTreeMap<Key, f64>,
    ((s, seg), mass): ((usize, usize), f64),
    prior: &[(f64, u32)],
    (counted, cap): (u32, usize),
) {
    // Weights of equal statuses are summed before the mass is applied.
    let mut weights: BTreeMap<(u16, u16), f64> = BTreeMap::new();
    for &(w, months) in prior.iter().filter(|p| p.0 > 0.0) {
        let clock = (months.min(counted) as usize).min(cap) as u16;
        *weights
            .entry((clock, dur_cap(model, s, months)))
            .or_default() += w;
    }
    for ((clock, dur), w) in weights {
        let status = Status::new((s as u8, seg as u8), clock, dur);
        *v.entry(status.key(model)).or_default() += mass * w;
    }
}

/// The expectation of every arm of `model`.
pub fn expect(model: &Model) -> Result<Expectation> {
    let exactness = caveats(model)?;
    let plan = Plan::new(model);
    let shape = crate::engine::shape(model, 1);
    let mut data = Vec::with_capacity(shape.per_trial());
    for a in 0..model.arms.len() {
        data.extend(trace(model, &plan, a, plan.clock_cap as usize).records);
    }
    Ok(Expectation {
        shape,
        data,
        exactness,
        ledger: Ledger::new(model),
    })
}

/// One arm's expected trace, with the month's moves between states.
#[derive(Debug, Clone)]
pub struct ArmTrace {
    /// Expected records `[month][field]`, as one arm of [`Expectation::data`].
    pub records: Vec<f64>,
    /// Expected citizens moving from state s to state j in month index m (arrivals of the
    /// month included, stays as s → s): `moves[(m · S + s) · S + j]`.
    pub moves: Vec<f64>,
}

/// The expected trace of arm `arm` of `model` alone, as in [`expect`] (same caveats; refused
/// for the same reasons).
pub fn arm_trace(model: &Model, arm: usize) -> Result<ArmTrace> {
    caveats(model)?;
    let plan = Plan::new(model);
    Ok(trace(model, &plan, arm, plan.clock_cap as usize))
}

/// As [`arm_trace`], for the occupancy and moves only: the refusion clock, which moves no
/// citizen, is left out (its money fields are not the arm's), which makes the trace many
/// times faster.
pub fn arm_moves(model: &Model, arm: usize) -> Result<ArmTrace> {
    caveats(model)?;
    Ok(trace(model, &Plan::new(model), arm, 0))
}

/// The trace of arm `a` with the clock capped at `cap`: see the module documentation.
fn trace(model: &Model, plan: &Plan, a: usize, cap: usize) -> ArmTrace {
    let arm = &model.arms[a];
    let (n, months) = (model.states.len(), model.months as usize);
    let fields = crate::engine::shape(model, 1).fields();
    let mut records = vec![0.0; months * fields];
    let mut moves = vec![0.0; months * n * n];
    let mut table = Table::new(model);
    let mut v: BTreeMap<Key, f64> = BTreeMap::new();
    let counted = model.refusion.prior_cap(model.start, 0);
    let start = prior_months(&model.prior);
    for g in &model.cohort {
        let own = g.months.map(|m| vec![(1.0, m)]);
        let prior = own.as_deref().unwrap_or(&start);
        let at = (g.state, g.segment);
        add(model, &mut v, (at, g.count as f64), prior, (counted, cap));
    }
    let block = crate::engine::shape(model, 1).block();
    for m in 0..months {
        arrive(model, m, cap, &mut v);
        let start_v = segment_cases(model, &v);
        let cases: f64 = v
            .iter()
            .filter(|(k, _)| model.states[k.0 as usize].case)
            .map(|(_, x)| x)
            .sum();
        let staff = model.staff(a, m as u32 + 1, cases);
        let (caseload, workers) = (staff.caseload, staff.caseworkers);
        table.set_month(model, m);
        table.set_caseload(model, staff.effect_caseload);
        let mut next: BTreeMap<Key, f64> = BTreeMap::new();
        let (mut refusion, mut one_off, mut iv_cost) = (0.0, 0.0, 0.0);
        let mut participants = vec![0.0; model.interventions.len()];
        // Each segment's block of the record, filled beside the whole arm's (none without
        // segments).
        let mut by_seg = vec![0.0; fields - block];
        let refund = plan.refund_table(m);
        let moved = &mut moves[m * n * n..][..n * n];
        // Before the trappe, company-based participants are refunded at the active share.
        let bonus = |st: &Status| {
            let iv = st.offer.iv;
            let company = iv != NONE && plan.company_based[iv as usize];
            if m < plan.trappe_month && company {
                plan.active_bonus[st.state as usize] as f64 / 100.0
            } else {
                0.0
            }
        };
        for (&k, &mass) in &v {
            let mut ag = Status::of(k);
            if !arm.interventions.is_empty() {
                let group = [ag.group(model) as u8];
                // Capacity is unlimited here (checked), so counts only need to survive the
                // decrement of a leaving agent.
                let mut none = vec![1u32; model.interventions.len()];
                let cost = mass
                    * intervention_pass(
                        model,
                        plan,
                        m as u32 + 1,
                        (
                            (
                                std::slice::from_ref(&ag.state),
                                std::slice::from_mut(&mut ag.slot),
                                std::slice::from_mut(&mut ag.offer),
                            ),
                            (&group, &mut []),
                        ),
                        a,
                        &mut none,
                    );
                iv_cost += cost;
                let g = ag.seg as usize;
                put(
                    &mut by_seg,
                    (block, g),
                    n + Field::Interventions as usize,
                    cost,
                );
                if ag.offer.iv != NONE {
                    participants[ag.offer.iv as usize] += mass;
                    let at = n + EXTRA_FIELDS + ag.offer.iv as usize;
                    put(&mut by_seg, (block, g), at, mass);
                }
            }
            let s = ag.state as usize;
            let exits = table.probabilities(ag.group(model), ag.slot, s);
            let stay = 1.0 - exits.iter().sum::<f64>();
            for (j, &p) in exits.iter().enumerate() {
                let p = if j == s { stay } else { p };
                let flow = mass * p;
                if flow == 0.0 {
                    continue;
                }
                moved[s * n + j] += flow;
                let g = (block, ag.seg as usize);
                let cost = flow * model.move_costs[s][j];
                one_off += cost;
                put(&mut by_seg, g, n + Field::OneOff as usize, cost);
                let st = &model.states[j];
                let mut to = ag;
                to.state = j as u8;
                to.dur = match j == s {
                    true => dur_cap(model, s, ag.dur as u32 + 1),
                    false => 0,
                };
                if st.refusion {
                    let x = flow * plan.refund(refund, j as u8, ag.clock) as f64 / 100.0;
                    refusion += x;
                    put(&mut by_seg, g, n + Field::Refusion as usize, x);
                    to.clock = (ag.clock as usize + 1).min(cap) as u16;
                }
                let x = flow * bonus(&to);
                refusion += x;
                put(&mut by_seg, g, n + Field::Refusion as usize, x);
                *next.entry(to.key(model)).or_default() += flow;
            }
        }
        v = next;
        let rec = &mut records[m * fields..][..fields];
        for (k, x) in &v {
            rec[k.0 as usize] += x;
            put(&mut by_seg, (block, k.9 as usize), k.0 as usize, *x);
        }
        segment_staffing(model, (&start_v, cases, (caseload, workers)), &mut by_seg);
        rec[block..].copy_from_slice(&by_seg);
        rec[n + Field::Cases as usize] = cases;
        rec[n + Field::Caseload as usize] = caseload;
        rec[n + Field::Caseworkers as usize] = workers;
        rec[n + Field::Refusion as usize] = refusion;
        rec[n + Field::Interventions as usize] = iv_cost;
        rec[n + Field::OneOff as usize] = one_off;
        rec[n + EXTRA_FIELDS..][..participants.len()].copy_from_slice(&participants);
    }
    ArmTrace { records, moves }
}

/// Add `x` to field `at` of segment `g`'s block in `by_seg` (blocks of `block` fields; no-op
/// without segments).
fn put(by_seg: &mut [f64], (block, g): (usize, usize), at: usize, x: f64) {
    if !by_seg.is_empty() {
        by_seg[g * block + at] += x;
    }
}

/// Expected cases and citizens of each segment at the start of the month, from `v`.
fn segment_cases(model: &Model, v: &BTreeMap<Key, f64>) -> Vec<(f64, f64)> {
    let mut out = vec![(0.0, 0.0); model.segments.len()];
    if out.len() > 1 {
        for (k, x) in v {
            let seg = &mut out[k.9 as usize];
            seg.1 += x;
            if model.states[k.0 as usize].case {
                seg.0 += x;
            }
        }
    }
    out
}

/// Each segment's cases, the caseload, and its share of the caseworkers (by its share of
/// the cases, of the citizens when there are none), as the engine attributes them.
fn segment_staffing(
    model: &Model,
    (segs, cases, (caseload, workers)): (&[(f64, f64)], f64, (f64, f64)),
    by_seg: &mut [f64],
) {
    if by_seg.is_empty() {
        return;
    }
    let n = model.states.len();
    let block = by_seg.len() / segs.len();
    let citizens: f64 = segs.iter().map(|s| s.1).sum();
    for (g, &(own, all)) in segs.iter().enumerate() {
        let share = match cases > 0.0 {
            true => own / cases,
            false if citizens > 0.0 => all / citizens,
            false => 0.0,
        };
        let b = &mut by_seg[g * block..][..block];
        b[n + Field::Cases as usize] = own;
        b[n + Field::Caseload as usize] = caseload;
        b[n + Field::Caseworkers as usize] = workers * share;
    }
}

/// Expected arrivals of month index `m` join `v`.
fn arrive(model: &Model, m: usize, cap: usize, v: &mut BTreeMap<Key, f64>) {
    let Some(f) = &model.inflow else { return };
    let count = match &f.arrivals {
        Arrivals::Poisson(mean) => *mean,
        Arrivals::Counts(c) => c[m.min(c.len() - 1)] as f64,
    };
    let prior = prior_months(&f.prior);
    let counted = model.refusion.prior_cap(model.start, m);
    let one = [1.0];
    let segments = if f.segments.is_empty() {
        &one[..]
    } else {
        &f.segments
    };
    for (s, &share) in f.initial.iter().enumerate() {
        for (g, &part) in segments.iter().enumerate() {
            if share > 0.0 && part > 0.0 {
                add(
                    model,
                    v,
                    ((s, g), count * share * part),
                    &prior,
                    (counted, cap),
                );
            }
        }
    }
}
