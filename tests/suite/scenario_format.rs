//! The scenario shape promised in the project's first issue must keep working as written —
//! with one deliberate change since: `income` became `wage` and `tax_rate` moved to
//! `[tax] kommuneskat`, because transfers are taxed too (the old keys get an error that says
//! so, tested below).

use crate::common;

/// From the issue that defined the format (with `wage` and `[tax]`).
const ISSUE_EXAMPLE: &str = r#"
name = "Eksempel: lavere sagstal"
months = 48          # horizon
trials = 2000        # default; --trials overrides
seed = 42            # default; --seed overrides

[cohort]
size = 500
initial = { kontanthjaelp = 1.0 }     # shares by state, summing to 1

[states.kontanthjaelp]
label = "Kontanthjælp, aktivitetsparat"
benefit = 12326      # kr. per month the municipality pays while in the state (default 0)
case = true          # occupies caseworkers: counts toward the caseload (default false)
[states.job]
wage = 22000       # gross wage
[states.uddannelse]
[states.fleksjob]
benefit = 9000
wage = 14000
[states.foertidspension]
benefit = 20370

[transitions.kontanthjaelp]   # monthly probabilities at the reference caseload; the rest stays
job = 0.010
uddannelse = 0.004
fleksjob = 0.003
foertidspension = 0.012
[transitions.job]
kontanthjaelp = 0.02

[tax]
kommuneskat = 0.25              # municipal income tax

[economics]
caseworker_cost = 600000     # kr. per caseworker-year, salary and overhead
discount_rate = 0.0          # annual

[caseload]
reference = 75               # caseload at which [transitions] hold
# hazard multiplier for transitions out of case states: (reference / caseload) ^ elasticity
elasticity = { job = 0.5, uddannelse = 0.5, fleksjob = 0.3, foertidspension = -0.3 }

[arms.baseline]              # the comparator
caseload = 75                # staff follows the cases: caseworkers = cases / caseload
[arms.investering]
caseworkers = 14             # or fixed staff: caseload = cases / caseworkers, every month
"#;

#[test]
fn the_issue_example_parses_to_what_it_says() {
    use kohort::model::Staffing;
    let m = common::model(ISSUE_EXAMPLE);
    assert_eq!(
        (m.months, m.trials, m.seed, m.cohort_size),
        (48, 2000, 42, 500)
    );
    let ids: Vec<&str> = m.states.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "kontanthjaelp",
            "job",
            "uddannelse",
            "fleksjob",
            "foertidspension"
        ]
    );
    assert_eq!(m.states[0].label, "Kontanthjælp, aktivitetsparat");
    assert_eq!(m.states[1].label, "job", "label defaults to the id");
    assert!(m.states[0].case && !m.states[1].case);
    assert_eq!((m.states[3].benefit, m.states[3].wage), (9000.0, 14000.0));
    assert_eq!(m.initial_counts, [500, 0, 0, 0, 0]);
    assert_eq!(m.transitions[0], [0.0, 0.010, 0.004, 0.003, 0.012]);
    assert_eq!(m.transitions[1], [0.02, 0.0, 0.0, 0.0, 0.0]);
    assert_eq!(m.caseload.elasticity, [0.0, 0.5, 0.5, 0.3, -0.3]);
    assert_eq!(m.arms[0].staffing, Staffing::Caseload(75.0));
    assert_eq!(m.arms[1].staffing, Staffing::Caseworkers(14.0));
}

#[test]
fn the_shipped_example_is_the_issue_example_at_the_researched_effect() {
    let shipped = kohort::scenario::load(&common::shipped("example.toml")).unwrap();
    let issue = common::model(ISSUE_EXAMPLE);
    assert_eq!(shipped.transitions, issue.transitions);
    assert_eq!(shipped.caseload.reference, issue.caseload.reference);
    // The template people copy runs at the research's effect (the issue's 0.5 only in a
    // comment): its elasticity is its own evidence, job 0.1 and nothing else.
    assert_eq!(shipped.caseload.elasticity, [0.0, 0.1, 0.0, 0.0, 0.0]);
    assert_eq!(
        shipped.caseload.evidence.as_deref(),
        Some(&shipped.caseload.elasticity[..])
    );
    assert_eq!(issue.caseload.elasticity, [0.0, 0.5, 0.5, 0.3, -0.3]);
    assert_eq!(
        shipped.economics.tax.kommuneskat,
        issue.economics.tax.kommuneskat
    );
    assert_eq!(
        shipped.economics.caseworker_cost,
        issue.economics.caseworker_cost
    );
    assert_eq!(shipped.arms.len(), issue.arms.len());
}

#[test]
fn the_old_income_and_tax_rate_keys_say_what_replaced_them() {
    let old_income = ISSUE_EXAMPLE.replace("wage = 22000", "income = 22000");
    let e = kohort::scenario::parse("old.toml", &old_income)
        .unwrap_err()
        .to_string();
    let line = old_income
        .lines()
        .position(|l| l.starts_with("income"))
        .unwrap()
        + 1;
    assert!(
        e.starts_with(&format!("old.toml:{line}: [states.job] income:"))
            && e.contains("now `wage`"),
        "{e}"
    );
    let old_tax = ISSUE_EXAMPLE.replace(
        "[tax]\nkommuneskat = 0.25              # municipal income tax\n\n[economics]\n",
        "[economics]\ntax_rate = 0.25\n",
    );
    let e = kohort::scenario::parse("old.toml", &old_tax)
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("[economics] tax_rate") && e.contains("[tax] kommuneskat"),
        "{e}"
    );
}

#[test]
fn a_named_baseline_is_moved_first() {
    let text = common::FOUR_STATES.replacen("name =", "baseline = \"hoej\"\nname =", 1);
    let m = common::model(&text);
    let names: Vec<&str> = m.arms.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["hoej", "baseline", "lav"]);
}

mod inheritance {
    use super::common;
    use assert_cmd::Command;

    fn write(dir: &std::path::Path, name: &str, text: &str) -> std::path::PathBuf {
        let p = dir.join(name);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(&p, text).unwrap();
        p
    }

    const CHILD: &str = r#"
extends = "base/denmark-2024.toml"
months = 12
[cohort]
size = 10
initial = { kontanthjaelp = 1.0 }
[states.kontanthjaelp]
benefit = 16382          # provider rate: overrides only this number
[transitions.kontanthjaelp]
job = 0.05
[economics]
discount_rate = 0.0
[caseload]
reference = 70
[arms.baseline]
caseload = 70
"#;

    #[test]
    fn a_scenario_overrides_only_what_differs() {
        let dir = tempfile::tempdir().unwrap();
        let base = std::fs::read_to_string(common::shipped("base/denmark-2024.toml")).unwrap();
        write(dir.path(), "base/denmark-2024.toml", &base);
        let path = write(dir.path(), "child.toml", CHILD);
        let m = kohort::scenario::load(&path).unwrap();
        let kh = &m.states[m.state_index("kontanthjaelp").unwrap()];
        assert_eq!(kh.benefit, 16382.0, "overridden");
        assert_eq!(
            kh.label, "Kontanthjælp, aktivitetsparat",
            "kept from the base"
        );
        assert!(kh.refusion && kh.case);
        assert_eq!(
            m.states.len(),
            9,
            "all the base's states, in the base's order"
        );
        assert_eq!(m.states[0].id, "kontanthjaelp");
        assert_eq!(m.economics.tax.kommuneskat, 0.2507);
        assert_eq!(
            m.economics.discount_rate, 0.0,
            "overridden inside a merged table"
        );
        assert_eq!(m.refusion.steps.len(), 4);
    }

    fn refused(base_text: &str, child_text: &str, expect: &[&str]) {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "base/denmark-2024.toml", base_text);
        let path = write(dir.path(), "child.toml", child_text);
        let out = Command::cargo_bin("kohort")
            .unwrap()
            .arg("check")
            .arg(&path)
            .assert()
            .code(2);
        let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
        assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
        for piece in expect {
            assert!(stderr.contains(piece), "expected `{piece}` in {stderr}");
        }
    }

    #[test]
    fn errors_in_the_base_name_the_base_file() {
        let base = std::fs::read_to_string(common::shipped("base/denmark-2024.toml")).unwrap();
        let bad = base.replacen("kommuneskat = 0.2507", "kommuneskat = 2.507", 1);
        let line = bad
            .lines()
            .position(|l| l.starts_with("kommuneskat"))
            .unwrap()
            + 1;
        refused(
            &bad,
            CHILD,
            &[
                &format!("denmark-2024.toml:{line}: [tax] kommuneskat"),
                "[0, 1)",
            ],
        );
        let typo = base.replacen("benefit = 20370", "benefitt = 20370", 1);
        refused(
            &typo,
            CHILD,
            &["denmark-2024.toml:", "benefitt", "unknown field"],
        );
        let syntax = base.replacen("[refusion]", "[refusion", 1);
        refused(&syntax, CHILD, &["denmark-2024.toml:"]);
    }

    #[test]
    fn errors_in_the_child_name_the_child() {
        let base = std::fs::read_to_string(common::shipped("base/denmark-2024.toml")).unwrap();
        refused(
            &base,
            &CHILD.replace("job = 0.05", "job = 5"),
            &["child.toml:10: [transitions.kontanthjaelp] job"],
        );
    }

    #[test]
    fn missing_base_and_cycles_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(dir.path(), "child.toml", CHILD);
        Command::cargo_bin("kohort")
            .unwrap()
            .arg("check")
            .arg(&path)
            .assert()
            .code(2)
            .stderr(
                predicates::str::contains("child.toml:2: extends")
                    .and(predicates::str::contains("cannot read")),
            );
        let a = write(dir.path(), "a.toml", "extends = \"b.toml\"\n");
        write(dir.path(), "b.toml", "extends = \"a.toml\"\n");
        Command::cargo_bin("kohort")
            .unwrap()
            .arg("check")
            .arg(&a)
            .assert()
            .code(2)
            .stderr(
                predicates::str::contains("b.toml:1: extends")
                    .and(predicates::str::contains("cycle")),
            );
    }

    use predicates::prelude::PredicateBooleanExt;
}
