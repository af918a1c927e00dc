//! `kohort compare` on the terminal: one line per scenario, the same perspective throughout.

use std::fmt::Write;

use super::{mio, month, percent};
use crate::compare::CompareRow;
use crate::economics::Perspective;

/// The comparison table: per scenario its arm, what the arm does, the mean total saving, its
/// 90 % interval, P(gain), break-even and ROI, from perspective `p`.
pub fn compare_table(rows: &[CompareRow], p: Perspective) -> String {
    let mut out = format!(
        "Each scenario's first arm against its own baseline: total net saving for {} over each scenario's horizon, mio. kr., discounted.\n",
        p.label(false)
    );
    let _ = writeln!(
        out,
        "{:<28} {:<40} {:>7} {:>9} {:>19} {:>8} {:>13} {:>6}",
        "scenario",
        "arm: what it does",
        "months",
        "mean",
        "90 % interval",
        "P(gain)",
        "break-even",
        "ROI"
    );
    for r in rows {
        let s = &r.summary;
        let b = &s.savings_total;
        let does = format!("{}: {}", r.arm, r.does);
        let _ = writeln!(
            out,
            "{:<28} {:<40} {:>7} {:>9} {:>19} {:>8} {:>13} {:>6}",
            clip(&r.file, 28),
            clip(&does, 40),
            r.months,
            mio(b.mean),
            format!("{} to {}", mio(b.at(0.05)), mio(b.at(0.95))),
            percent(s.p_gain),
            month(s.breakeven_p50, r.months),
            s.roi.map_or("-".to_string(), |x| format!("{x:.2}")),
        );
    }
    out.push_str("The horizons, cohorts and prices are each scenario's own: compare P(gain) and the intervals, and read a mean against its horizon.\n");
    out
}

/// `text` cut to `width` characters, with `…` when cut.
fn clip(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_string();
    }
    let mut t: String = text.chars().take(width - 1).collect();
    t.push('…');
    t
}
