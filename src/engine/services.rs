//! The monthly intervention pass of one arm, before the moves.
//!
//! In citizen order (the starting cohort by index, then arrivals in order of arrival), each
//! citizen: leaves its intervention if it no longer serves the citizen's state, the citizen has
//! had `max_months`, or the intervention has ended; otherwise stays and costs a month. A citizen
//! in none is offered the arm's interventions in the arm's order and enters the first that is
//! active, serves its state, was not taken before, and has a free place. Entry order is thus
//! deterministic, and the same in every arm. After leaving, the effect fades over
//! `decay_months` (see [`super::table`]).

use super::agent::{Agent, NONE};
use super::plan::Plan;
use crate::model::Model;

/// Run the pass for arm `arm` in month `t` (1-based) over the arm's `agents` in citizen
/// order; `participants` are this arm's counts by intervention. Returns the cost, kr.
pub fn run(
    model: &Model,
    plan: &Plan,
    t: u32,
    agents: &mut [Agent],
    arm: usize,
    participants: &mut [u32],
) -> f64 {
    let offered = &plan.arm_interventions[arm];
    let mut cost = 0.0;
    for ag in agents.iter_mut() {
        if ag.iv != NONE {
            let iv = &model.interventions[ag.iv as usize];
            let stays =
                iv.serves[ag.state as usize] && (ag.iv_months as u32) < iv.max_months && t <= iv.to;
            if stays {
                ag.iv_months += 1;
                cost += iv.cost_per_month;
                continue;
            }
            participants[ag.iv as usize] -= 1;
            ag.decay_iv = ag.iv;
            ag.iv = NONE;
            ag.decay = 0;
            fade(ag, model, plan);
        } else if ag.decay > 0 {
            fade(ag, model, plan);
        }
        for &k in offered {
            let iv = &model.interventions[k];
            let open = (iv.from..=iv.to).contains(&t) && participants[k] < iv.capacity;
            if open && iv.serves[ag.state as usize] && ag.used & (1 << k) == 0 {
                participants[k] += 1;
                ag.used |= 1 << k;
                ag.iv = k as u8;
                ag.iv_months = 1;
                ag.slot = plan.first_slot[k];
                ag.decay = 0;
                cost += iv.cost_at_entry + iv.cost_per_month;
                break;
            }
        }
    }
    cost
}

/// One more month since leaving: the next fading slot, or none when the fade is over.
fn fade(ag: &mut Agent, model: &Model, plan: &Plan) {
    let k = ag.decay_iv as usize;
    ag.decay += 1;
    if ag.decay as u32 > model.interventions[k].decay_months {
        ag.decay = 0;
        ag.slot = 0;
    } else {
        ag.slot = plan.first_slot[k] + ag.decay;
    }
}
