//! Per-trial results: everything the bands and summaries need, and nothing more.
//!
//! Layout: one flat `Vec<f64>` indexed `[trial][arm][month][field]`. A month's fields are the
//! occupancy of each state (after the month's moves), then [`Field`]s — `cases` (c_t, at the
//! start of the month), `caseload`, `caseworkers`, and the money the engine must add up citizen
//! by citizen (refusion, intervention costs, one-off move costs, kr., undiscounted) — then the
//! participants of each intervention. Everything else (benefits, tax, perspectives) is linear
//! in these and derived in [`crate::economics`].
//!
//! With segments, the record goes on with one block of the same fields per segment: the
//! segment's citizens, its cases, the arm's caseload, its share of the caseworkers (by its
//! share of the cases) and its citizens' money. The first block is the whole arm's, the sum
//! of the segments' blocks (the caseload aside). [`Results::segment`] gives one segment's
//! results, which every summary reads as it reads the whole arm's.
//! Memory: trials · arms · months · (states + 6 + interventions) · (1 + segments) · 8 bytes;
//! e.g. 10,000 trials × 2 arms × 120 months × 12 fields = 230 MB.

/// Index of a field within a month's record, after the per-state occupancies.
#[derive(Debug, Clone, Copy)]
pub enum Field {
    /// c_t: citizens in case states at the start of the month.
    Cases = 0,
    /// Cases per caseworker in the month.
    Caseload = 1,
    /// Caseworkers in the month (may be fractional).
    Caseworkers = 2,
    /// Refusion the state pays the municipality this month, kr.
    Refusion = 3,
    /// Intervention costs this month (per participant-month and at entry), kr.
    Interventions = 4,
    /// One-off move costs this month (negative: gains), kr.
    OneOff = 5,
}

/// Number of [`Field`]s after the occupancies.
pub const EXTRA_FIELDS: usize = 6;

/// The shape of a result set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    /// Trials.
    pub trials: usize,
    /// Arms, baseline first.
    pub arms: usize,
    /// Months H.
    pub months: usize,
    /// States.
    pub states: usize,
    /// Interventions in the model.
    pub interventions: usize,
    /// Segment blocks after the whole arm's (0 without segments).
    pub segments: usize,
}

impl Shape {
    /// Values in one block of a month's record: the whole arm's, or a segment's.
    pub fn block(&self) -> usize {
        self.states + EXTRA_FIELDS + self.interventions
    }

    /// Values in one month's record: the whole arm's block, then each segment's.
    pub fn fields(&self) -> usize {
        self.block() * (1 + self.segments)
    }

    /// Values per trial.
    pub fn per_trial(&self) -> usize {
        self.arms * self.months * self.fields()
    }

    /// Offset of (trial, arm, month index 0..H) in the flat data.
    pub fn offset(&self, trial: usize, arm: usize, month: usize) -> usize {
        ((trial * self.arms + arm) * self.months + month) * self.fields()
    }
}

/// All trials of a run.
#[derive(Debug, Clone)]
pub struct Results {
    /// The shape of `data`.
    pub shape: Shape,
    /// `[trial][arm][month][field]`, see the module docs.
    pub data: Vec<f64>,
}

impl Results {
    /// The record of (trial, arm, month index 0..H).
    pub fn record(&self, trial: usize, arm: usize, month: usize) -> &[f64] {
        let o = self.shape.offset(trial, arm, month);
        &self.data[o..o + self.shape.fields()]
    }

    /// Occupancy of `state` in the record.
    pub fn occupancy(&self, trial: usize, arm: usize, month: usize, state: usize) -> f64 {
        self.record(trial, arm, month)[state]
    }

    /// A field after the occupancies.
    pub fn field(&self, trial: usize, arm: usize, month: usize, field: Field) -> f64 {
        self.record(trial, arm, month)[self.shape.states + field as usize]
    }

    /// The results of the arms `arms` only, in that order (e.g. `[0, best]` of a sweep).
    pub fn select(&self, arms: &[usize]) -> Results {
        let shape = Shape {
            arms: arms.len(),
            ..self.shape
        };
        let span = self.shape.months * self.shape.fields();
        let mut data = Vec::with_capacity(shape.trials * shape.per_trial());
        for i in 0..shape.trials {
            for &a in arms {
                let o = self.shape.offset(i, a, 0);
                data.extend_from_slice(&self.data[o..o + span]);
            }
        }
        Results { shape, data }
    }

    /// The results of segment `g`'s citizens alone, shaped as a run without segments.
    pub fn segment(&self, g: usize) -> Results {
        assert!(
            g < self.shape.segments,
            "segment {g} of {}",
            self.shape.segments
        );
        let shape = Shape {
            segments: 0,
            ..self.shape
        };
        let (block, fields) = (shape.block(), self.shape.fields());
        let data = self
            .data
            .chunks_exact(fields)
            .flat_map(|rec| &rec[(1 + g) * block..][..block])
            .copied()
            .collect();
        Results { shape, data }
    }

    /// Participants of intervention `iv` at the start of the month.
    pub fn participants(&self, trial: usize, arm: usize, month: usize, iv: usize) -> f64 {
        self.record(trial, arm, month)[self.shape.states + EXTRA_FIELDS + iv]
    }
}
