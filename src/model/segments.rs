//! Segments: subgroups of the cohort with their own transition rows, hazard multipliers and
//! caseload elasticities, which an intervention may serve alone.
//!
//! A model without `[segments]` has one implicit segment: the model itself. A segment's rows,
//! multipliers and elasticities apply to its citizens in every arm; each citizen keeps its
//! segment for the whole horizon, and its draws are the same in every arm.

/// A segment of the cohort.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    /// Id from the file.
    pub id: String,
    /// Human label.
    pub label: String,
    /// Share of the starting cohort (of every starting state) when the cohort is not read
    /// from a file.
    pub share: f64,
    /// The segment's own transition row of each state, where it has one (the model's
    /// otherwise, so a drawn model row reaches every segment that does not override it).
    pub rows: Vec<Option<Vec<f64>>>,
    /// Hazard multiplier by destination, on every move into it.
    pub hazard: Vec<f64>,
    /// The segment's own caseload elasticities by destination, if it has them.
    pub elasticity: Option<Vec<f64>>,
}

/// The cohort file a model's starting cohort was read from (for `check`).
#[derive(Debug, Clone, PartialEq)]
pub struct CohortFile {
    /// The file, as resolved from the scenario.
    pub path: String,
    /// Data rows read.
    pub rows: usize,
    /// Columns kohort does not read, in file order.
    pub extra_columns: Vec<String>,
}

/// Citizens of the starting cohort alike at month 1: in one state and segment, with the same
/// prior months (or the cohort's `prior_months`).
#[derive(Debug, Clone, PartialEq)]
pub struct StartGroup {
    /// State index.
    pub state: usize,
    /// Segment index (0 without segments).
    pub segment: usize,
    /// Citizens.
    pub count: u32,
    /// Months on benefits before month 1 (the refusion clock and the months in `state`);
    /// `None`: drawn from the cohort's `prior_months`.
    pub months: Option<u32>,
}
