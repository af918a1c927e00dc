//! Checking `[duration.<state>]`: band starts and the hazard multipliers of each band.

use super::checks::state_index;
use super::raw::RawScenario;
use crate::error::Result;
use crate::model::{Duration, MAX_BANDS, State};
use crate::source::Source;

/// The largest duration multiplier: a hazard 1,000 times its base.
const MAX_MULTIPLIER: f64 = 1000.0;

/// Every state's bands: its `[duration]` table, or one band of 1s. `transitions` must be
/// checked already: a multiplier on a move the state cannot make is refused.
pub fn duration(
    src: &Source,
    raw: &RawScenario,
    states: &[State],
    transitions: &[Vec<f64>],
) -> Result<Vec<Duration>> {
    let n = states.len();
    let mut all = vec![Duration::none(n); n];
    for (key, d) in &raw.duration {
        let s = state_index(src, states, key, "duration state")?;
        let d_ref = d.get_ref();
        let months = d_ref.months.get_ref();
        let starts_ok = months.first() == Some(&0)
            && months.windows(2).all(|w| w[0] < w[1])
            && months.iter().all(|&m| (0..=1200).contains(&m))
            && months.len() <= MAX_BANDS;
        if !starts_ok {
            return Err(src.error(
                d_ref.months.span(),
                format!("[duration.{}] months must start at 0 and increase (whole months, at most {MAX_BANDS} bands), e.g. [0, 6, 12, 24]", key.get_ref()),
            ));
        }
        let bands = months.len();
        let mut multipliers = vec![vec![1.0; n]; bands];
        for (to, values) in &d_ref.hazard {
            let j = state_index(src, states, to, "duration destination")?;
            if transitions[s][j] == 0.0 {
                return Err(src.error(
                    to.span(),
                    format!(
                        "`{}` never moves to `{}` ([transitions.{}] has no `{}`): there is no hazard to multiply",
                        key.get_ref(), to.get_ref(), key.get_ref(), to.get_ref()
                    ),
                ));
            }
            let v = values.get_ref();
            if v.len() != bands {
                return Err(src.error(
                    values.span(),
                    format!(
                        "one multiplier per band: `months` has {bands}, this has {}",
                        v.len()
                    ),
                ));
            }
            if let Some(x) = v.iter().find(|x| !(0.0..=MAX_MULTIPLIER).contains(*x)) {
                return Err(src.error(
                    values.span(),
                    format!("a duration multiplier must be in [0, {MAX_MULTIPLIER}], got {x}"),
                ));
            }
            for (b, &x) in v.iter().enumerate() {
                multipliers[b][j] = x;
            }
        }
        all[s] = Duration {
            starts: months.iter().map(|&m| m as u32).collect(),
            multipliers,
        };
    }
    Ok(all)
}
