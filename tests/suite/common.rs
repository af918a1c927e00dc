//! Shared helpers for the integration tests: scenarios as text, work directories, the binary.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use indicatif::ProgressBar;
use kohort::Model;
use kohort::engine::{self, Results};

/// A small scenario with cycles, mixed start states and two staff-follows-cases arms.
pub const FOUR_STATES: &str = r#"
name = "Fire tilstande: kontanthjælp, job, uddannelse, førtidspension"
months = 24
trials = 400
seed = 7

[cohort]
size = 300
initial = { kh = 0.8, job = 0.1, udd = 0.1 }

[states.kh]
label = "Kontanthjælp"
benefit = 12326
case = true
[states.job]
wage = 22000
[states.udd]
benefit = 500
case = true
[states.fp]
label = "Førtidspension"
benefit = 20370

[transitions.kh]
job = 0.03
udd = 0.02
fp = 0.01
[transitions.job]
kh = 0.04
[transitions.udd]
job = 0.05
kh = 0.03

[tax]
kommuneskat = 0.25

[economics]
caseworker_cost = 600000
discount_rate = 0.035

[caseload]
reference = 75
elasticity = { job = 0.6, udd = 0.4, fp = -0.3, kh = 0.2 }

[arms.baseline]
caseload = 75
[arms.lav]
caseload = 30
[arms.hoej]
caseload = 120
"#;

/// The shipped scenario at `name` under `scenarios/`.
pub fn shipped(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("scenarios")
        .join(name)
}

/// Parse scenario text (panics on error: test scenarios are valid).
pub fn model(text: &str) -> Model {
    kohort::scenario::parse("test.toml", text).expect("valid test scenario")
}

/// Parse scenario text as if it were the shipped scenario `name` (so `extends` resolves).
pub fn shipped_model(name: &str, text: &str) -> Model {
    kohort::scenario::parse_in(&shipped(name), text).expect("valid test scenario")
}

/// Run `trials` trials of `model` from `seed`, without a progress bar.
pub fn run(model: &Model, trials: u32, seed: u64) -> Results {
    engine::run(model, trials, seed, &ProgressBar::hidden())
}

/// Analyse `results` of `model` (every trial on the model's own numbers).
pub fn analyse(model: &Model, results: &Results) -> kohort::summary::Analysis {
    kohort::summary::Analysis::new(model, results, &kohort::economics::Ledgers::fixed(model))
}

/// One perspective's money of `results` of `model`.
pub fn money(
    model: &Model,
    results: &Results,
    p: kohort::economics::Perspective,
) -> kohort::economics::Money {
    kohort::economics::Money::new(results, &kohort::economics::Ledgers::fixed(model), p)
}

/// One year's rates, as the law's arithmetic ([`tax_by_law`]) takes them: shares, and
/// amounts in kr. a year.
pub struct Rates {
    pub kommuneskat: f64,
    pub bundskat: f64,
    pub sundhedsbidrag: f64,
    pub am_bidrag: f64,
    pub personfradrag: f64,
    /// Beskæftigelsesfradrag: rate and yearly maximum (LL § 9 J).
    pub beskaeftigelse: (f64, f64),
    /// Jobfradrag: rate, yearly threshold and maximum (LL § 9 K).
    pub job: (f64, f64, f64),
}

/// (kommuneskat, the state's tax: AM-bidrag + bundskat + sundhedsbidrag) of a month with wage
/// `w` and taxable transfers `b`, written out from the law here (not the library's tax code):
/// AM-bidrag on wages; personal income P = w − AM + b; skattepligtig S = P −
/// beskæftigelsesfradrag − jobfradrag; kommuneskat and sundhedsbidrag on S less a twelfth of
/// the personfradrag, bundskat on P less it (PSL §§ 5–10).
pub fn tax_by_law(r: &Rates, w: f64, b: f64) -> (f64, f64) {
    let am = r.am_bidrag * w;
    let p = w - am + b;
    let f = (r.beskaeftigelse.0 * w).min(r.beskaeftigelse.1 / 12.0);
    let j = (r.job.0 * (w - r.job.1 / 12.0).max(0.0)).min(r.job.2 / 12.0);
    let s = p - f - j;
    let pf = r.personfradrag / 12.0;
    let k = r.kommuneskat * (s - pf).max(0.0);
    let state = am + r.sundhedsbidrag * (s - pf).max(0.0) + r.bundskat * (p - pf).max(0.0);
    (k, state)
}

/// Kommuneskat a month of state `s` by [`tax_by_law`] on the rates of the model's rule set;
/// the taxable transfers are the state's benefit and, when taxable, the kommune's.
pub fn kommuneskat_of(model: &Model, s: usize) -> f64 {
    let (st, t) = (&model.states[s], &model.economics.tax);
    let rates = Rates {
        kommuneskat: t.kommuneskat,
        bundskat: t.bundskat,
        sundhedsbidrag: t.sundhedsbidrag,
        am_bidrag: t.am_bidrag,
        personfradrag: t.personfradrag,
        beskaeftigelse: (t.beskaeftigelse.rate, t.beskaeftigelse.max),
        job: (t.job.rate, t.job.threshold, t.job.max),
    };
    let b = st.state_benefit + if st.benefit_taxable { st.benefit } else { 0.0 };
    tax_by_law(&rates, st.wage, b).0
}

/// Kommuneskat of (trial, arm, month index) of `results`: occupancy × each state's tax.
pub fn kommuneskat(model: &Model, results: &Results, trial: usize, arm: usize, m: usize) -> f64 {
    (0..model.states.len())
        .map(|s| results.occupancy(trial, arm, m, s) * kommuneskat_of(model, s))
        .sum()
}

/// Replace the `[arms.*]` tables of a scenario with `arms` (TOML text).
pub fn with_arms(text: &str, arms: &str) -> String {
    let cut = text.find("[arms.").expect("scenario has arms");
    format!("{}{}", &text[..cut], arms)
}

/// Assert that the mean of `values` is within 4 standard errors of `exact` (plus a relative
/// 1e-9 for values without spread); returns |mean − exact| / SE (0 when SE is 0).
pub fn assert_within_4se(name: &str, values: &[f64], exact: f64) -> f64 {
    let n = values.len() as f64;
    let mean = values.iter().sum::<f64>() / n;
    let sd = (values.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0)).sqrt();
    let se = sd / n.sqrt();
    assert!(
        (mean - exact).abs() <= 4.0 * se + 1e-9 * exact.abs().max(1.0),
        "{name}: simulated {mean} vs exact {exact} (SE {se})"
    );
    if se > 0.0 {
        (mean - exact).abs() / se
    } else {
        0.0
    }
}

/// `kohort run --quiet --trials TRIALS --out DIR --report PAGE SCENARIO`, ready for more
/// environment and an assertion.
pub fn run_with_report(
    trials: &str,
    dir: &Path,
    page: &Path,
    scenario: &Path,
) -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("kohort").unwrap();
    cmd.args(["run", "--quiet", "--trials", trials, "--out"])
        .arg(dir)
        .arg("--report")
        .arg(page)
        .arg(scenario);
    cmd
}

/// The mean of `model`'s total discounted saving of arm 1 on its headline over `trials` trials
/// from `seed`, and its standard error.
pub fn mean_saving_and_se(model: &Model, trials: u32, seed: u64) -> (f64, f64) {
    let results = run(model, trials, seed);
    let money = money(model, &results, model.headline);
    let v: Vec<f64> = (0..trials as usize)
        .map(|t| money.savings_total(t, 1))
        .collect();
    let n = v.len() as f64;
    let mean = v.iter().sum::<f64>() / n;
    let var = v.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0);
    (mean, (var / n).sqrt())
}
