//! The months that have happened: counts of the followed arm's citizens by state at the end
//! of a month (`month,state,count`), and optionally its expenditure (`month,perspective,kr`).

use std::path::Path;

use crate::datafile::DataFile;
use crate::error::Result;
use crate::model::Model;
use crate::perspective::Perspective;

/// One observed count.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Count {
    /// Month (1-based) at whose end the count was taken.
    pub month: u32,
    /// State index.
    pub state: usize,
    /// Citizens of the cohort in the state.
    pub count: f64,
    /// Line in the file, for errors found later.
    pub line: u64,
}

/// One observed month's net expenditure from one perspective, kr. (undiscounted, as paid).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spent {
    /// Month (1-based).
    pub month: u32,
    /// Whose expenditure.
    pub perspective: Perspective,
    /// Kr.
    pub kr: f64,
}

/// What was observed, in the order (month, state) resp. (month, perspective).
#[derive(Debug, Clone, Default)]
pub struct Actuals {
    /// The counts file, as given.
    pub file: String,
    /// Counts, sorted by month and state.
    pub counts: Vec<Count>,
    /// Expenditure, sorted by month and perspective (empty without `--expenditure`).
    pub spent: Vec<Spent>,
    /// Columns of the counts file that kohort does not use.
    pub ignored: Vec<String>,
}

impl Actuals {
    /// The last observed month T.
    pub fn last_month(&self) -> u32 {
        self.counts.iter().map(|c| c.month).max().unwrap_or(0)
    }
}

/// Read the counts file `path` (and the expenditure file `spent`) for `model`.
pub fn read(path: &Path, spent: Option<&Path>, model: &Model) -> Result<Actuals> {
    const COLUMNS: [&str; 3] = ["month", "state", "count"];
    let f = DataFile::read(path, "cannot read actuals", &COLUMNS)?;
    let mut counts: Vec<Count> = Vec::with_capacity(f.rows().len());
    for row in f.rows() {
        let id = f.text(&row.1, "state");
        let state = model.state_index(id).ok_or_else(|| {
            let ids: Vec<&str> = model.states.iter().map(|s| s.id.as_str()).collect();
            let message = format!("`{id}` is not a state of the scenario ({})", ids.join(", "));
            f.error(row.0, "state", &message)
        })?;
        let (month, count) = (
            f.month(row, model.months)?,
            f.whole(row, "count", 0)? as f64,
        );
        counts.push(Count {
            month,
            state,
            count,
            line: row.0,
        });
    }
    counts.sort_by_key(|c| (c.month, c.state));
    if let Some(w) = counts
        .windows(2)
        .find(|w| (w[0].month, w[0].state) == (w[1].month, w[1].state))
    {
        let message = format!(
            "month {} and state `{}` are also on line {}",
            w[1].month, model.states[w[1].state].id, w[0].line
        );
        return Err(f.error(w[1].line.max(w[0].line), "state", &message));
    }
    let spent = match spent {
        Some(p) => read_spent(p, model)?,
        None => Vec::new(),
    };
    Ok(Actuals {
        file: path.display().to_string(),
        counts,
        spent,
        ignored: f.extra_columns(&COLUMNS),
    })
}

/// Read an expenditure file `month,perspective,kr`.
fn read_spent(path: &Path, model: &Model) -> Result<Vec<Spent>> {
    let f = DataFile::read(
        path,
        "cannot read expenditure",
        &["month", "perspective", "kr"],
    )?;
    let mut spent = Vec::with_capacity(f.rows().len());
    for row in f.rows() {
        let id = f.text(&row.1, "perspective");
        let perspective = Perspective::from_id(id).ok_or_else(|| {
            let message = format!("`{id}` is not one of {}", Perspective::ids());
            f.error(row.0, "perspective", &message)
        })?;
        let month = f.month(row, model.months)?;
        if spent
            .iter()
            .any(|s: &Spent| (s.month, s.perspective) == (month, perspective))
        {
            let message = format!("month {month} and perspective `{id}` appear twice");
            return Err(f.error(row.0, "perspective", &message));
        }
        let kr = f.number(row, "kr")?;
        spent.push(Spent {
            month,
            perspective,
            kr,
        });
    }
    spent.sort_by_key(|s| (s.month, s.perspective as usize));
    Ok(spent)
}

/// Refuse actuals that count more citizens in a month than the followed arm can have: the
/// expected cohort then (start plus inflow, `arm_moves`' trace) with 6 standard deviations of
/// chance and 10 to spare. Counts of the whole jobcenter, not of the cohort, are the usual
/// cause; the error names the month's first row.
pub fn check_size(actuals: &Actuals, model: &Model, arm: usize) -> Result<()> {
    let trace = crate::expect::arm_moves(model, arm)?;
    let (n, fields) = (model.states.len(), crate::engine::shape(model, 1).fields());
    for month in 1..=actuals.last_month() {
        let rows: Vec<&Count> = actuals.counts.iter().filter(|c| c.month == month).collect();
        let counted: f64 = rows.iter().map(|c| c.count).sum();
        let start = (month as usize - 1) * fields;
        let expected: f64 = trace.records[start..start + n].iter().sum();
        if let Some(first) = rows.first()
            && counted > expected + 6.0 * expected.sqrt() + 10.0
        {
            return Err(crate::Error::Scenario {
                location: format!("{}:{}", actuals.file, first.line),
                message: format!(
                    "count: month {month} counts {counted} citizens, but the followed cohort has about {:.0} then (its start and inflow); count only the cohort's citizens",
                    expected
                ),
            });
        }
    }
    Ok(())
}
