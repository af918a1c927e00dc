//! The seed cases against what they published: `docs/cases.md` is generated from here (by the
//! test `tests/cases.rs`), never typed by hand.
//!
//! Each [`Check`] names a published figure, the same quantity computed from a shipped
//! scenario's simulation (mean and 90 % interval over its trials), and where the published
//! figure falls against that interval.

use std::fmt::Write;
use std::ops::Range;
use std::path::Path;

use crate::economics::{Ledgers, Money, Perspective};
use crate::engine::{Field, Results};
use crate::error::Result;
use crate::model::Model;
use crate::stats::Band;

/// One published figure against its simulated counterpart.
#[derive(Debug, Clone)]
pub struct Check {
    /// What is compared, with its horizon.
    pub quantity: String,
    /// The published figure, in the unit of `unit` (`None`: the seed reports none).
    pub published: Option<f64>,
    /// The simulated distribution, in the same unit.
    pub simulated: Band,
    /// "mio. kr.", "citizens" or "%".
    pub unit: &'static str,
}

/// A case: its scenario, its checks and what to make of them.
#[derive(Debug, Clone)]
pub struct Case {
    /// Heading.
    pub title: &'static str,
    /// Scenario file(s) under `scenarios/`.
    pub files: &'static str,
    /// The comparisons.
    pub checks: Vec<Check>,
    /// Reading of the comparison (why it matches or not), quoting the simulated figures.
    pub reading: String,
    /// The bridge from the case's figure to kohort's headline, per scenario with a `[case]`,
    /// as Markdown.
    pub bridges: Vec<String>,
}

/// A simulated scenario and the quantities the checks need, per trial.
struct Sim {
    model: Model,
    results: Results,
    ledgers: Ledgers,
    trials: usize,
    /// The bridge of the scenario's `[case]`, as Markdown (empty without one).
    bridge: String,
}

impl Sim {
    fn load(dir: &Path, file: &str) -> Result<Sim> {
        let (model, params) = crate::scenario::load_uncertain(&dir.join(file))?;
        let run = crate::psa::run(
            &model,
            &params,
            model.trials,
            model.seed,
            &crate::progress::Silent,
        );
        let bridge = crate::bridge::bridge(
            &model,
            &params,
            (model.trials, model.seed),
            &crate::progress::Silent,
            crate::budget::chunk_trials(&model),
        )?
        .map_or(String::new(), |b| bridge_markdown(file, &model, &b));
        Ok(Sim {
            trials: model.trials as usize,
            model,
            results: run.results,
            ledgers: run.ledgers,
            bridge,
        })
    }

    /// Months `from..=to` (1-based) as indices.
    fn months(from: u32, to: u32) -> Range<usize> {
        from as usize - 1..to as usize
    }

    /// Months of calendar year `year` (needs `start`).
    fn year(&self, year: i32) -> Range<usize> {
        let start = self.model.start.expect("a dated scenario");
        let ms: Vec<usize> = (1..=self.model.months)
            .filter(|&t| start.year_of(t) == year)
            .map(|t| t as usize - 1)
            .collect();
        ms[0]..ms[ms.len() - 1] + 1
    }

    fn band(&self, f: impl Fn(usize) -> f64) -> Band {
        let mut v: Vec<f64> = (0..self.trials).map(f).collect();
        Band::of(&mut v)
    }

    /// Arm 1's undiscounted net saving over `months` from perspective `p`, mio. kr.
    fn saving(&self, p: Perspective, months: Range<usize>) -> Band {
        let money = Money::new(&self.results, &self.ledgers, p);
        self.band(|i| money.savings_nominal_over(i, 1, months.clone()) / 1e6)
    }

    /// The net saving on the headline's basis over `months`, as a check with no published
    /// figure.
    fn headline(&self, months: Range<usize>, what: &str) -> Check {
        let p = self.model.headline;
        Check {
            quantity: format!("{what}, on the headline's basis ({})", p.label(false)),
            published: None,
            simulated: self.saving(p, months),
            unit: "mio. kr.",
        }
    }

    /// Benefits net of refusion saved by arm 1 over `months`, mio. kr., trial by trial.
    fn benefit_savings(&self, months: Range<usize>) -> Vec<f64> {
        let s = &self.results.shape;
        let net = |i: usize, a, m: usize| {
            let (rec, ledger) = (self.results.record(i, a, m), self.ledgers.get(i));
            let b: f64 = rec[..s.states]
                .iter()
                .zip(&ledger.states)
                .map(|(n, st)| n * st.benefit)
                .sum();
            ledger.index[m] * (b - rec[s.states + Field::Refusion as usize])
        };
        (0..self.trials)
            .map(|i| {
                months
                    .clone()
                    .map(|m| net(i, 0, m) - net(i, 1, m))
                    .sum::<f64>()
                    / 1e6
            })
            .collect()
    }

    /// [`Sim::benefit_savings`] as a band.
    fn benefit_saving(&self, months: Range<usize>) -> Band {
        Band::of(&mut self.benefit_savings(months))
    }

    /// Extra staffing and intervention cost of arm 1 over `months`, mio. kr.
    fn investment(&self, months: Range<usize>) -> Band {
        let s = &self.results.shape;
        let inv = |i, a, m| {
            self.ledgers
                .get(i)
                .investment(s, self.results.record(i, a, m), m)
        };
        self.band(|i| {
            months
                .clone()
                .map(|m| inv(i, 1, m) - inv(i, 0, m))
                .sum::<f64>()
                / 1e6
        })
    }

    /// Citizens of `arm` in `states` after month `t`, in trial `i`.
    fn count(&self, i: usize, arm: usize, states: &[&str], t: u32) -> f64 {
        states
            .iter()
            .map(|s| self.model.state_index(s).expect("a state of the case"))
            .map(|s| self.results.occupancy(i, arm, t as usize - 1, s))
            .sum()
    }

    /// Citizens of `arm` in `states` after month `t`.
    fn occupancy(&self, arm: usize, states: &[&str], t: u32) -> Band {
        self.band(|i| self.count(i, arm, states, t))
    }

    /// Arm 1 minus the baseline in `states` after month `t`.
    fn extra(&self, states: &[&str], t: u32) -> Band {
        self.band(|i| self.count(i, 1, states, t) - self.count(i, 0, states, t))
    }
}

/// The bridge of `file`'s case as a Markdown table (English words of the faces), with the
/// implied effect.
fn bridge_markdown(file: &str, model: &Model, b: &crate::bridge::Bridge) -> String {
    use crate::words::Lang;
    use crate::words::bridge as words;
    let mut out = format!(
        "Bridge (`{file}`, `kohort run`'s headline run): from the case's figure to kohort's, \
one step at a time on the same citizens and random numbers; mio. kr., mean and 90 % interval \
over trials. {}\n\n| bar | mio. kr. | 90 % interval | what it includes |\n|---|---:|---:|---|\n",
        words::implied(Lang::En, b)
    );
    for v in b.bars() {
        let interval = v.interval.map_or("—".to_string(), |(lo, hi)| {
            format!("{} to {}", fmt(lo / 1e6), fmt(hi / 1e6))
        });
        let _ = writeln!(
            out,
            "| {} | {} | {interval} | {} |",
            words::label(Lang::En, v.bar),
            fmt(v.mean / 1e6),
            words::includes(Lang::En, model, b, v.bar)
        );
    }
    out
}

mod published;

pub use published::all;

fn check(quantity: &str, published: f64, simulated: Band, unit: &'static str) -> Check {
    Check {
        quantity: quantity.to_string(),
        published: Some(published),
        simulated,
        unit,
    }
}

/// Mean of check `i`, formatted.
fn mean(checks: &[Check], i: usize) -> String {
    fmt(checks[i].simulated.mean)
}

/// `docs/cases.md` for `cases`.
pub fn markdown(cases: &[Case]) -> String {
    let mut out = String::from(
        "# The seed cases: published against simulated\n\n\
Generated by `KOHORT_BLESS=1 cargo test --release cases::` from the scenarios in \
`scenarios/` (each with its default trials and seed, uncertain parameters drawn per trial as \
`kohort run` does); do not edit by hand. Simulated figures are \
the mean and 90 % interval over trials; money is undiscounted, as the cases report it, and \
in each case's own year's rules and prices (its scenario's base file). Each money figure is \
compared on the basis the case published — most count forsørgelse only: benefits net of \
refusion, staff and offers, no tax — and shown again on kohort's headline basis, the \
municipality after udligning (tax on wages and transfers counted, 25 % of a change in \
kommuneskat kept). Every case runs on the research's caseload effect (job elasticity near 0.1 \
with real mass at zero; docs/evidence.md), not on the effect the case hoped for. Where a case \
cannot be matched with plausible parameters, the reading says so and why — no parameter was \
tuned to hit a published number. Under each case, the bridge: the case's own arithmetic (its \
spreadsheet, reproduced where it published enough), the effect its expectation implies against \
the research's, and each model change from there to kohort's headline, the steps adding up to \
it exactly.\n",
    );
    for case in cases {
        let _ = write!(out, "\n## {}\n\nScenario: `{}`\n\n", case.title, case.files);
        out.push_str("| quantity | published | simulated mean | 90 % interval | published vs interval |\n|---|---:|---:|---:|---|\n");
        for c in &case.checks {
            let (lo, hi) = (c.simulated.at(0.05), c.simulated.at(0.95));
            let verdict = match c.published {
                None => "—",
                Some(p) if p < lo => "below",
                Some(p) if p > hi => "above",
                Some(_) => "inside",
            };
            let published = c
                .published
                .map_or("—".to_string(), |p| format!("{} {}", fmt(p), c.unit));
            let interval = if lo == hi {
                "—".to_string()
            } else {
                format!("{} to {}", fmt(lo), fmt(hi))
            };
            let _ = writeln!(
                out,
                "| {} | {published} | {} {u} | {interval} | {verdict} |",
                c.quantity,
                fmt(c.simulated.mean),
                u = c.unit
            );
        }
        let _ = write!(out, "\n{}\n", case.reading);
        for b in &case.bridges {
            let _ = write!(out, "\n{b}");
        }
    }
    out
}

fn fmt(x: f64) -> String {
    if x.abs() >= 100.0 {
        format!("{x:.0}")
    } else {
        format!("{x:.2}")
    }
}
