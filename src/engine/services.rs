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

#[cfg(test)]
mod tests {
    use super::*;

    const SCENARIO: &str = r#"
months = 24
[cohort]
size = 6
initial = { kh = 1.0 }
[states.kh]
case = true
[states.job]
[transitions.kh]
job = 0.1
[tax]
kommuneskat = 0.25
[economics]
caseworker_cost = 0
[caseload]
reference = 50
[interventions.mentor]
serves = ["kh"]
from = 2
to = 10
capacity = 4
cost_per_month = 100
cost_at_entry = 1000
max_months = 3
effects = { job = 2.0 }
decay_months = 2
[arms.baseline]
caseload = 50
interventions = ["mentor"]
"#;

    fn setup() -> (Model, Plan, Vec<Agent>, Vec<u32>) {
        let model = crate::scenario::parse("t.toml", SCENARIO).unwrap();
        let plan = Plan::new(&model);
        let agents = vec![Agent::new(0, 0); 6];
        (model, plan, agents, vec![0])
    }

    #[test]
    fn entry_in_citizen_order_up_to_capacity_only_while_active() {
        let (model, plan, mut agents, mut part) = setup();
        assert_eq!(
            run(&model, &plan, 1, &mut agents, 0, &mut part),
            0.0,
            "not active in month 1"
        );
        let cost = run(&model, &plan, 2, &mut agents, 0, &mut part);
        assert_eq!(part[0], 4, "capacity");
        assert_eq!(cost, 4.0 * (1000.0 + 100.0));
        let inside: Vec<bool> = agents.iter().map(|a| a.iv == 0).collect();
        assert_eq!(
            inside,
            [true, true, true, true, false, false],
            "lowest index first"
        );
        assert!(agents[..4].iter().all(|a| a.slot == plan.first_slot[0]));
    }

    #[test]
    fn leaving_frees_places_and_the_effect_fades() {
        let (model, plan, mut agents, mut part) = setup();
        run(&model, &plan, 2, &mut agents, 0, &mut part);
        agents[1].state = 1; // citizen 1 got a job in month 2
        let cost = run(&model, &plan, 3, &mut agents, 0, &mut part);
        assert_eq!(agents[1].iv, NONE);
        assert_eq!(
            agents[1].slot,
            plan.first_slot[0] + 1,
            "first month of fading"
        );
        assert_eq!(agents[4].iv, 0, "the freed place goes to the next in order");
        assert_eq!(part[0], 4);
        assert_eq!(cost, 3.0 * 100.0 + 1100.0);
        run(&model, &plan, 4, &mut agents, 0, &mut part);
        assert_eq!(
            agents[1].slot,
            plan.first_slot[0] + 2,
            "second month of fading"
        );
        run(&model, &plan, 5, &mut agents, 0, &mut part);
        assert_eq!(
            agents[0].iv, NONE,
            "max_months = 3 reached (months 2, 3, 4)"
        );
        assert_eq!(agents[1].slot, 0, "fade over after decay_months = 2");
        assert_ne!(agents[0].used & 1, 0, "and not offered again");
        assert_eq!(agents[5].iv, 0, "citizen 5 takes a place");
    }

    #[test]
    fn nobody_stays_after_the_last_month() {
        let (model, plan, mut agents, mut part) = setup();
        for t in 1..=11 {
            run(&model, &plan, t, &mut agents, 0, &mut part);
            assert!(part[0] <= 4);
        }
        assert_eq!(part[0], 0);
        assert!(agents.iter().all(|a| a.iv == NONE));
    }
}
