//! The tornado on a scenario whose answer is known by construction.

use crate::common;

use kohort::economics::Perspective;
use kohort::tornado;

/// Fixed staff in both arms (5 and 15 caseworkers), so the caseworker cost moves the saving by
/// exactly 10 × Δcost / 12 × 24 months; nobody ever enters `other`, so its benefit moves
/// nothing; the job elasticity moves it a little.
const KNOWN: &str = r#"
months = 24
trials = 300
seed = 5
[cohort]
size = 300
initial = { kh = 1.0 }
[states.kh]
benefit = 10000
case = true
[states.job]
wage = 20000
[states.other]
benefit = { dist = "uniform", min = 0, max = 10000 }
[transitions.kh]
job = 0.02
[transitions.job]
kh = 0.03
[tax]
kommuneskat = 0.25

[economics]
caseworker_cost = { dist = "uniform", min = 300000, max = 900000 }
[caseload]
reference = 60
elasticity = { job = { dist = "uniform", min = 0.4, max = 0.6 } }
[arms.baseline]
caseworkers = 5
[arms.more]
caseworkers = 15
"#;

fn run(bounds: &[(String, f64, f64)]) -> tornado::Tornado {
    let (model, params) =
        kohort::scenario::parse_in_uncertain(&common::shipped("known.toml"), KNOWN).unwrap();
    let hidden = indicatif::ProgressBar::hidden();
    tornado::tornado(
        &model,
        &params,
        1,
        Perspective::Kommune,
        300,
        5,
        bounds,
        &hidden,
    )
    .unwrap()
}

#[test]
fn ranks_by_swing_with_the_known_answer() {
    let t = run(&[]);
    let rows = &t.rows;
    let names: Vec<&str> = rows.iter().map(|r| r.parameter.as_str()).collect();
    assert_eq!(
        names,
        [
            "economics.caseworker_cost",
            "caseload.elasticity.job",
            "states.other.benefit"
        ]
    );
    // 5th and 95th percentiles of uniform(300,000, 900,000): 330,000 and 870,000.
    assert_eq!((rows[0].low, rows[0].high), (330_000.0, 870_000.0));
    let exact = 10.0 * (870_000.0 - 330_000.0) / 12.0 * 24.0;
    assert!(
        (rows[0].swing - exact).abs() < 1e-6 * exact,
        "{} vs {exact}",
        rows[0].swing
    );
    assert!(
        rows[0].savings_high < rows[0].savings_low,
        "dearer caseworkers save less"
    );
    assert_eq!(
        rows[2].swing, 0.0,
        "nobody is in `other`: common random numbers make it exactly 0"
    );
    assert!(rows[1].swing > 0.0 && rows[1].savings_high > rows[1].savings_low);
    // The saving is linear in the caseworker cost, and the mean cost is the midpoint of its
    // 5th and 95th percentiles: the base run lies exactly halfway (common random numbers).
    let mid = (rows[0].savings_low + rows[0].savings_high) / 2.0;
    assert!(
        (t.base - mid).abs() < 1e-6 * mid.abs().max(1.0),
        "{} vs {mid}",
        t.base
    );
}

#[test]
fn user_bounds_replace_the_percentiles() {
    let t = run(&[("economics.caseworker_cost".into(), 500_000.0, 600_000.0)]);
    let cost = t
        .rows
        .iter()
        .find(|r| r.parameter == "economics.caseworker_cost")
        .unwrap();
    assert_eq!((cost.low, cost.high), (500_000.0, 600_000.0));
    assert!((cost.swing - 10.0 * 100_000.0 / 12.0 * 24.0).abs() < 1e-3);
    assert!(tornado::parse_bound("a.b=1:2").is_ok());
    assert!(tornado::parse_bound("a.b=1").is_err());
    assert!(tornado::parse_bound("a.b").is_err());
}

#[test]
fn each_bar_carries_the_break_even_elasticity_with_its_parameter_at_that_end() {
    // The caseworker cost's ends (5th and 95th percentile of uniform 300k–900k: 330k, 870k)
    // written into the scenario as plain numbers, the other parameters at their means: the
    // break-even elasticity of that scenario is the bar's. Dearer staff needs a larger effect;
    // the elasticity's own bar has none.
    let t = run(&[]);
    let cost = t
        .rows
        .iter()
        .find(|r| r.parameter == "economics.caseworker_cost")
        .unwrap();
    let fixed = |c: f64| {
        let text = KNOWN
            .replace(
                "caseworker_cost = { dist = \"uniform\", min = 300000, max = 900000 }",
                &format!("caseworker_cost = {c}"),
            )
            .replace("{ dist = \"uniform\", min = 0, max = 10000 }", "5000")
            .replace("{ dist = \"uniform\", min = 0.4, max = 0.6 }", "0.5");
        let mut m = common::model(&text);
        m.headline = Perspective::Kommune;
        let t = kohort::threshold::thresholds(&m, &kohort::uncertainty::Uncertainty::default())
            .unwrap();
        t[0].crossing.pays_if().0
    };
    assert_eq!(cost.low, 330_000.0);
    assert_eq!(cost.breakeven_low, fixed(330_000.0));
    assert_eq!(cost.breakeven_high, fixed(870_000.0));
    let (lo, hi) = (cost.breakeven_low.unwrap(), cost.breakeven_high.unwrap());
    assert!(lo < hi, "{lo} {hi}");
    let own = t
        .rows
        .iter()
        .find(|r| r.parameter == "caseload.elasticity.job")
        .unwrap();
    assert_eq!((own.breakeven_low, own.breakeven_high), (None, None));
}
