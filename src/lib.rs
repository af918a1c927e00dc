//! kohort: a Monte Carlo cohort simulator for Danish municipal investment cases.
//!
//! A scenario ([`scenario`]) describes a cohort of citizens moving monthly between states
//! (kontanthjælp, job, fleksjob, …) with transition probabilities that depend on the caseload.
//! The [`engine`] runs many independent trials of every arm with common random numbers; [`stats`]
//! and [`summary`] turn the trials into bands, savings distributions and break-even months;
//! [`export`] writes them as CSV.
#![deny(missing_docs)]

pub mod calendar;
pub mod datafile;
pub mod error;
pub mod model;
pub mod perspective;
pub mod rng;
pub mod scenario;
pub mod source;
pub mod textfile;

pub use error::{Error, Result};
pub use model::Model;
pub mod answers;
pub mod bridge;
pub mod budget;
pub mod calibrate;
pub mod cases;
pub mod cli;
pub mod compare;
pub mod economics;
pub mod effects;
pub mod engine;
pub mod expect;
pub mod export;
pub mod follow;
pub mod hazard;
pub mod print;
pub mod progress;
pub mod psa;
pub mod refusion;
pub mod report;
pub mod stats;
pub mod summary;
pub mod sweep;
pub mod tax;
pub mod threshold;
pub mod tornado;
pub mod uncertainty;
pub mod words;
