//! Danish personal income tax of one month's income, split by who receives it: the
//! municipality (kommuneskat) or the state (AM-bidrag, bundskat, sundhedsbidrag).
//!
//! Transfers are taxable (kontanthjælp, ressourceforløbsydelse, ledighedsydelse,
//! førtidspension, fleksløntilskud, SU), so the municipality's gain from a move into work is
//! the *change* in kommuneskat, not the tax on the whole wage. For a month with gross wage w and
//! taxable transfers b (kr.), and the year's rules (annual amounts divided by 12):
//!
//! ```text
//! AM-bidrag            A = am · w                                   (wages only; state)
//! personal income      P = w − A + b
//! beskæftigelsesfradrag F = min(rate_F · w, max_F / 12)             (on wages incl. AM-bidrag)
//! jobfradrag           J = min(rate_J · max(0, w − threshold_J/12), max_J / 12)
//! skattepligtig        S = P − F − J
//! kommuneskat          K = kommuneskat · max(0, S − personfradrag/12)         (municipality)
//! sundhedsbidrag       H = sundhedsbidrag · max(0, S − personfradrag/12)      (state; 0 from 2019)
//! bundskat             Bs = bundskat · max(0, P − personfradrag/12)           (state)
//! ```
//!
//! Sources: personskatteloven §§ 5–10 (bundskat, personfradrag), ligningsloven § 9 J
//! (beskæftigelsesfradrag, computed on income including AM-bidrag) and § 9 K (jobfradrag),
//! arbejdsmarkedsbidragsloven § 2; rates and amounts by year from Skatteministeriet
//! (docs/sources.md). Left out: kirkeskat (not the municipality's), topskat (no one in these
//! states reaches it), and the rule that moves an unused skatteværdi of the personfradrag
//! between taxes (it matters only for monthly incomes below the personfradrag, ≈ 4,100 kr.).
//! Treating each month as a twelfth of a year is exact for a citizen whose income is the same
//! all year, and an approximation for one who moves mid-year.

/// One year's tax rules. Rates are shares; amounts are kr. per year.
#[derive(Debug, Clone, PartialEq)]
pub struct TaxRules {
    /// The municipality's income tax rate (kommuneskatteprocent), e.g. 0.2507.
    pub kommuneskat: f64,
    /// The state's bundskat on personal income.
    pub bundskat: f64,
    /// The state's sundhedsbidrag on taxable income (phased out: 4 % in 2015, 0 from 2019).
    pub sundhedsbidrag: f64,
    /// Arbejdsmarkedsbidrag on wages (8 %).
    pub am_bidrag: f64,
    /// Personfradrag, kr. a year.
    pub personfradrag: f64,
    /// Beskæftigelsesfradrag: share of the wage, and the most it can be, kr. a year.
    pub beskaeftigelse: Fradrag,
    /// Jobfradrag (from 2018): share of the wage above a threshold, and its maximum.
    pub job: Fradrag,
}

/// A fradrag of `rate` × (wage − `threshold`), at most `max` (kr. a year).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Fradrag {
    /// Share of the wage above the threshold.
    pub rate: f64,
    /// Annual wage above which the rate applies, kr. (0 for the beskæftigelsesfradrag).
    pub threshold: f64,
    /// Largest fradrag, kr. a year.
    pub max: f64,
}

impl Fradrag {
    /// The fradrag of a month with gross wage `wage` (kr.).
    fn monthly(&self, wage: f64) -> f64 {
        (self.rate * (wage - self.threshold / 12.0).max(0.0)).min(self.max / 12.0)
    }
}

/// The tax of one month's income, kr.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct MonthTax {
    /// Kommuneskat: the municipality's.
    pub kommune: f64,
    /// AM-bidrag, bundskat and sundhedsbidrag: the state's.
    pub state: f64,
}

impl TaxRules {
    /// No tax at all (a scenario that counts no tax).
    pub fn none() -> TaxRules {
        TaxRules {
            kommuneskat: 0.0,
            bundskat: 0.0,
            sundhedsbidrag: 0.0,
            am_bidrag: 0.0,
            personfradrag: 0.0,
            beskaeftigelse: Fradrag::default(),
            job: Fradrag::default(),
        }
    }

    /// The tax of a month with gross wage `wage` and taxable transfers `transfers` (kr.).
    pub fn month(&self, wage: f64, transfers: f64) -> MonthTax {
        let am = self.am_bidrag * wage;
        let personal = wage - am + transfers;
        let taxable = personal - self.beskaeftigelse.monthly(wage) - self.job.monthly(wage);
        let allowance = self.personfradrag / 12.0;
        let over = |base: f64| (base - allowance).max(0.0);
        MonthTax {
            kommune: self.kommuneskat * over(taxable),
            state: am + self.sundhedsbidrag * over(taxable) + self.bundskat * over(personal),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The 2024 rules with a round kommuneskat of 25 %.
    fn rules_2024() -> TaxRules {
        TaxRules {
            kommuneskat: 0.25,
            bundskat: 0.1201,
            sundhedsbidrag: 0.0,
            am_bidrag: 0.08,
            personfradrag: 49_700.0,
            beskaeftigelse: Fradrag {
                rate: 0.1065,
                threshold: 0.0,
                max: 45_100.0,
            },
            job: Fradrag {
                rate: 0.045,
                threshold: 216_100.0,
                max: 2_800.0,
            },
        }
    }

    #[test]
    fn kontanthjaelp_to_a_job_worked_example_2024() {
        let r = rules_2024();
        // Kontanthjælp 12,326: 0.25 · (12,326 − 49,700/12) = 2,046.08.
        let kh = r.month(0.0, 12_326.0);
        assert!((kh.kommune - 2_046.08).abs() < 0.01, "{kh:?}");
        // Job at 20,700: AM 1,656; beskæftigelsesfradrag 10.65 % · 20,700 = 2,204.55;
        // jobfradrag 4.5 % · (20,700 − 18,008.33) = 121.13; S = 16,718.32;
        // kommuneskat 0.25 · (16,718.32 − 4,141.67) = 3,144.16.
        let job = r.month(20_700.0, 0.0);
        assert!((job.kommune - 3_144.16).abs() < 0.01, "{job:?}");
        let gain = job.kommune - kh.kommune;
        assert!((gain - 1_100.0).abs() < 0.05 * 1_100.0, "gain {gain}");
        // The state: AM 1,656 + bundskat 0.1201 · (19,044 − 4,141.67).
        assert!((job.state - (1_656.0 + 0.1201 * (19_044.0 - 49_700.0 / 12.0))).abs() < 1e-9);
        assert!((kh.state - 0.1201 * (12_326.0 - 49_700.0 / 12.0)).abs() < 1e-9);
    }

    #[test]
    fn a_move_from_foertidspension_to_a_low_wage_can_lower_the_municipal_tax() {
        let r = rules_2024();
        let pension = r.month(0.0, 20_370.0).kommune;
        let part_time = r.month(15_000.0, 0.0).kommune;
        assert!(part_time < pension, "{part_time} ≥ {pension}");
    }

    #[test]
    fn incomes_below_the_personfradrag_pay_nothing_and_caps_bind() {
        let r = rules_2024();
        assert_eq!(r.month(0.0, 3_000.0), MonthTax::default());
        // At 60,000 a month the beskæftigelsesfradrag is at its cap, 45,100/12.
        let high = r.month(60_000.0, 0.0);
        let s = 60_000.0 * 0.92 - 45_100.0 / 12.0 - 2_800.0 / 12.0;
        assert!((high.kommune - 0.25 * (s - 49_700.0 / 12.0)).abs() < 1e-9);
    }
}
