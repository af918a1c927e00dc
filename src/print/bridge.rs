//! The terminal's bridge: from the case's published figure to kohort's headline, bar by bar,
//! in the words of [`crate::words::bridge`].

use std::fmt::Write;

use crate::bridge::Bar;
use crate::bridge::Bridge;
use crate::model::Model;
use crate::words::Lang;
use crate::words::bridge as words;

/// The bridge as a table (mio. kr.: mean and 90 % interval) and the implied effect.
pub fn bridge_table(model: &Model, b: &Bridge) -> String {
    let lang = Lang::En;
    // Whole hundredths of a million, never "-0.00".
    let m = |x: f64| match x / 1e6 {
        v if v.abs() < 0.005 => "0.00".to_string(),
        v => format!("{v:.2}"),
    };
    let mut out = format!(
        "From the published case to kohort's figure — {} (mio. kr.; each step on the same citizens and random numbers, mean and 90 % interval):\n",
        b.case.figure
    );
    for v in b.bars() {
        let (bar, mean, band) = (v.bar, v.mean, v.interval);
        let sign = match bar {
            Bar::Step(_) => "+ ",
            Bar::Headline => "= ",
            _ => "  ",
        };
        let interval = band.map_or(String::new(), |(lo, hi)| {
            format!("  ({} to {})", m(lo), m(hi))
        });
        let _ = writeln!(
            out,
            "{sign}{:<48} {:>8}{interval}",
            words::label(lang, bar),
            m(mean)
        );
    }
    let _ = writeln!(
        out,
        "The case's own arithmetic: {}",
        words::includes(lang, model, b, Bar::Arithmetic)
    );
    let _ = writeln!(out, "{}", words::implied(lang, b));
    out.push_str("What each step includes: bridge.csv and the report.\n");
    out
}
