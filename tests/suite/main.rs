//! The integration tests, one binary (one link, not one per file): each module is one
//! former test file, named for what it tests.

mod common;

mod bridge;
mod calendar;
mod calibrate;
mod calibrate_spells;
mod cases;
mod charts;
mod chunks;
mod cli;
mod cohort_file;
mod commit;
mod duration;
mod economics;
mod effects;
mod expect;
mod expectation;
mod flows;
mod follow;
mod follow_cli;
mod fuzz;
mod hostile;
mod invariants;
mod refusion;
mod report;
pub(crate) mod robustness;
mod scenario_format;
mod screenshot;
mod segment_outputs;
mod segments;
mod staffing;
mod threshold;
mod tornado;
mod uncertainty;
mod years;
