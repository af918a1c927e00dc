//! What a run answers beside its distribution, bundled for the faces that show it.

use crate::bridge::Bridge;
use crate::threshold::{Chance, RatioThreshold};

/// What a run answers beside its distribution, for the faces that show it: the bridge from
/// the published case, the chance of a gain against the effect, and offers' break-even ratio.
#[derive(Debug, Clone, Copy, Default)]
pub struct Answers<'a> {
    /// The bridge, when the scenario states a `[case]`.
    pub bridge: Option<&'a Bridge>,
    /// Where each staffing arm's P(gain) reaches 50 % and 80 %.
    pub chances: &'a [Chance],
    /// The break-even job hazard ratio of each arm whose effect is its offers'.
    pub ratios: &'a [RatioThreshold],
}
