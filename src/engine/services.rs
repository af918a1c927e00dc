//! The monthly intervention pass of one arm, before the moves.
//!
//! In citizen order (the starting cohort by index, then arrivals in order of arrival), each
//! citizen: leaves its intervention if it no longer serves the citizen's state, the citizen has
//! had `max_months`, or the intervention has ended; otherwise stays and costs a month. A citizen
//! in none is offered the arm's interventions in the arm's order and enters the first that is
//! active, serves its state, was not taken before, and has a free place. Entry order is thus
//! deterministic, and the same in every arm. After leaving, the effect fades over
//! `decay_months` (see [`super::table`]).

use super::agent::{NONE, Offer};
use super::plan::Plan;
use crate::model::Model;

/// Citizens' arrays the pass reads and writes: states, effect slots and offers; and the row
/// groups (empty when the model has none: every citizen in segment 0) with the month's costs
/// by segment (empty when not kept, else zeroed and filled here).
pub type Citizens<'a> = (
    (&'a [u8], &'a mut [u8], &'a mut [Offer]),
    (&'a [u8], &'a mut [f64]),
);

/// Run the pass for arm `arm` in month `t` (1-based) over the arm's citizens in order: their
/// `states`, effect `slots`, `offers` and row `groups`; `participants` are this arm's counts by
/// intervention. A citizen is offered only interventions that serve its segment. Returns the
/// cost, kr.
pub fn run(
    model: &Model,
    plan: &Plan,
    t: u32,
    ((states, slots, offers), (groups, by_segment)): Citizens,
    arm: usize,
    participants: &mut [u32],
) -> f64 {
    let offered = &plan.arm_interventions[arm];
    let mut cost = 0.0;
    by_segment.iter_mut().for_each(|c| *c = 0.0);
    let citizens = states.iter().zip(slots.iter_mut()).zip(offers.iter_mut());
    for (i, ((&state, slot), ag)) in citizens.enumerate() {
        let segment = || groups.get(i).map_or(0, |&g| plan.segment_of(g));
        let c = citizen(
            model,
            plan,
            t,
            (state, slot, ag),
            segment,
            (offered, participants),
        );
        if c != 0.0 {
            cost += c;
            if !by_segment.is_empty() {
                by_segment[segment()] += c;
            }
        }
    }
    cost
}

/// The pass for one citizen in `state`, with its effect `slot` and offer `ag`, whose segment
/// `segment` gives; returns its cost this month, kr.
fn citizen(
    model: &Model,
    plan: &Plan,
    t: u32,
    (state, slot, ag): (u8, &mut u8, &mut Offer),
    segment: impl Fn() -> usize,
    (offered, participants): (&[usize], &mut [u32]),
) -> f64 {
    if ag.iv != NONE {
        let iv = &model.interventions[ag.iv as usize];
        let stays =
            iv.serves[state as usize] && (ag.iv_months as u32) < iv.max_months && t <= iv.to;
        if stays {
            ag.iv_months += 1;
            return iv.cost_per_month;
        }
        participants[ag.iv as usize] -= 1;
        ag.decay_iv = ag.iv;
        ag.iv = NONE;
        ag.decay = 0;
        fade(ag, slot, model, plan);
    } else if ag.decay > 0 {
        fade(ag, slot, model, plan);
    }
    for &k in offered {
        let iv = &model.interventions[k];
        let open = (iv.from..=iv.to).contains(&t) && participants[k] < iv.capacity;
        if open
            && iv.serves[state as usize]
            && ag.used & (1 << k) == 0
            && (iv.segments.is_empty() || iv.serves_segment(segment()))
        {
            participants[k] += 1;
            ag.used |= 1 << k;
            ag.iv = k as u8;
            ag.iv_months = 1;
            *slot = plan.first_slot[k];
            ag.decay = 0;
            return iv.cost_at_entry + iv.cost_per_month;
        }
    }
    0.0
}

/// One more month since leaving: the next fading slot, or none when the fade is over.
fn fade(ag: &mut Offer, slot: &mut u8, model: &Model, plan: &Plan) {
    let k = ag.decay_iv as usize;
    ag.decay += 1;
    if ag.decay as u32 > model.interventions[k].decay_months {
        ag.decay = 0;
        *slot = 0;
    } else {
        *slot = plan.first_slot[k] + ag.decay;
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

    /// Six citizens on kh: states, slots and offers.
    struct Citizens {
        states: Vec<u8>,
        slots: Vec<u8>,
        offers: Vec<Offer>,
    }

    impl Citizens {
        fn pass(&mut self, model: &Model, plan: &Plan, t: u32, part: &mut [u32]) -> f64 {
            let arrays = (&self.states[..], &mut self.slots[..], &mut self.offers[..]);
            run(model, plan, t, (arrays, (&[], &mut [])), 0, part)
        }
    }

    fn setup() -> (Model, Plan, Citizens, Vec<u32>) {
        let model = crate::scenario::parse("t.toml", SCENARIO).unwrap();
        let plan = Plan::new(&model);
        let c = Citizens {
            states: vec![0; 6],
            slots: vec![0; 6],
            offers: vec![Offer::default(); 6],
        };
        (model, plan, c, vec![0])
    }

    #[test]
    fn entry_in_citizen_order_up_to_capacity_only_while_active() {
        let (model, plan, mut c, mut part) = setup();
        assert_eq!(
            c.pass(&model, &plan, 1, &mut part),
            0.0,
            "not active in month 1"
        );
        let cost = c.pass(&model, &plan, 2, &mut part);
        assert_eq!(part[0], 4, "capacity");
        assert_eq!(cost, 4.0 * (1000.0 + 100.0));
        let inside: Vec<bool> = c.offers.iter().map(|a| a.iv == 0).collect();
        assert_eq!(
            inside,
            [true, true, true, true, false, false],
            "lowest index first"
        );
        assert!(c.slots[..4].iter().all(|&s| s == plan.first_slot[0]));
    }

    #[test]
    fn leaving_frees_places_and_the_effect_fades() {
        let (model, plan, mut c, mut part) = setup();
        c.pass(&model, &plan, 2, &mut part);
        c.states[1] = 1; // citizen 1 got a job in month 2
        let cost = c.pass(&model, &plan, 3, &mut part);
        assert_eq!(c.offers[1].iv, NONE);
        assert_eq!(c.slots[1], plan.first_slot[0] + 1, "first month of fading");
        assert_eq!(
            c.offers[4].iv, 0,
            "the freed place goes to the next in order"
        );
        assert_eq!(part[0], 4);
        assert_eq!(cost, 3.0 * 100.0 + 1100.0);
        c.pass(&model, &plan, 4, &mut part);
        assert_eq!(c.slots[1], plan.first_slot[0] + 2, "second month of fading");
        c.pass(&model, &plan, 5, &mut part);
        assert_eq!(
            c.offers[0].iv, NONE,
            "max_months = 3 reached (months 2, 3, 4)"
        );
        assert_eq!(c.slots[1], 0, "fade over after decay_months = 2");
        assert_ne!(c.offers[0].used & 1, 0, "and not offered again");
        assert_eq!(c.offers[5].iv, 0, "citizen 5 takes a place");
    }

    #[test]
    fn nobody_stays_after_the_last_month() {
        let (model, plan, mut c, mut part) = setup();
        for t in 1..=11 {
            c.pass(&model, &plan, t, &mut part);
            assert!(part[0] <= 4);
        }
        assert_eq!(part[0], 0);
        assert!(c.offers.iter().all(|a| a.iv == NONE));
    }
}
