//! The bars of the bridge: the published figure, the case's arithmetic, the steps in their
//! order, and the headline — ids only; their words are the faces' ([`crate::words::bridge`]).

use super::Bridge;

/// A step of the bridge, in its order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// The case's outcome as the model reaches it (timing, returns, other moves).
    Path,
    /// Those who would have left anyway (deadweight): 0 for a net case.
    Deadweight,
    /// Staff as hired instead of the case's cost lines.
    Staff,
    /// Offers' cost and one-off move costs.
    Offers,
    /// Refusion: the state's share of the benefits.
    Refusion,
    /// From forsørgelse to the headline's perspective (tax and udligning).
    Perspective,
    /// The scenario's own effect instead of the implied one.
    Effect,
    /// The whole horizon instead of the case's months.
    Horizon,
    /// Discounting.
    Discounting,
}

/// Every step, in order.
pub const STEPS: [Step; 9] = [
    Step::Path,
    Step::Deadweight,
    Step::Staff,
    Step::Offers,
    Step::Refusion,
    Step::Perspective,
    Step::Effect,
    Step::Horizon,
    Step::Discounting,
];

impl Step {
    /// The id in `bridge.csv`.
    pub fn id(self) -> &'static str {
        match self {
            Step::Path => "path",
            Step::Deadweight => "deadweight",
            Step::Staff => "staff",
            Step::Offers => "offers",
            Step::Refusion => "refusion",
            Step::Perspective => "tax_udligning",
            Step::Effect => "effect",
            Step::Horizon => "horizon",
            Step::Discounting => "discounting",
        }
    }
}

/// The bars before and after the steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bar {
    /// The figure the case published.
    Published,
    /// The case's own arithmetic.
    Arithmetic,
    /// A step.
    Step(Step),
    /// kohort's headline.
    Headline,
}

impl Bar {
    /// The id in `bridge.csv`.
    pub fn id(self) -> &'static str {
        match self {
            Bar::Published => "published",
            Bar::Arithmetic => "arithmetic",
            Bar::Step(s) => s.id(),
            Bar::Headline => "headline",
        }
    }
}

/// A bar's value: its mean over trials (kr.) and, when simulated, its 90 % interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BarValue {
    /// Which bar.
    pub bar: Bar,
    /// Mean, kr. (the published figure and the arithmetic are single numbers).
    pub mean: f64,
    /// 5th and 95th percentile over trials, kr., for the simulated bars.
    pub interval: Option<(f64, f64)>,
}

impl Bridge {
    /// Every bar in order: the published figure, the arithmetic, each step, the headline.
    pub fn bars(&self) -> Vec<BarValue> {
        let fixed = |bar, mean| BarValue {
            bar,
            mean,
            interval: None,
        };
        let band = |bar, b: &crate::stats::Band| BarValue {
            bar,
            mean: b.mean,
            interval: Some((b.at(0.05), b.at(0.95))),
        };
        let mut out = vec![
            fixed(Bar::Published, self.case.published),
            fixed(Bar::Arithmetic, self.arithmetic),
        ];
        out.extend(self.steps.iter().map(|(s, b)| band(Bar::Step(*s), b)));
        out.push(band(Bar::Headline, &self.headline));
        out
    }
}
