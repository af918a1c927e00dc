//! The price level of a scenario's amounts and their regulation each January.

/// The price level of a scenario's kr. amounts and their regulation each January.
///
/// Every amount (benefits, wages, tax allowances, caseworker and intervention costs) is in the
/// prices of `year`. With no regulation the run is in fixed prices; with it, month t's amounts
/// are multiplied by index(y) = Π_{k = year+1}^{y} (1 + r_k) for its calendar year y (and
/// divided likewise for years before `year`): one rate for all amounts, the
/// satsreguleringsprocent being the wage growth the others follow too.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Prices {
    /// The year whose prices the amounts are in, if stated.
    pub year: Option<i32>,
    /// Regulation rates by calendar year, for the years given.
    pub by_year: Vec<(i32, f64)>,
    /// The rate of every other year (`None` with no `by_year`: fixed prices).
    pub rate: Option<f64>,
}

impl Prices {
    /// True when amounts are not regulated.
    pub fn fixed(&self) -> bool {
        self.rate.is_none() && self.by_year.is_empty()
    }

    /// The regulation rate of calendar year `y`.
    fn rate_of(&self, y: i32) -> f64 {
        self.by_year
            .iter()
            .find(|(k, _)| *k == y)
            .map_or(self.rate.unwrap_or(0.0), |&(_, r)| r)
    }

    /// The price index of calendar year `y` against `year` (1 in fixed prices).
    pub fn index(&self, y: i32) -> f64 {
        let Some(base) = self.year.filter(|_| !self.fixed()) else {
            return 1.0;
        };
        if y >= base {
            (base + 1..=y).map(|k| 1.0 + self.rate_of(k)).product()
        } else {
            (y + 1..=base)
                .map(|k| 1.0 / (1.0 + self.rate_of(k)))
                .product()
        }
    }
}
