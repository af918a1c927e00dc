//! A headless Chromium screenshot of `run --report` shows the charts: the fan's three bands,
//! the break-even bars and the occupancy fills are on the rendered page, in their colours. The
//! page is ISU's, whose arm breaks even in most trials, so the break-even bars are drawn.
//!
//! Skips, saying so on stderr, where Chromium is not installed; `.ci/run` installs it and sets
//! `KOHORT_REQUIRE_CHROMIUM=1`, which turns a missing browser into a failure. `KOHORT_CHROMIUM`
//! names a browser binary explicitly. The screenshot is kept in the test's target directory.

use crate::common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The browser: `KOHORT_CHROMIUM`, or the first Chromium or Chrome on the PATH.
fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("KOHORT_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    let names = [
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ];
    std::env::split_paths(&path)
        .flat_map(|dir| names.iter().map(move |n| dir.join(n)))
        .find(|p| p.is_file())
}

/// Screenshot `page` into `png` (900 px wide), headless, fetching nothing; at most 120 s.
fn screenshot(browser: &Path, page: &Path, png: &Path, profile: &Path) {
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--force-device-scale-factor=1",
            "--window-size=900,5200",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--screenshot={}", png.display()))
        .arg(format!("file://{}", page.display()))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start Chromium");
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            panic!("Chromium took over 120 s");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(png.is_file(), "Chromium wrote no screenshot");
}

/// The screenshot's pixels as RGB triples.
fn pixels(png: &Path) -> Vec<(u8, u8, u8)> {
    let file = std::io::BufReader::new(std::fs::File::open(png).unwrap());
    let mut reader = png::Decoder::new(file).read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let step = match info.color_type {
        png::ColorType::Rgb => 3,
        png::ColorType::Rgba => 4,
        other => panic!("unexpected PNG colour type {other:?}"),
    };
    buf[..info.buffer_size()]
        .chunks(step)
        .map(|p| (p[0], p[1], p[2]))
        .collect()
}

#[test]
fn a_screenshot_of_the_report_shows_the_charts() {
    let Some(browser) = chromium() else {
        assert!(
            std::env::var_os("KOHORT_REQUIRE_CHROMIUM").is_none(),
            "KOHORT_REQUIRE_CHROMIUM is set, but no Chromium is installed"
        );
        // Written straight to stderr, so it shows even though the test passes.
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED a_screenshot_of_the_report_shows_the_charts: Chromium is not installed \
             (apt-get install chromium, or set KOHORT_CHROMIUM to a browser)"
        );
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("rapport.html");
    common::run_with_report("300", dir.path(), &page, &common::shipped("isu.toml"))
        .assert()
        .success();
    let png = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("report-screenshot.png");
    let _ = std::fs::remove_file(&png);
    screenshot(&browser, &page, &png, &dir.path().join("profile"));
    let pixels = pixels(&png);
    let near = |a: (u8, u8, u8), b: (u8, u8, u8)| {
        a.0.abs_diff(b.0) <= 3 && a.1.abs_diff(b.1) <= 3 && a.2.abs_diff(b.2) <= 3
    };
    let model = kohort::scenario::load(&common::shipped("isu.toml")).unwrap();
    let state = |id: &str| kohort::report::state_rgb(model.state_index(id).unwrap());
    let mut colours = kohort::report::palette();
    colours.push(("occupancy: kontanthjælp", state("kontanthjaelp")));
    colours.push(("occupancy: job", state("job")));
    colours.push(("occupancy: førtidspension", state("foertidspension")));
    for (name, rgb) in colours {
        let count = pixels.iter().filter(|&&p| near(p, rgb)).count();
        // A chart's fill covers thousands of pixels; 300 rules out a legend swatch alone.
        assert!(
            count >= 300,
            "{name} {rgb:?}: only {count} pixels in {}",
            png.display()
        );
    }
    let white = pixels.iter().filter(|&&p| p == (255, 255, 255)).count();
    assert!(white < pixels.len(), "a blank page");
}
