//! `--report FILE.html` on run and sweep: a well-formed, self-contained page with every chart,
//! whose headline carries the same numbers as summary.csv; byte-identical across thread
//! counts; and, where Chromium is installed, a screenshot that shows the charts.

use crate::common;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

fn kohort() -> Command {
    Command::cargo_bin("kohort").unwrap()
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Run `kohort run silkeborg.toml` with a report in a fresh directory; returns (dir, page).
fn silkeborg_report(trials: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("rapport.html");
    common::run_with_report(
        trials,
        dir.path(),
        &page,
        &common::shipped("silkeborg.toml"),
    )
    .env("SOURCE_DATE_EPOCH", "1700000000")
    .assert()
    .success()
    .stdout(predicates::str::contains("rapport.html"));
    (dir, page)
}

/// Parse the page strictly as XML (HTML5's `<!DOCTYPE html>` allowed).
fn parse(html: &str) -> Result<roxmltree::Document<'_>, roxmltree::Error> {
    let opts = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    roxmltree::Document::parse_with_options(html, opts)
}

/// The ids of every `<figure>` holding an `<svg>` with at least `min` drawn shapes.
fn charts(doc: &roxmltree::Document<'_>, min: usize) -> HashSet<String> {
    doc.descendants()
        .filter(|n| n.has_tag_name("figure"))
        .filter(|f| {
            let shapes = f
                .descendants()
                .filter(|n| {
                    ["polygon", "rect", "polyline", "circle"].contains(&n.tag_name().name())
                })
                .count();
            f.descendants().any(|n| n.tag_name().name() == "svg") && shapes >= min
        })
        .filter_map(|f| f.attribute("id").map(str::to_string))
        .collect()
}

/// Assert the page fetches nothing: no scripts, links, images, iframes or URLs in attributes
/// (but the SVG namespace, which names and does not fetch).
fn assert_self_contained(doc: &roxmltree::Document<'_>) {
    for n in doc.descendants().filter(|n| n.is_element()) {
        let tag = n.tag_name().name();
        assert!(
            !["script", "link", "img", "iframe", "object", "embed"].contains(&tag),
            "<{tag}> in a self-contained page"
        );
        for a in n.attributes() {
            assert!(
                !(a.value().contains("://") && a.name() != "xmlns"),
                "<{tag} {}=\"{}\"> refers elsewhere",
                a.name(),
                a.value()
            );
        }
    }
}

/// The texts of the page's headline paragraphs.
fn headlines<'a>(doc: &'a roxmltree::Document<'_>) -> Vec<&'a str> {
    doc.descendants()
        .filter(|n| n.attribute("class") == Some("headline"))
        .filter_map(|n| n.text())
        .collect()
}

fn summary_field(summary: &str, arm: &str, perspective: &str, column: &str) -> String {
    let mut r = csv::Reader::from_reader(summary.as_bytes());
    let header = r.headers().unwrap().clone();
    let at = header.iter().position(|h| h == column).unwrap();
    r.records()
        .map(Result::unwrap)
        .find(|row| &row[0] == arm && &row[2] == perspective)
        .map(|row| row[at].to_string())
        .unwrap()
}

#[test]
fn run_report_is_well_formed_with_every_chart_and_the_summary_numbers() {
    let (dir, page) = silkeborg_report("300");
    let html = read(&page);
    let doc = parse(&html).expect("the report is well-formed XML");
    assert_eq!(
        doc.root_element().attribute("lang"),
        Some("da"),
        "Danish labels, Danish page"
    );
    assert_self_contained(&doc);
    let found = charts(&doc, 3);
    for id in [
        "fan-investering",
        "breakeven-investering",
        "occupancy-baseline",
        "occupancy-investering",
        "tornado-chart",
    ] {
        assert!(found.contains(id), "chart {id} missing; found {found:?}");
    }
    // The headline carries summary.csv's figures, written the Danish way.
    let summary = read(&dir.path().join("summary.csv"));
    let get = |c: &str| summary_field(&summary, "investering", "kommune_efter_udligning", c);
    let mean: f64 = get("savings_mean").parse().unwrap();
    let (p5, p95): (f64, f64) = (
        get("savings_p5").parse().unwrap(),
        get("savings_p95").parse().unwrap(),
    );
    let p_gain: f64 = get("p_gain").parse().unwrap();
    let headline = headlines(&doc)[0];
    let verb = if mean >= 0.0 {
        "sparer kommunen efter udligning"
    } else {
        "taber kommunen efter udligning netto"
    };
    let expected = [
        format!(
            "Med 13,8 sagsbehandlere {verb} {} over 4 år",
            kohort::report::mio_kr(mean.abs())
        ),
        kohort::report::mio_range(kohort::report::Lang::Da, p5, p95),
        format!(
            "{} sandsynlighed for en gevinst",
            kohort::report::pct(p_gain)
        ),
    ];
    for part in &expected {
        assert!(
            headline.contains(part.as_str()),
            "{headline:?} lacks {part:?}"
        );
    }
    match get("breakeven_p50").as_str() {
        "" => assert!(headline.contains("ikke tjent hjem"), "{headline}"),
        m => assert!(
            headline.contains(&format!("tjent hjem i måned {m}")),
            "{headline}"
        ),
    }
    // The parameters: a row per state and arm, the assumptions, the drawn parameter.
    let rows = |id: &str| {
        doc.descendants()
            .find(|n| n.attribute("id") == Some(id))
            .map_or(0, |t| t.children().filter(|c| c.has_tag_name("tr")).count())
    };
    assert_eq!(rows("states"), 1 + 9);
    assert_eq!(rows("arms"), 1 + 2);
    assert_eq!(rows("uncertain"), 1 + 1);
    let model = kohort::scenario::load(&common::shipped("silkeborg.toml")).unwrap();
    let cost = kohort::report::kr(model.economics.caseworker_cost);
    assert!(html.contains(&format!("<td>sagsbehandler pr. år</td><td>{cost}</td>")));
    // Æ, ø, å survive; the manifest names the files with their SHA-256 and the date.
    assert!(html.contains("Førtidspension") && html.contains("Uddannelse (SU)"));
    let scenario = std::fs::read(common::shipped("silkeborg.toml")).unwrap();
    assert!(html.contains(&kohort::report::sha256(&scenario)));
    assert!(
        html.contains("2023-11-14"),
        "SOURCE_DATE_EPOCH sets the date"
    );
}

#[test]
fn report_is_byte_identical_whatever_the_thread_count() {
    let pages: Vec<Vec<u8>> = ["1", "2"]
        .iter()
        .map(|threads| {
            // The same command line in two directories: the manifest records it.
            let dir = tempfile::tempdir().unwrap();
            kohort()
                .current_dir(dir.path())
                .args([
                    "run", "--quiet", "--trials", "120", "--out", ".", "--report", "r.html",
                ])
                .arg(common::shipped("silkeborg.toml"))
                .env("RAYON_NUM_THREADS", threads)
                .env("SOURCE_DATE_EPOCH", "1700000000")
                .assert()
                .success();
            std::fs::read(dir.path().join("r.html")).unwrap()
        })
        .collect();
    assert!(
        pages[0] == pages[1],
        "reports differ between 1 and 2 threads"
    );
}

#[test]
fn sweep_report_marks_the_best_caseload() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("sweep.html");
    kohort()
        .args([
            "sweep",
            "--quiet",
            "--trials",
            "200",
            "--arm",
            "investering",
            "--caseload",
            "30:70:10",
            "--out",
        ])
        .arg(dir.path())
        .arg("--report")
        .arg(&page)
        .arg(common::shipped("silkeborg.toml"))
        .assert()
        .success();
    let html = read(&page);
    let doc = parse(&html).expect("well-formed");
    assert_self_contained(&doc);
    let found = charts(&doc, 3);
    // The best point is the one with the highest mean saving in sweep.csv among those wholly
    // inside the evidence's range (all of 30–70 here).
    let sweep = read(&dir.path().join("sweep.csv"));
    let mut r = csv::Reader::from_reader(sweep.as_bytes());
    let rows: Vec<(String, f64)> = r
        .records()
        .map(|row| {
            let row = row.unwrap();
            assert_eq!(&row[9], "0.0", "effect_held");
            (row[1].to_string(), row[3].parse().unwrap())
        })
        .collect();
    assert_eq!(rows.len(), 5);
    let best = rows
        .iter()
        .fold(&rows[0], |b, r| if r.1 > b.1 { r } else { b });
    let caseload: f64 = best.0.parse().unwrap();
    for id in [
        "sweep-chart".to_string(),
        "occupancy-baseline".to_string(),
        format!("breakeven-investering-{caseload}"),
        format!("fan-investering-{caseload}"),
    ] {
        assert!(found.contains(&id), "chart {id} missing; found {found:?}");
    }
    let marked: Vec<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("tr"))
        .filter(|tr| tr.descendants().any(|c| c.text() == Some("◀ bedst")))
        .map(|tr| {
            tr.descendants()
                .find_map(|c| c.text().filter(|t| !t.trim().is_empty()))
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(
        marked,
        [format!("{caseload}")],
        "one marked row, the best caseload"
    );
    let headline = headlines(&doc)[0];
    let edge = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("warning"))
        .any(|n| {
            n.text()
                .is_some_and(|t| t.contains("i kanten af det afprøvede område (30–70)"))
        });
    assert_eq!(
        edge,
        caseload == 30.0 || caseload == 70.0,
        "edge warning iff best at an end"
    );
    // "Best" only with its chance of a gain beside it.
    assert!(
        headline.starts_with(&format!(
            "Størst gennemsnitlig besparelse inden for det område, forskningen dækker (sagstal \
             25–150), ved sagstal: {caseload} (sandsynlighed for gevinst "
        )),
        "{headline}"
    );
}

#[test]
fn english_labels_give_an_english_page() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = dir.path().join("four.toml");
    let text = common::FOUR_STATES
        .replace(
            "Fire tilstande: kontanthjælp, job, uddannelse, førtidspension",
            "Four states",
        )
        .replace("Kontanthjælp", "Social assistance")
        .replace("Førtidspension", "Disability pension");
    std::fs::write(&scenario, text).unwrap();
    let page = dir.path().join("r.html");
    common::run_with_report("50", dir.path(), &page, &scenario)
        .assert()
        .success();
    let html = read(&page);
    let doc = parse(&html).expect("well-formed");
    assert_eq!(doc.root_element().attribute("lang"), Some("en"));
    let headlines = headlines(&doc);
    assert_eq!(
        headlines.len(),
        2,
        "one headline per arm against the baseline"
    );
    assert!(
        headlines[0].starts_with("With a caseload of 30 ("),
        "{}",
        headlines[0]
    );
    assert!(
        headlines[0].contains(" over 2 years; 90 % interval "),
        "{}",
        headlines[0]
    );
    assert!(
        !html.contains("tornado-chart"),
        "no uncertain parameters, no tornado"
    );
}

#[test]
fn a_report_path_that_is_a_directory_is_refused_before_any_work() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    kohort()
        .args(["run", "--trials", "10", "--out"])
        .arg(&out)
        .arg("--report")
        .arg(dir.path())
        .arg(common::shipped("silkeborg.toml"))
        .assert()
        .code(2)
        .stderr(
            predicates::str::contains("--report").and(predicates::str::contains("is a directory")),
        );
    assert!(!out.exists(), "nothing written");
}

#[test]
fn a_losing_arm_is_called_a_loss() {
    // Ballerup's case: the extra staff cost more than they save in every trial.
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("r.html");
    common::run_with_report("100", dir.path(), &page, &common::shipped("ballerup.toml"))
        .assert()
        .success();
    let html = read(&page);
    let doc = parse(&html).expect("well-formed");
    let headline = headlines(&doc)[0];
    assert!(
        headline.contains(" taber kommunen efter udligning netto "),
        "{headline}"
    );
    assert!(
        headline.contains(
            "0 % sandsynlighed for en gevinst; investeringen er ikke tjent hjem inden for 2 år."
        ),
        "{headline}"
    );
}
