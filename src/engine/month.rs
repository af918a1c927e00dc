//! A trial month by month: every arm's staffing and sampling rows, arms that move alike
//! sharing one run, one draw per citizen, and the moves found run by run.
//!
//! Month t (1-based): each run's refusion changes due this month are added; the month's
//! arrivals join; for each arm slot, c_t = citizens in case states, the slot's staffing gives
//! its caseload, and its rows are rebuilt if that changed. A slot whose rows now differ from
//! its leader's takes a copy of the leader's run and goes on with its own ([`regroup`]). Each
//! run's intervention pass runs. Then each citizen draws one number and every run looks its
//! copy of the citizen up in its sampling row: a citizen who stays costs nothing more; one who
//! moves is handed to [`ArmRun::relocate`], which keeps the counts and the refusion total. So
//! the per-citizen-month work is one draw plus, per run, a row lookup and a compare.
//!
//! Why sharing is exact: two slots whose citizens stand alike at the start of a month, with
//! the same rows and the same interventions, make the same moves with the same draws, so their
//! citizens stand alike again at its end. Only their staffing (caseload, caseworkers: each
//! slot's own) differs. Rows are compared whole, every month, so an arm never follows another
//! past the month their rows part.

use rand::Rng;

use super::agent::NONE;
use super::arm::ArmRun;
use super::plan::Plan;
use super::results::{EXTRA_FIELDS, Field};
use super::segment_records;
use super::services;
use super::table::Table;
use super::trial::Workspace;
use crate::model::Model;

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
    simulate_stack(std::slice::from_ref(model), plan, seed, trial, ws, out);
}

/// Simulate trial `trial` of every arm of every model of `stack` — models that differ only in
/// their effects (caseload elasticities, interventions' hazard ratios), on the same citizens
/// and draws — and write the records `[variant][arm][month][field]` into `out`. `plan` is the
/// first model's (money and refusion are the same in all).
pub fn simulate_stack(
    stack: &[Model],
    plan: &Plan,
    seed: u64,
    trial: u64,
    ws: &mut Workspace,
    out: &mut [f64],
) {
    let model = &stack[0];
    ws.reset(model, plan, seed, trial);
    let (s_count, months, arms) = (plan.states, model.months as usize, model.arms.len());
    let fields = super::shape(model, 1).fields();
    let field = |f: Field| s_count + f as usize;
    let bonus = plan.company_based.contains(&true);
    for month in 0..months {
        let t = month as u32 + 1;
        for (slot, run) in ws.runs.iter_mut().enumerate() {
            if ws.leader[slot] == slot {
                run.start_month(plan, month);
            }
        }
        ws.arrive(model, plan, (seed, trial), month);
        for slot in 0..ws.tables.len() {
            let m = &stack[slot / arms];
            let cases = m.cases(&ws.runs[ws.leader[slot]].counts);
            let staff = m.staff(slot % arms, t, cases as f64);
            ws.tables[slot].set_month(m, month);
            ws.tables[slot].set_caseload(m, staff.effect_caseload);
            let rec = &mut out[(slot * months + month) * fields..][..fields];
            rec[field(Field::Cases)] = cases as f64;
            rec[field(Field::Caseload)] = staff.caseload;
            rec[field(Field::Caseworkers)] = staff.caseworkers;
            let run = &ws.runs[ws.leader[slot]];
            if run.by_segment.on() {
                segment_records::segment_staffing(m, run, (cases, &staff), rec);
            }
        }
        regroup(ws, plan, arms);
        for slot in (0..ws.leader.len()).filter(|&s| ws.leader[s] == s) {
            let a = slot % arms;
            let run = &mut ws.runs[slot];
            run.iv_cost = if plan.arm_interventions[a].is_empty() {
                0.0
            } else {
                let m = &stack[slot / arms];
                let citizens = (&run.states[..], &mut run.slots[..], &mut run.offers[..]);
                let by_segment = (&run.groups[..], &mut run.by_segment.iv_cost[..]);
                let cost =
                    services::run(m, plan, t, (citizens, by_segment), a, &mut run.participants);
                if run.by_segment.on() {
                    segment_records::segment_participants(plan, run);
                }
                cost
            };
        }
        if plan.has_duration {
            for slot in (0..ws.leader.len()).filter(|&s| ws.leader[s] == s) {
                ws.runs[slot].advance_bands(plan, month);
            }
        }
        draw(&mut ws.draws, &mut ws.rngs);
        for slot in (0..ws.leader.len()).filter(|&s| ws.leader[s] == s) {
            let run = &mut ws.runs[slot];
            match plan.grouped {
                false => find_moves(run, &ws.tables[slot], &ws.draws, s_count, &mut ws.moves),
                true => find_moves_by_band(run, &ws.tables[slot], &ws.draws, plan, &mut ws.moves),
            }
            run.one_off = 0.0;
            run.by_segment.one_off.iter_mut().for_each(|x| *x = 0.0);
            for &(i, to) in &ws.moves {
                let from = run.states[i as usize];
                let cost = plan.move_cost[from as usize * s_count + to as usize];
                run.one_off += cost;
                if run.by_segment.on() {
                    let g = run.segment(plan, i as usize);
                    run.by_segment.one_off[g] += cost;
                }
                run.relocate(plan, i as usize, to, month);
            }
            run.paid = run.refund;
            run.by_segment.paid.clone_from(&run.by_segment.refund);
            if bonus && month < plan.trappe_month {
                run.paid += active_bonus(plan, run);
                if run.by_segment.on() {
                    segment_records::segment_bonus(plan, run);
                }
            }
        }
        for slot in 0..ws.tables.len() {
            let run = &ws.runs[ws.leader[slot]];
            let rec = &mut out[(slot * months + month) * fields..][..fields];
            for (r, &c) in rec.iter_mut().zip(&run.counts) {
                *r = c as f64;
            }
            rec[field(Field::Refusion)] = run.paid as f64 / 100.0;
            rec[field(Field::OneOff)] = run.one_off;
            rec[field(Field::Interventions)] = run.iv_cost;
            for (r, &p) in rec[s_count + EXTRA_FIELDS..]
                .iter_mut()
                .zip(&run.participants)
            {
                *r = p as f64;
            }
            if run.by_segment.on() {
                segment_records::segment_records(run, s_count, rec);
            }
        }
    }
}

/// This month's draw of every citizen, from its own stream (kept apart from the month's other
/// work so its code stays as tight as the hot loop's).
#[inline(never)]
fn draw(draws: &mut [u64], rngs: &mut [crate::rng::StreamRng]) {
    for (u, rng) in draws.iter_mut().zip(rngs.iter_mut()) {
        *u = rng.next_u64();
    }
}

/// Whether slots `a` and `b` (of a stack with `arms` arms per model) move their citizens alike
/// this month: the same rows in every effect slot, and the same interventions.
fn alike(tables: &[Table], plan: &Plan, arms: usize, (a, b): (usize, usize)) -> bool {
    plan.arm_interventions[a % arms] == plan.arm_interventions[b % arms]
        && tables[a].rows == tables[b].rows
}

/// Part the slots whose rows no longer match their leader's: each takes a copy of its
/// leader's run (the citizens as they stand now) and leads from now on — or follows an
/// earlier slot that parted from the same leader this month with the same rows.
fn regroup(ws: &mut Workspace, plan: &Plan, arms: usize) {
    for slot in 1..ws.leader.len() {
        let was = ws.leader[slot];
        if was == slot || alike(&ws.tables, plan, arms, (slot, was)) {
            continue;
        }
        let peer = (was + 1..slot).find(|&p| {
            ws.leader[p] == p
                && ws.parted[p] == Some(was)
                && alike(&ws.tables, plan, arms, (p, slot))
        });
        if let Some(p) = peer {
            ws.leader[slot] = p;
            continue;
        }
        let (before, after) = ws.runs.split_at_mut(slot);
        after[0].copy_from(&before[was]);
        ws.leader[slot] = slot;
        ws.parted[slot] = Some(was);
    }
    ws.parted.iter_mut().for_each(|p| *p = None);
}

/// Extra refusion before the trappe of the citizens of `run` in a company-based offer, øre:
/// the active share instead of the passive one on their covered benefit (after the month's
/// moves).
pub fn active_bonus(plan: &Plan, run: &ArmRun) -> i64 {
    run.offers
        .iter()
        .zip(&run.states)
        .filter(|(o, _)| o.iv != NONE && plan.company_based[o.iv as usize])
        .map(|(_, &s)| plan.active_bonus[s as usize])
        .sum()
}

/// [`find_moves`] with row groups (segments, duration bands): the row of each citizen's
/// group, slot and state — one more load and index per citizen.
#[inline(never)]
fn find_moves_by_band(
    run: &ArmRun,
    table: &Table,
    draws: &[u64],
    plan: &Plan,
    moves: &mut Vec<(u32, u8)>,
) {
    moves.clear();
    let (rows, s_count, slots) = (&table.rows[..], plan.states, plan.slots);
    let citizens = run
        .states
        .iter()
        .zip(&run.slots)
        .zip(&run.groups)
        .zip(draws);
    for (i, (((&from, &slot), &group), &u)) in citizens.enumerate() {
        let row = &rows[(group as usize * slots + slot as usize) * s_count + from as usize];
        if u < row.exit {
            moves.push((i as u32, row.next(from, u)));
        }
    }
}

/// The hot loop: every citizen of `run` looked up in its sampling row in `table` with this
/// month's draw; the ones that move are listed in `moves`, in citizen order. A citizen who
/// stays costs a load of its state and slot, the row's exit threshold and one compare.
#[inline(never)]
fn find_moves(
    run: &ArmRun,
    table: &Table,
    draws: &[u64],
    s_count: usize,
    moves: &mut Vec<(u32, u8)>,
) {
    moves.clear();
    let rows = &table.rows[..];
    for (i, ((&from, &slot), &u)) in run.states.iter().zip(&run.slots).zip(draws).enumerate() {
        let row = &rows[slot as usize * s_count + from as usize];
        if u < row.exit {
            moves.push((i as u32, row.next(from, u)));
        }
    }
}
