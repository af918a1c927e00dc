//! The money as Danish rules count it, against figures worked by hand: the tax worked example
//! on the 2024 base file, a closed form of the kommune's expenditure with tax and refusion for
//! an absorbing exit, the refusion before 4 January 2016, and price regulation.

use crate::common;

use kohort::economics::{Ledger, Perspective};
use kohort::engine::Field;
use kohort::expect::expect;

/// 2024 rules from the base file, kommuneskat 25 %: kontanthjælp ↔ job.
const ABSORBING: &str = r#"
extends = "base/denmark-2024.toml"
months = 36
trials = 4000
seed = 11
[cohort]
size = 200
initial = { kontanthjaelp = 1.0 }
prior_months = 60
[transitions.kontanthjaelp]
job = 0.03
[tax]
kommuneskat = 0.25
[economics]
discount_rate = 0.0
[caseload]
reference = 70
[arms.baseline]
caseload = 70
"#;

#[test]
fn tax_worked_example_on_the_2024_base_file() {
    let model = common::shipped_model("t.toml", ABSORBING);
    let ledger = Ledger::new(&model);
    let tax = |id: &str| ledger.states[model.state_index(id).unwrap()].kommune_tax;
    // Kontanthjælp 12,326: 0.25 · (12,326 − 49,700/12) = 2,046.08.
    assert!((tax("kontanthjaelp") - 2046.08).abs() < 0.01);
    // A job at 20,700 a month, from the law and the 2024 rates: AM-bidrag 8 % (AM-bidragsloven
    // § 2) leaves 19,044; beskæftigelsesfradrag 10.65 % of 20,700 = 2,204.55 (LL § 9 J, below
    // its 45,100 a year); jobfradrag 4.5 % of (248,400 − 216,100) / 12 = 121.125 (LL § 9 K,
    // below its 2,800); personfradrag 49,700 / 12. Kommuneskat 25 % of the rest: 3,144.16.
    let by_hand: f64 = 0.25
        * (20700.0 * 0.92
            - 0.1065 * 20700.0
            - 0.045 * (20700.0 - 216100.0 / 12.0)
            - 49700.0 / 12.0);
    assert!((by_hand - 3144.16).abs() < 0.005, "{by_hand}");
    assert!((tax("job") - by_hand).abs() < 0.005, "{}", tax("job"));
    let gain = tax("job") - tax("kontanthjaelp");
    assert!((gain - 1098.08).abs() < 0.01, "gain {gain}");
    // Not the tax on the whole wage: 25 % of 20,700 would be 5,175.
    assert!(tax("job") < 0.7 * 5175.0);
}

/// The closed form: everyone starts on kontanthjælp past week 52 (20 % refusion), leaves for a
/// job (absorbing) with probability p a month. After month t, E[n_kh] = N(1 − p)^t; staff
/// follows the cases at the start of the month: E[cases_t] = N(1 − p)^(t−1). The kommune's
/// expected expenditure in month t is
///   N(1−p)^t · (0.8·b − k_kh) − N(1 − (1−p)^t) · k_job + N(1−p)^(t−1)/70 · cost/12.
fn closed_form(t: u32, p: f64, b: f64, k_kh: f64, k_job: f64, cost: f64) -> f64 {
    let n = 200.0;
    let on = n * (1.0 - p).powi(t as i32);
    let cases = n * (1.0 - p).powi(t as i32 - 1);
    on * (0.8 * b - k_kh) - (n - on) * k_job + cases / 70.0 * cost / 12.0
}

#[test]
fn kommune_expenditure_with_tax_and_refusion_has_a_closed_form() {
    let model = common::shipped_model("t.toml", ABSORBING);
    let ledger = Ledger::new(&model);
    let kh = model.state_index("kontanthjaelp").unwrap();
    let job = model.state_index("job").unwrap();
    let (b, k_kh, k_job) = (
        model.states[kh].benefit,
        ledger.states[kh].kommune_tax,
        ledger.states[job].kommune_tax,
    );
    let cost = model.economics.caseworker_cost;
    let e = expect(&model).unwrap();
    let results = common::run(&model, model.trials, model.seed);
    let money = common::money(&model, &results, Perspective::Kommune);
    let mut worst: f64 = 0.0;
    for m in 0..model.months as usize {
        let exact = closed_form(m as u32 + 1, 0.03, b, k_kh, k_job, cost);
        let traced = e.expenditure(Perspective::Kommune, 0, m);
        assert!(
            (traced - exact).abs() < 1e-6 * exact.abs(),
            "month {}: expect {traced} vs closed form {exact}",
            m + 1
        );
        let v: Vec<f64> = (0..model.trials as usize)
            .map(|i| money.expenditure_nominal(i, 0, m))
            .collect();
        let z = common::assert_within_4se(&format!("month {}", m + 1), &v, exact);
        worst = worst.max(z);
    }
    eprintln!("closed form: 36 months, largest |z| = {worst:.2}");
}

/// A cohort on kontanthjælp from August 2015, nobody moving, on the 2015 base file: the months
/// of 2015 are refunded at the passive 30 %, those from January 2016 on the trappe with the
/// clock counting from July 2014 (§ 30), whatever the citizens' earlier years on benefits.
const BEFORE_2016: &str = r#"
extends = "base/denmark-2015.toml"
start = "2015-08"
months = 12
[cohort]
size = 10
initial = { kontanthjaelp = 1.0 }
prior_months = PRIOR
[caseload]
reference = 70
[interventions.praktik]
serves = ["kontanthjaelp"]
capacity = 4
company_based = true
[arms.baseline]
caseload = 70
[arms.praktik]
caseload = 70
interventions = ["praktik"]
"#;

#[test]
fn before_2016_refusion_is_activity_based_and_the_clock_counts_from_july_2014() {
    // From the law (steps in weeks: 80 % 1–4, 40 % 5–26, 30 % 27–52, 20 % from 53; a month is
    // 52/12 weeks): with 60 months behind them the clock is past week 52 from January on, so
    // 20 % every month; with none, January 2016 is clock month 6, weeks (21.7, 26], 40 %, and
    // February–July months 7–12, weeks (26, 52], 30 %.
    for (prior, jan_share, later_share) in [("60", 0.2, 0.2), ("0", 0.4, 0.3)] {
        let text = BEFORE_2016.replace("PRIOR", prior);
        let model = common::shipped_model("t.toml", &text);
        let b = model.states[0].benefit;
        let results = common::run(&model, 3, 1);
        for m in 0..12 {
            let base = results.field(0, 0, m, Field::Refusion);
            let with_offer = results.field(0, 1, m, Field::Refusion);
            if m < 5 {
                // August–December 2015: 30 % passive; 4 in virksomhedspraktik at 50 %.
                assert!(
                    (base - 10.0 * 0.3 * b).abs() < 1e-6,
                    "month {}: {base}",
                    m + 1
                );
                let active = 6.0 * 0.3 * b + 4.0 * 0.5 * b;
                assert!((with_offer - active).abs() < 1e-6, "month {}", m + 1);
            } else {
                // From January 2016 the trappe, for everyone alike. With 60 months behind them,
                // only those since July 2014 count: 13 at the start + 5 = 18 → 20 %. With
                // none, 5 months of 2015 count: January is clock month 5 → 40 %.
                let expected = if m == 5 { jan_share } else { later_share };
                assert!((base - 10.0 * expected * b).abs() < 1e-6, "month {}", m + 1);
                assert!((with_offer - base).abs() < 1e-6, "no activity rule in 2016");
            }
        }
        // The exact trace agrees month by month (nobody moves: no chance at all); it needs
        // places for all, so the offer is unlimited there.
        let open = common::shipped_model("t.toml", &text.replace("capacity = 4\n", ""));
        let (e, results) = (expect(&open).unwrap(), common::run(&open, 2, 1));
        for m in 0..12 {
            for arm in 0..2 {
                let traced = e.record(arm, m)[open.states.len() + Field::Refusion as usize];
                assert!((traced - results.field(0, arm, m, Field::Refusion)).abs() < 1e-6);
            }
        }
    }
}

/// § 30's cap read the other way: when the clock may count only from the scenario's own start
/// (`count_from` = the start month), 60 months on benefits before it count for nothing, so the
/// refusion month by month is that of a cohort with none behind it — and differs from it when
/// the earlier years do count (from July 2014).
#[test]
fn only_months_since_count_from_count_on_the_clock() {
    let refusion = |prior: &str, count_from: &str| -> Vec<f64> {
        let text = BEFORE_2016.replace("PRIOR", prior)
            + &format!("[refusion]\ncount_from = \"{count_from}\"\n");
        let model = common::shipped_model("t.toml", &text);
        let results = common::run(&model, 2, 1);
        (0..12)
            .map(|m| results.field(0, 0, m, Field::Refusion))
            .collect()
    };
    let fresh = refusion("0", "2015-08");
    assert_eq!(
        refusion("60", "2015-08"),
        fresh,
        "years before count_from count"
    );
    assert_ne!(
        refusion("60", "2014-07"),
        fresh,
        "the earlier years never count"
    );
    // A citizen arriving in month index m with years behind them holds the m months since
    // count_from (the start): from January 2016 on the trappe's later steps, unlike one who
    // arrives with none (80 % for the first four weeks).
    let arrivals = |prior: &str| -> Vec<f64> {
        let text = BEFORE_2016.replace("PRIOR", "0")
            + &format!(
                "[inflow]\nmean = 5\ninitial = {{ kontanthjaelp = 1.0 }}\nprior_months = {prior}\n\
                 [refusion]\ncount_from = \"2015-08\"\n"
            );
        let model = common::shipped_model("t.toml", &text);
        let results = common::run(&model, 2, 1);
        (5..12)
            .map(|m| results.field(0, 0, m, Field::Refusion))
            .collect()
    };
    assert_ne!(
        arrivals("60"),
        arrivals("0"),
        "the months since count_from count"
    );
}

#[test]
fn regulated_prices_raise_every_amount_each_january() {
    let fixed = common::shipped_model("t.toml", &BEFORE_2016.replace("PRIOR", "60"));
    let text = BEFORE_2016.replace("PRIOR", "60")
        + "[prices]\nregulation = { 2016 = 0.011, 2017 = 0.013 }\n";
    let regulated = common::shipped_model("t.toml", &text);
    let results = common::run(&fixed, 2, 3);
    let (a, b) = (Ledger::new(&fixed), Ledger::new(&regulated));
    let shape = results.shape;
    for m in 0..12 {
        let rec = results.record(0, 1, m);
        let ratio = b.expenditure(Perspective::Kommune, &shape, rec, m)
            / a.expenditure(Perspective::Kommune, &shape, rec, m);
        // Month 6 is January 2016.
        let expected = if m < 5 { 1.0 } else { 1.011 };
        assert!((ratio - expected).abs() < 1e-12, "month {}: {ratio}", m + 1);
    }
    assert!((regulated.prices.index(2017) - 1.011 * 1.013).abs() < 1e-12);
    assert!(
        (regulated.prices.index(2014) - 1.0).abs() < 1e-12,
        "no rate given for 2015"
    );
    assert!(fixed.prices.fixed() && !regulated.prices.fixed());
}

/// One year's tax rules as the law and Skatteministeriet's rates state them, typed here (not
/// read from the base file), with the month's gross wage of a job and kontanthjælp.
struct TaxYear {
    base: &'static str,
    /// A month the base file's rules are in force.
    start: &'static str,
    kommuneskat: f64,
    bundskat: f64,
    sundhedsbidrag: f64,
    personfradrag: f64,
    /// Beskæftigelsesfradrag: rate and yearly maximum (LL § 9 J).
    beskaeftigelse: (f64, f64),
    /// Jobfradrag: rate, yearly threshold and maximum (LL § 9 K; from 2018).
    job: (f64, f64, f64),
    wage: f64,
    kontanthjaelp: f64,
}

/// The 2024 rules (PSL, LL §§ 9 J–K, Skatteministeriet's rates for 2024).
fn year_2024() -> TaxYear {
    TaxYear {
        base: "denmark-2024.toml",
        start: "2024-01",
        kommuneskat: 0.2507,
        bundskat: 0.1201,
        sundhedsbidrag: 0.0,
        personfradrag: 49700.0,
        beskaeftigelse: (0.1065, 45100.0),
        job: (0.045, 216100.0, 2800.0),
        wage: 20700.0,
        kontanthjaelp: 12326.0,
    }
}

/// (kommuneskat, the state's tax) of a month with wage `w` and taxable benefit `b` by the
/// law ([`common::tax_by_law`]) on the year's typed rates, AM-bidrag 8 %.
fn by_law(y: &TaxYear, w: f64, b: f64) -> (f64, f64) {
    let rates = common::Rates {
        kommuneskat: y.kommuneskat,
        bundskat: y.bundskat,
        sundhedsbidrag: y.sundhedsbidrag,
        am_bidrag: 0.08,
        personfradrag: y.personfradrag,
        beskaeftigelse: y.beskaeftigelse,
        job: y.job,
    };
    common::tax_by_law(&rates, w, b)
}

/// Every base file's tax, sundhedsbidrag included, to the øre against the law's arithmetic.
#[test]
fn each_base_years_tax_to_the_ore() {
    let years = [
        TaxYear {
            base: "denmark-2015.toml",
            start: "2015-08",
            kommuneskat: 0.249,
            bundskat: 0.0808,
            sundhedsbidrag: 0.04,
            personfradrag: 43400.0,
            beskaeftigelse: (0.0805, 26800.0),
            job: (0.0, 0.0, 0.0),
            wage: 18200.0,
            kontanthjaelp: 10849.0,
        },
        TaxYear {
            base: "denmark-2016.toml",
            start: "2016-02",
            kommuneskat: 0.249,
            bundskat: 0.0908,
            sundhedsbidrag: 0.03,
            personfradrag: 44000.0,
            beskaeftigelse: (0.083, 28000.0),
            job: (0.0, 0.0, 0.0),
            wage: 18400.0,
            kontanthjaelp: 10968.0,
        },
        year_2024(),
        TaxYear {
            base: "denmark-2025-07.toml",
            start: "2025-07",
            kommuneskat: 0.2505,
            bundskat: 0.1201,
            sundhedsbidrag: 0.0,
            personfradrag: 51600.0,
            beskaeftigelse: (0.123, 55600.0),
            job: (0.045, 224500.0, 2900.0),
            wage: 20700.0,
            kontanthjaelp: 12326.0,
        },
    ];
    // The arithmetic itself, worked by hand for 2015 (job: 0.249 · (18,200 · 0.92 − 1,465.10 −
    // 3,616.67) = 2,903.90; state 1,456 + 0.04 · 11,662.23 + 0.0808 · 13,127.33 = 2,983.18).
    let (k, s) = by_law(&years[0], 18200.0, 0.0);
    assert!(
        (k - 2903.90).abs() < 0.005 && (s - 2983.18).abs() < 0.005,
        "{k} {s}"
    );
    for y in &years {
        let text = format!(
            "extends = \"base/{}\"\nstart = \"{}\"\nmonths = 12\n[cohort]\nsize = 10\ninitial = {{ kontanthjaelp = 1.0 }}\n[caseload]\nreference = 70\n[arms.baseline]\ncaseload = 70\n",
            y.base, y.start
        );
        let model = common::shipped_model("t.toml", &text);
        let ledger = Ledger::new(&model);
        for (id, w, b) in [
            ("job", y.wage, 0.0),
            ("kontanthjaelp", 0.0, y.kontanthjaelp),
        ] {
            let s = model.state_index(id).unwrap();
            assert_eq!(
                (model.states[s].wage, model.states[s].benefit),
                (w, b),
                "{}",
                y.base
            );
            let (k, state) = by_law(y, w, b);
            let got = &ledger.states[s];
            assert!(
                (got.kommune_tax - k).abs() < 0.005 && (got.state_tax - state).abs() < 0.005,
                "{} {id}: kommune {} vs {k}, state {} vs {state}",
                y.base,
                got.kommune_tax,
                got.state_tax
            );
        }
    }
}

/// Every perspective's total over 36 months for 1,000 citizens on kontanthjælp leaving for a
/// job at 10 % a month (2024 rules, no discounting), written from the law and the base file's
/// numbers typed here — tax by [`by_law`], refusion 20 % (past week 52 on the trappe),
/// udligning keeping 25 % of kommuneskat, staff following the cases at 70 a caseworker — and
/// not from the library's money code; `expect`'s totals agree to the krone.
#[test]
fn every_perspective_of_a_one_exit_chain_to_the_krone() {
    let year = year_2024();
    let text = format!(
        "extends = \"base/{}\"\nstart = \"{}\"\nmonths = 36\n[cohort]\nsize = 1000\n\
         initial = {{ kontanthjaelp = 1.0 }}\nprior_months = 60\n[transitions.kontanthjaelp]\n\
         job = 0.1\n\
         [economics]\ndiscount_rate = 0.0\ncaseworker_cost = 600000\n[caseload]\nreference = 70\n\
         [arms.baseline]\ncaseload = 70\n",
        year.base, year.start
    );
    let model = common::shipped_model("t.toml", &text);
    let e = expect(&model).unwrap();
    let (n, p, b) = (1000.0, 0.1, year.kontanthjaelp);
    let ((k_kh, t_kh), (k_job, t_job)) = (by_law(&year, 0.0, b), by_law(&year, year.wage, 0.0));
    let mut totals = [0.0; 5];
    for t in 1..=36 {
        let on = n * (1.0f64 - p).powi(t);
        let cases = n * (1.0f64 - p).powi(t - 1);
        let forsoergelse = on * 0.8 * b + cases / 70.0 * 600000.0 / 12.0;
        let kommuneskat = on * k_kh + (n - on) * k_job;
        let stat = on * 0.2 * b - (on * t_kh + (n - on) * t_job);
        let month = [
            forsoergelse,
            forsoergelse - kommuneskat,
            forsoergelse - 0.25 * kommuneskat,
            stat,
            forsoergelse - kommuneskat + stat,
        ];
        for (total, x) in totals.iter_mut().zip(month) {
            *total += x;
        }
    }
    for (p, hand) in Perspective::ALL.into_iter().zip(totals) {
        let traced: f64 = (0..36).map(|m| e.expenditure(p, 0, m)).sum();
        assert!(
            (traced - hand).abs() < 1.0,
            "{p:?}: expect {traced} vs by hand {hand}"
        );
    }
}
