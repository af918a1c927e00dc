//! Column headers in words for the workbook, Danish or English, from the CSV files' ids.

use crate::model::Model;

/// A column's header in words, in Danish (`da`) or English, from its CSV id: `savings_p5` →
/// "Besparelse, 5 %-fraktil (kr.)"; ids it does not know stay as they are.
pub(super) fn column_label(id: &str, model: Option<&Model>, da: bool) -> String {
    let pick = |d: &str, e: &str| if da { d.to_string() } else { e.to_string() };
    if let Some(state) = id.strip_prefix("occupancy_end:") {
        let label = model
            .and_then(|m| m.states.iter().find(|s| s.id == state))
            .map_or(state, |s| &s.label);
        return pick(
            &format!("{label}, sidste måned"),
            &format!("{label}, last month"),
        );
    }
    for (prefix, d, e) in [
        ("savings_total:", "Besparelse i alt", "Total saving"),
        ("expenditure_total:", "Udgift i alt", "Total expenditure"),
    ] {
        if let Some(segment) = id.strip_prefix(prefix) {
            let label = model
                .and_then(|m| m.segments.iter().find(|s| s.id == segment))
                .map_or(segment, |s| &s.label);
            return pick(
                &format!("{d}, {label} (kr., diskonteret)"),
                &format!("{e}, {label} (kr., discounted)"),
            );
        }
    }
    if let Some(param) = id.strip_prefix("param:") {
        return pick(
            &format!("Parameter: {param}"),
            &format!("Parameter: {param}"),
        );
    }
    let percentile = |p: &str| {
        let p = p.replace('_', if da { "," } else { "." });
        pick(&format!("{p} %-fraktil"), &format!("{p}th percentile"))
    };
    if let Some(p) = id
        .strip_prefix("savings_p")
        .filter(|p| p.starts_with(|c: char| c.is_ascii_digit()))
    {
        return format!("{}, {} (kr.)", pick("Besparelse", "Saving"), percentile(p));
    }
    if let Some(p) = id
        .strip_prefix('p')
        .filter(|p| p.starts_with(|c: char| c.is_ascii_digit()))
    {
        return percentile(p);
    }
    let (d, e) = match id {
        "arm" => ("Alternativ", "Arm"),
        "segment" => ("Segment", "Segment"),
        "label" => ("Betegnelse", "Label"),
        "perspective" => ("Perspektiv", "Perspective"),
        "staffing" => ("Bemanding", "Staffing"),
        "staffing_caseload" => ("Sagstal (regel)", "Caseload (rule)"),
        "staffing_caseworkers" => ("Sagsbehandlere (regel)", "Caseworkers (rule)"),
        "expenditure_total_mean" => (
            "Udgift i alt, middel (kr., diskonteret)",
            "Total expenditure, mean (kr., discounted)",
        ),
        "expenditure_total" => (
            "Udgift i alt (kr., diskonteret)",
            "Total expenditure (kr., discounted)",
        ),
        "expenditure_total_nominal" => (
            "Udgift i alt (kr., nominelt)",
            "Total expenditure (kr., nominal)",
        ),
        "savings_total" => (
            "Besparelse i alt (kr., diskonteret)",
            "Total saving (kr., discounted)",
        ),
        "savings_total_nominal" => (
            "Besparelse i alt (kr., nominelt)",
            "Total saving (kr., nominal)",
        ),
        "savings_mean" => ("Besparelse, middel (kr.)", "Saving, mean (kr.)"),
        "savings_nominal_mean" => (
            "Besparelse, nominel middel (kr.)",
            "Saving, nominal mean (kr.)",
        ),
        "savings_sd" => (
            "Besparelse, spredning (kr.)",
            "Saving, standard deviation (kr.)",
        ),
        "savings_low" => (
            "Besparelse ved lav værdi (kr.)",
            "Saving at the low value (kr.)",
        ),
        "savings_high" => (
            "Besparelse ved høj værdi (kr.)",
            "Saving at the high value (kr.)",
        ),
        "swing" => ("Udsving (kr.)", "Swing (kr.)"),
        "p_gain" => ("P(gevinst)", "P(gain)"),
        "breakeven_p50" => ("Tjent hjem, median (måned)", "Break-even, median (month)"),
        "breakeven_month" => ("Tjent hjem (måned)", "Break-even (month)"),
        "p_breakeven" => ("P(tjent hjem)", "P(break-even)"),
        "investment_mean" => (
            "Merudgift, middel (kr., diskonteret)",
            "Extra cost, mean (kr., discounted)",
        ),
        "roi" => ("Afkast pr. investeret krone", "Return per krone invested"),
        "caseworkers_mean" | "caseworkers" => ("Sagsbehandlere", "Caseworkers"),
        "caseload_mean" | "caseload" => ("Sagstal", "Caseload"),
        "effect_held" => (
            "Andel måneder holdt ved kanten",
            "Share of months held at the edge",
        ),
        "trial" => ("Forsøg", "Trial"),
        "month" => ("Måned", "Month"),
        "months" => ("Måneder", "Months"),
        "year" => ("År", "Year"),
        "metric" => ("Mål", "Metric"),
        "mean" => ("Middel", "Mean"),
        "sd" => ("Spredning", "Standard deviation"),
        "effect" => ("Effekt", "Effect"),
        "scenario" => ("Scenarie", "Scenario"),
        "name" => ("Navn", "Name"),
        "does" => ("Hvad alternativet gør", "What the arm does"),
        "cohort" => ("Borgere ved start", "Citizens at start"),
        "seed" => ("Frø (seed)", "Seed"),
        "parameter" => ("Parameter", "Parameter"),
        "low" => ("Lav værdi", "Low value"),
        "high" => ("Høj værdi", "High value"),
        "section" => ("Afsnit", "Section"),
        "key" => ("Nøgle", "Key"),
        "value" => ("Værdi", "Value"),
        _ => return id.to_string(),
    };
    pick(d, e)
}

#[cfg(test)]
mod tests {
    use super::column_label;

    #[test]
    fn ids_become_words() {
        assert_eq!(
            column_label("savings_p5", None, true),
            "Besparelse, 5 %-fraktil (kr.)"
        );
        assert_eq!(column_label("p97_5", None, false), "97.5th percentile");
        assert_eq!(
            column_label("savings_mean", None, false),
            "Saving, mean (kr.)"
        );
        assert_eq!(column_label("unknown_id", None, true), "unknown_id");
        assert_eq!(
            column_label("savings_total:unge", None, true),
            "Besparelse i alt, unge (kr., diskonteret)"
        );
    }
}
