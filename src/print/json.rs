//! `--json`: the summary as one JSON document on stdout, for pipelines. Amounts in kr.

use std::path::PathBuf;

use serde_json::{Value, json};

use crate::economics::Perspective;
use crate::effects::EffectRow;
use crate::model::Model;
use crate::model::describe_arm_staffing;
use crate::summary::Analysis;
use crate::sweep::SweepRow;
use crate::threshold::Threshold;

fn meta(model: &Model, trials: u32, seed: u64, files: &[PathBuf]) -> Value {
    json!({
        "scenario": model.name,
        "headline": model.headline.id(),
        "months": model.months,
        "trials": trials,
        "seed": seed,
        "version": env!("CARGO_PKG_VERSION"),
        "files": files.iter().map(|p| p.display().to_string()).collect::<Vec<_>>(),
    })
}

/// `run`'s summary: per arm, per perspective, the total saving's distribution and the rest.
pub fn run_json(
    model: &Model,
    (analysis, effects, thresholds): (&Analysis, &[EffectRow], &[Threshold]),
    answers: crate::answers::Answers<'_>,
    (trials, seed): (u32, u64),
    files: &[PathBuf],
) -> String {
    let arms: Vec<Value> = model
        .arms
        .iter()
        .enumerate()
        .map(|(a, arm)| {
            let perspectives: serde_json::Map<String, Value> = Perspective::ALL
                .into_iter()
                .map(|p| {
                    let s = analysis.arm(a, p);
                    let b = &s.savings_total;
                    let v = json!({
                        "savings_mean": b.mean,
                        "savings_nominal_mean": s.savings_total_nominal.mean,
                        "savings_sd": b.sd,
                        "savings_p2_5": b.at(0.025),
                        "savings_p5": b.at(0.05),
                        "savings_p50": b.at(0.5),
                        "savings_p95": b.at(0.95),
                        "savings_p97_5": b.at(0.975),
                        "p_gain": s.p_gain,
                        "breakeven_p50": s.breakeven_p50,
                        "p_breakeven": s.p_breakeven,
                        "investment_mean": s.investment_mean,
                        "roi": s.roi,
                    });
                    (p.id().to_string(), v)
                })
                .collect();
            let k = analysis.arm(a, model.headline);
            let occupancy: serde_json::Map<String, Value> = model
                .states
                .iter()
                .zip(&k.occupancy_end)
                .map(|(s, x)| (s.id.clone(), json!(x)))
                .collect();
            json!({
                "arm": arm.name,
                "label": arm.label,
                "baseline": a == 0,
                "staffing": describe_arm_staffing(arm),
                "caseworkers_mean": k.caseworkers_mean,
                "caseload_mean": k.caseload_mean,
                "caseload_outside_valid_share": k.held.share,
                "perspectives": perspectives,
                "occupancy_end": occupancy,
            })
        })
        .collect();
    let mut doc = meta(model, trials, seed, files);
    doc["arms"] = json!(arms);
    let mut warnings = crate::model::lint(model);
    warnings.extend(super::held_warnings(model, analysis));
    doc["warnings"] = json!(warnings);
    doc["percentiles"] = match analysis.sketched {
        None => json!({ "exact": true }),
        Some(n) => json!({
            "exact": false,
            "exact_up_to_trials": n,
            "sketch_relative_accuracy": crate::stats::SKETCH_ACCURACY,
            "note": super::percentiles_note(analysis),
        }),
    };
    doc["effects"] = json!(
        effects
            .iter()
            .map(|r| json!({
                "arm": model.arms[r.arm].name,
                "effect": r.effect.id(),
                "savings_mean": r.savings.mean,
                "savings_p5": r.savings.at(0.05),
                "savings_p95": r.savings.at(0.95),
                "p_gain": r.p_gain,
                "breakeven_p50": r.breakeven_p50,
            }))
            .collect::<Vec<_>>()
    );
    doc["effect_to_pay"] = json!(
        thresholds
            .iter()
            .map(|t| {
                let (elasticity, pays_if) = t.crossing.pays_if();
                json!({
                    "arm": model.arms[t.arm].name,
                    "breakeven_job_elasticity": elasticity,
                    "pays_if": pays_if,
                    "halving_caseload_raises_job_exits_by": elasticity.map(Threshold::halving_rise),
                    "p_effect_at_least_that_large": t.p_at_least,
                    "savings_mean_at_no_effect": t.at_zero,
                    "exact": t.exact,
                })
            })
            .collect::<Vec<_>>()
    );
    doc["chance_of_gain"] = json!(
        answers
            .chances
            .iter()
            .map(|c| json!({
                "arm": model.arms[c.arm].name,
                "trials": c.trials,
                "job_elasticity": crate::threshold::CHANCE_GRID,
                "p_gain": c.p_gain,
                "levels": c.levels.iter().map(|l| {
                    let (elasticity, pays_if) = l.crossing.pays_if();
                    json!({
                        "p_gain": l.level,
                        "job_elasticity": elasticity,
                        "reached_if": pays_if,
                        "p_effect_at_least_that_large": l.p_at_least,
                    })
                }).collect::<Vec<_>>(),
            }))
            .collect::<Vec<_>>()
    );
    if let Some(b) = answers.bridge {
        doc["bridge"] = bridge_json(model, b);
    }
    doc["offer_effect_to_pay"] = json!(
        answers
            .ratios
            .iter()
            .map(|r| {
                let (ratio, pays_if) = r.crossing.pays_if();
                json!({
                    "arm": model.arms[r.arm].name,
                    "breakeven_job_hazard_ratio": ratio,
                    "pays_if": pays_if,
                    "assumed_job_hazard_ratio": r.assumed,
                    "p_effect_at_least_that_large": r.p_at_least,
                    "savings_mean_at_ratio_one": r.at_one,
                    "exact": r.exact,
                })
            })
            .collect::<Vec<_>>()
    );
    if !analysis.segments.is_empty() {
        doc["segments"] = segments_json(model, analysis);
    }
    serde_json::to_string_pretty(&doc).expect("plain data serialises")
}

/// Savings by segment, arm and perspective (as `segments.csv`).
fn segments_json(model: &Model, analysis: &Analysis) -> Value {
    let rows: Vec<Value> = analysis
        .segments
        .iter()
        .map(|r| {
            let b = &r.savings_total;
            let end: serde_json::Map<String, Value> = model
                .states
                .iter()
                .zip(&r.final_occupancy)
                .map(|(s, x)| (s.id.clone(), json!(x)))
                .collect();
            json!({
                "segment": model.segments[r.segment].id,
                "label": model.segments[r.segment].label,
                "arm": model.arms[r.arm].name,
                "perspective": r.perspective.id(),
                "savings_mean": b.mean,
                "savings_p5": b.at(0.05),
                "savings_p95": b.at(0.95),
                "p_gain": r.p_gain,
                "breakeven_p50": r.breakeven_p50,
                "occupancy_end": end,
            })
        })
        .collect();
    json!(rows)
}

/// `sweep`'s points.
pub fn sweep_json(
    model: &Model,
    arm: &str,
    rows: &[SweepRow],
    trials: u32,
    seed: u64,
    files: &[PathBuf],
) -> String {
    let mut doc = meta(model, trials, seed, files);
    doc["arm"] = json!(arm);
    doc["points"] = json!(rows);
    let best = crate::sweep::best(rows);
    doc["best"] = json!(best.map(|b| b.index));
    doc["best_edge"] = json!(best.and_then(|b| b.edge).map(|e| match e {
        crate::sweep::Edge::Evidence => "evidence",
        crate::sweep::Edge::Grid => "grid",
    }));
    serde_json::to_string_pretty(&doc).expect("plain data serialises")
}

/// `compare`'s rows: per scenario its arm and the headline figures of its saving.
pub fn compare_json(rows: &[crate::compare::CompareRow], files: &[PathBuf]) -> String {
    let rows: Vec<Value> = rows
        .iter()
        .map(|r| {
            let s = &r.summary;
            let b = &s.savings_total;
            json!({
                "scenario": r.file,
                "name": r.name,
                "arm": r.arm,
                "does": r.does,
                "perspective": s.perspective.id(),
                "months": r.months,
                "trials": r.trials,
                "seed": r.seed,
                "savings_mean": b.mean,
                "savings_p5": b.at(0.05),
                "savings_p95": b.at(0.95),
                "p_gain": s.p_gain,
                "breakeven_p50": s.breakeven_p50,
                "roi": s.roi,
            })
        })
        .collect();
    let files: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
    serde_json::to_string_pretty(&json!({ "scenarios": rows, "files": files }))
        .expect("plain data serialises")
}

/// The bridge: the published figure, the case's arithmetic, each step's mean and 90 %
/// interval, the headline, and the effect the case implies.
fn bridge_json(model: &Model, b: &crate::bridge::Bridge) -> Value {
    use crate::bridge::{Effect, Reach};
    let (reach, elasticity, p) = match &b.effect {
        Effect::Found(i) => {
            let (r, e) = match i.reach {
                Reach::At(e) => ("at", Some(e)),
                Reach::WithoutEffect => ("without_effect", Some(0.0)),
                Reach::Beyond => ("beyond_searched", None),
            };
            (r, e, i.p_at_least)
        }
        Effect::NoOutcome => ("no_outcome", None, None),
        Effect::NotComputed(_) => ("not_computed", None, None),
    };
    json!({
        "arm": model.arms[b.arm].name,
        "figure": b.case.figure,
        "published": b.case.published,
        "arithmetic": b.arithmetic,
        "steps": b.steps.iter().map(|(s, band)| json!({
            "step": s.id(),
            "mean": band.mean,
            "p5": band.at(0.05),
            "p95": band.at(0.95),
        })).collect::<Vec<_>>(),
        "headline_mean": b.headline.mean,
        "implied": reach,
        "implied_job_elasticity": elasticity,
        "p_effect_at_least_implied": p,
    })
}
