//! Likelihood weights over trials: normalising, effective sample size, weighted percentiles and
//! systematic resampling.

/// Normalised weights w_k = e^{ℓ_k − max ℓ} / Σ_j e^{ℓ_j − max ℓ} of log-likelihoods `ll`.
pub fn normalise(ll: &[f64]) -> Vec<f64> {
    let top = ll.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let raw: Vec<f64> = ll.iter().map(|&l| (l - top).exp()).collect();
    let total: f64 = raw.iter().sum();
    raw.into_iter().map(|w| w / total).collect()
}

/// Kish's effective sample size (Σ w)² / Σ w² of normalised weights: N when all are equal,
/// 1 when one trial has all the weight.
pub fn effective_size(w: &[f64]) -> f64 {
    1.0 / w.iter().map(|x| x * x).sum::<f64>()
}

/// The weighted mean of `values`.
pub fn mean(values: &[f64], w: &[f64]) -> f64 {
    values.iter().zip(w).map(|(x, w)| x * w).sum()
}

/// The weighted τ-quantile of `values` (weights `w` summing to 1): the smallest value whose
/// cumulative weight reaches τ. Equal weights give the empirical quantile's lower value.
pub fn quantile(values: &[f64], w: &[f64], tau: f64) -> f64 {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
    let mut acc = 0.0;
    for &i in &order {
        acc += w[i];
        if acc >= tau - 1e-12 {
            return values[i];
        }
    }
    values[*order.last().expect("at least one value")]
}

/// Systematic resampling: `n` trial indices, trial k appearing ≈ n·w_k times, from the single
/// uniform `u` ∈ [0, 1) (points (i + u)/n). Sorted, deterministic given `u`.
pub fn resample(w: &[f64], n: usize, u: f64) -> Vec<usize> {
    let mut out = Vec::with_capacity(n);
    let (mut k, mut acc) = (0, w[0]);
    for i in 0..n {
        let point = (i as f64 + u) / n as f64;
        while acc < point && k + 1 < w.len() {
            k += 1;
            acc += w[k];
        }
        out.push(k);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_weights_are_the_plain_sample() {
        let w = normalise(&[-3.0; 4]);
        assert!(w.iter().all(|&x| (x - 0.25).abs() < 1e-15));
        assert!((effective_size(&w) - 4.0).abs() < 1e-12);
        assert_eq!(resample(&w, 4, 0.5), [0, 1, 2, 3]);
        assert_eq!(quantile(&[4.0, 1.0, 3.0, 2.0], &w, 0.5), 2.0);
        assert_eq!(mean(&[4.0, 1.0, 3.0, 2.0], &w), 2.5);
    }

    #[test]
    fn weights_follow_the_likelihood() {
        // ℓ differing by ln 3: the first trial is three times as likely.
        let w = normalise(&[3f64.ln() - 1000.0, -1000.0]);
        assert!((w[0] - 0.75).abs() < 1e-12, "{w:?}");
        assert!((effective_size(&w) - 1.6).abs() < 1e-12);
        let picks = resample(&w, 8, 0.3);
        assert_eq!(picks.iter().filter(|&&k| k == 0).count(), 6);
        assert_eq!(quantile(&[10.0, 20.0], &w, 0.7), 10.0);
        assert_eq!(quantile(&[10.0, 20.0], &w, 0.8), 20.0);
    }
}
