//! The trace's citizen statuses and how citizens join it (the starting cohort and arrivals).

use std::collections::BTreeMap;

use crate::engine::{NONE, Offer};
use crate::model::{Arrivals, Model, Prior};

/// A prior's months on benefits as (weight, months): one value, or a table.
pub(super) fn prior_months(prior: &Prior) -> Vec<(f64, u32)> {
    match prior {
        Prior::Fixed(m) => vec![(1.0, *m)],
        Prior::Table(t) => t.iter().map(|&(m, w)| (w, m)).collect(),
    }
}

/// A citizen status: what the engine keeps of a citizen that matters for its future, with the
/// clock capped at K.
#[derive(Debug, Clone, Copy)]
pub(super) struct Status {
    pub(super) state: u8,
    pub(super) clock: u16,
    pub(super) slot: u8,
    pub(super) offer: Offer,
    /// Completed months in `state`, capped at its last duration band's start.
    pub(super) dur: u16,
    /// Segment.
    pub(super) seg: u8,
}

/// A [`Status`] as an ordered map key.
pub(super) type Key = (u8, u16, u8, u8, u16, u8, u8, u32, u16, u8);

impl Status {
    pub(super) fn new((state, seg): (u8, u8), clock: u16, dur: u16) -> Status {
        Status {
            state,
            clock,
            slot: 0,
            offer: Offer::default(),
            dur,
            seg,
        }
    }

    /// The engine's row group: segment · bands + duration band.
    pub(super) fn group(&self, model: &Model) -> usize {
        let band = model.duration[self.state as usize].band(self.dur as u32);
        self.seg as usize * model.bands() + band
    }

    /// The key; months in an intervention without a limit are all alike (the pass only asks
    /// whether they are below `max_months`), so they collapse to 1 — without this, statuses
    /// grow with the horizon and the trace with its square.
    pub(super) fn key(&self, model: &Model) -> Key {
        let o = &self.offer;
        let unlimited = o.iv != NONE && model.interventions[o.iv as usize].max_months == u32::MAX;
        let iv_months = if unlimited { 1 } else { o.iv_months };
        (
            self.state, self.clock, self.slot, o.iv, iv_months, o.decay, o.decay_iv, o.used,
            self.dur, self.seg,
        )
    }

    pub(super) fn of(k: Key) -> Status {
        let offer = Offer {
            used: k.7,
            iv_months: k.4,
            iv: k.3,
            decay: k.5,
            decay_iv: k.6,
        };
        Status {
            state: k.0,
            clock: k.1,
            slot: k.2,
            offer,
            dur: k.8,
            seg: k.9,
        }
    }
}

/// Completed months in state `s` as the trace keeps them: capped at its last band's start.
pub(super) fn dur_cap(model: &Model, s: usize, months: u32) -> u16 {
    let last = *model.duration[s].starts.last().expect("a band");
    months.min(last) as u16
}

/// Add `mass` citizens of segment `seg` starting in state `s` with prior months `prior`
/// (weight, months): the clock counts at most `counted` of them (§ 30), capped at `cap`; all
/// of them are months in `s` for its duration bands.
pub(super) fn add(
    model: &Model,
    v: &mut BTreeMap<Key, f64>,
    ((s, seg), mass): ((usize, usize), f64),
    prior: &[(f64, u32)],
    (counted, cap): (u32, usize),
) {
    // Weights of equal statuses are summed before the mass is applied.
    let mut weights: BTreeMap<(u16, u16), f64> = BTreeMap::new();
    for &(w, months) in prior.iter().filter(|p| p.0 > 0.0) {
        let clock = (months.min(counted) as usize).min(cap) as u16;
        *weights
            .entry((clock, dur_cap(model, s, months)))
            .or_default() += w;
    }
    for ((clock, dur), w) in weights {
        let status = Status::new((s as u8, seg as u8), clock, dur);
        *v.entry(status.key(model)).or_default() += mass * w;
    }
}

/// Expected arrivals of month index `m` join `v`.
pub(super) fn arrive(model: &Model, m: usize, cap: usize, v: &mut BTreeMap<Key, f64>) {
    let Some(f) = &model.inflow else { return };
    let count = match &f.arrivals {
        Arrivals::Poisson(mean) => *mean,
        Arrivals::Counts(c) => c[m.min(c.len() - 1)] as f64,
    };
    let prior = prior_months(&f.prior);
    let counted = model.refusion.prior_cap(model.start, m);
    let one = [1.0];
    let segments = if f.segments.is_empty() {
        &one[..]
    } else {
        &f.segments
    };
    for (s, &share) in f.initial.iter().enumerate() {
        for (g, &part) in segments.iter().enumerate() {
            if share > 0.0 && part > 0.0 {
                add(
                    model,
                    v,
                    ((s, g), count * share * part),
                    &prior,
                    (counted, cap),
                );
            }
        }
    }
}
