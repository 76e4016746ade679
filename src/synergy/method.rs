//! The arithmetic of the evaluation, on plain numbers: min–max normalisation by direction,
//! entropy weights, the coupling degree C, the coordination index T and the
//! coupling-coordination degree D. No I/O, no allocation beyond the results.
//!
//! Definitions (issue 13 item 4, the common form of the entropy-weight and coupling-coordination
//! models; see `data/synergy/README.md`):
//! - positive indicator: y = (x − min) / (max − min); negative: y = (max − x) / (max − min);
//! - p_ij = y_ij / Σ_i y_ij; e_j = −(1 / ln n) Σ_i p_ij ln p_ij with p ln p = 0 at p = 0;
//!   w_j = (1 − e_j) / Σ_k (1 − e_k);
//! - C = [Π U_i / ((1/n) Σ U_i)^n]^(1/n), i.e. the geometric mean over the arithmetic mean
//!   (for two subsystems 2√(U₁U₂)/(U₁+U₂)); T = Σ α_i U_i; D = √(C·T).

/// Whether more of an indicator is better (+) or worse (−).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Positive,
    Negative,
}

impl Direction {
    /// `+` or `-` (the sign a CSV header ends with).
    pub fn sign(self) -> char {
        match self {
            Direction::Positive => '+',
            Direction::Negative => '-',
        }
    }

    pub fn from_sign(c: char) -> Option<Direction> {
        match c {
            '+' => Some(Direction::Positive),
            '-' | '−' => Some(Direction::Negative),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Direction::Positive => "positive",
            Direction::Negative => "negative",
        }
    }

    pub fn parse(s: &str) -> Option<Direction> {
        match s {
            "positive" | "+" => Some(Direction::Positive),
            "negative" | "-" => Some(Direction::Negative),
            _ => None,
        }
    }
}

/// Min–max normalisation of one indicator over the units, by its direction. `None` when every
/// unit has the same value: the range is zero, so the indicator cannot be normalised and its
/// entropy is undefined.
pub fn normalise(values: &[f64], direction: Direction) -> Option<Vec<f64>> {
    let (min, max) = values.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &x| (a.min(x), b.max(x)));
    let range = max - min;
    if values.is_empty() || !(range > 0.0) || !range.is_finite() {
        return None;
    }
    Some(
        values
            .iter()
            .map(|&x| match direction {
                Direction::Positive => (x - min) / range,
                Direction::Negative => (max - x) / range,
            })
            .collect(),
    )
}

/// The entropy e_j of one normalised indicator (values ≥ 0, not all 0) over n ≥ 2 units, in
/// [0, 1]. `None` for fewer than 2 units or a column that sums to 0.
pub fn entropy(normalised: &[f64]) -> Option<f64> {
    let n = normalised.len();
    if n < 2 {
        return None;
    }
    let sum: f64 = normalised.iter().sum();
    if !(sum > 0.0) || !sum.is_finite() {
        return None;
    }
    let plnp: f64 = normalised
        .iter()
        .map(|&y| {
            let p = y / sum;
            if p > 0.0 {
                p * p.ln()
            } else {
                0.0
            }
        })
        .sum();
    Some((-plnp / (n as f64).ln()).clamp(0.0, 1.0))
}

/// Weights from entropies: w_j = (1 − e_j) / Σ (1 − e_k). `None` when every e is 1 (no
/// indicator tells the units apart; cannot happen after min–max normalisation of 2+ units).
pub fn weights_from_entropies(entropies: &[f64]) -> Option<Vec<f64>> {
    let total: f64 = entropies.iter().map(|e| 1.0 - e).sum();
    if !(total > 0.0) {
        return None;
    }
    Some(entropies.iter().map(|e| (1.0 - e) / total).collect())
}

/// One indicator's entropy and weight.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct EntropyWeight {
    pub entropy: f64,
    pub weight: f64,
}

/// Why a matrix could not be weighted.
#[derive(Clone, Debug, PartialEq)]
pub enum WeightError {
    /// Fewer than two units: ln n = 0, the entropy is undefined.
    TooFewUnits(usize),
    NoIndicators,
    /// The indicator (column index) has the same value for every unit.
    Constant(usize),
}

/// Entropy weights of indicator columns (each `columns[j]` holds one indicator's raw values over
/// the same units) with their directions. Every constant column is reported, not just the first.
pub fn entropy_weights(columns: &[Vec<f64>], directions: &[Direction]) -> Result<Vec<EntropyWeight>, Vec<WeightError>> {
    if columns.is_empty() {
        return Err(vec![WeightError::NoIndicators]);
    }
    let n = columns[0].len();
    if n < 2 {
        return Err(vec![WeightError::TooFewUnits(n)]);
    }
    let mut errors = Vec::new();
    let mut entropies = Vec::with_capacity(columns.len());
    for (j, (col, dir)) in columns.iter().zip(directions).enumerate() {
        match normalise(col, *dir).and_then(|y| entropy(&y)) {
            Some(e) => entropies.push(e),
            None => errors.push(WeightError::Constant(j)),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let weights = weights_from_entropies(&entropies).ok_or_else(|| vec![WeightError::Constant(0)])?;
    Ok(entropies.into_iter().zip(weights).map(|(entropy, weight)| EntropyWeight { entropy, weight }).collect())
}

/// The coupling degree C of subsystem scores (each in [0, 1], two or more): the geometric mean
/// over the arithmetic mean, in [0, 1]. 0 when every score is 0 (nothing to couple).
pub fn coupling(scores: &[f64]) -> f64 {
    let n = scores.len() as f64;
    let mean = scores.iter().sum::<f64>() / n;
    if !(mean > 0.0) {
        return 0.0;
    }
    if scores.iter().any(|&u| u <= 0.0) {
        return 0.0;
    }
    // Π U_i^(1/n) through logarithms: 30 scores of 0.01 multiply to 1e-60, still fine, but the
    // logarithm keeps any count of subsystems away from underflow.
    let geometric = (scores.iter().map(|u| u.ln()).sum::<f64>() / n).exp();
    (geometric / mean).clamp(0.0, 1.0)
}

/// The comprehensive coordination index T = Σ α_i U_i.
pub fn coordination(scores: &[f64], alpha: &[f64]) -> f64 {
    scores.iter().zip(alpha).map(|(u, a)| u * a).sum()
}

/// The coupling-coordination degree D = √(C·T).
pub fn degree(c: f64, t: f64) -> f64 {
    (c * t).max(0.0).sqrt()
}

/// C, T and D of one unit.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Coupled {
    pub c: f64,
    pub t: f64,
    pub d: f64,
}

/// C, T and D of one unit's subsystem scores with the subsystems' α.
pub fn couple(scores: &[f64], alpha: &[f64]) -> Coupled {
    let c = coupling(scores);
    let t = coordination(scores, alpha);
    Coupled { c, t, d: degree(c, t) }
}

/// Equal α for n subsystems.
pub fn equal_alpha(n: usize) -> Vec<f64> {
    vec![1.0 / n as f64; n]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-4
    }

    /// Worked by hand. Three units, two indicators: x1 (+) = 1, 2, 3; x2 (−) = 10, 10, 40.
    ///
    /// Normalised: y1 = (x − 1)/2 = 0, 0.5, 1; y2 = (40 − x)/30 = 1, 1, 0.
    /// Shares: p1 = 0, 1/3, 2/3 (Σ y1 = 1.5); p2 = 1/2, 1/2, 0 (Σ y2 = 2).
    /// Σ p ln p: indicator 1: 0 + (1/3)ln(1/3) + (2/3)ln(2/3) = −0.366204 − 0.270310 = −0.636514;
    ///           indicator 2: 2 × (1/2)ln(1/2) + 0 = −0.693147.
    /// ln 3 = 1.098612, so e1 = 0.636514/1.098612 = 0.579380, e2 = 0.693147/1.098612 = 0.630930.
    /// 1 − e: 0.420620 and 0.369070, Σ = 0.789690; w1 = 0.420620/0.789690 = 0.532639,
    /// w2 = 0.369070/0.789690 = 0.467361.
    #[test]
    fn entropy_weights_worked_by_hand() {
        let cols = vec![vec![1.0, 2.0, 3.0], vec![10.0, 10.0, 40.0]];
        let w = entropy_weights(&cols, &[Direction::Positive, Direction::Negative]).unwrap();
        assert!(close(w[0].entropy, 0.579380), "{w:?}");
        assert!(close(w[1].entropy, 0.630930), "{w:?}");
        assert!(close(w[0].weight, 0.532639), "{w:?}");
        assert!(close(w[1].weight, 0.467361), "{w:?}");
        assert_eq!(normalise(&[10.0, 10.0, 40.0], Direction::Negative).unwrap(), vec![1.0, 1.0, 0.0]);
    }

    #[test]
    fn a_constant_column_and_one_unit_are_refused() {
        let cols = vec![vec![1.0, 2.0], vec![5.0, 5.0], vec![3.0, 3.0]];
        let dirs = [Direction::Positive; 3];
        assert_eq!(entropy_weights(&cols, &dirs), Err(vec![WeightError::Constant(1), WeightError::Constant(2)]));
        assert_eq!(entropy_weights(&[vec![1.0]], &dirs), Err(vec![WeightError::TooFewUnits(1)]));
        assert_eq!(normalise(&[], Direction::Positive), None);
    }

    /// Two subsystems by hand: U = (0.36, 0.64). C = 2√(0.2304)/1.00 = 2 × 0.48 = 0.96;
    /// T = 0.5 × 0.36 + 0.5 × 0.64 = 0.5; D = √(0.96 × 0.5) = √0.48 = 0.692820.
    /// With α = (0.3, 0.7): T = 0.108 + 0.448 = 0.556, D = √(0.96 × 0.556) = √0.53376 = 0.730589.
    #[test]
    fn two_subsystems_by_hand() {
        let r = couple(&[0.36, 0.64], &equal_alpha(2));
        assert!(close(r.c, 0.96) && close(r.t, 0.5) && close(r.d, 0.692820), "{r:?}");
        let r = couple(&[0.36, 0.64], &[0.3, 0.7]);
        assert!(close(r.c, 0.96) && close(r.t, 0.556) && close(r.d, 0.730589), "{r:?}");
        // The two-subsystem shortcut and the general formula agree.
        let (u1, u2) = (0.2_f64, 0.9_f64);
        assert!(close(coupling(&[u1, u2]), 2.0 * (u1 * u2).sqrt() / (u1 + u2)));
    }

    /// Three subsystems by hand: U = (0.2, 0.4, 0.8). Π U = 0.064; mean = 1.4/3 = 0.466667,
    /// mean³ = 0.101630; ratio = 0.629738; C = ratio^(1/3) = 0.857143 (= GM/AM = 0.4/0.466667:
    /// the geometric mean of 0.2, 0.4, 0.8 is 0.4). T = 1.4/3 = 0.466667; D = √(0.857143 ×
    /// 0.466667) = √0.4 = 0.632456.
    #[test]
    fn three_subsystems_by_hand() {
        let r = couple(&[0.2, 0.4, 0.8], &equal_alpha(3));
        assert!(close(r.c, 0.857143) && close(r.t, 0.466667) && close(r.d, 0.632456), "{r:?}");
        let u: [f64; 3] = [0.2, 0.4, 0.8];
        let direct = (u.iter().product::<f64>() / (u.iter().sum::<f64>() / 3.0).powi(3)).powf(1.0 / 3.0);
        assert!(close(coupling(&u), direct));
    }

    #[test]
    fn zero_scores_couple_to_zero() {
        assert_eq!(couple(&[0.0, 0.0], &equal_alpha(2)), Coupled { c: 0.0, t: 0.0, d: 0.0 });
        let r = couple(&[0.0, 0.5], &equal_alpha(2));
        assert_eq!(r.c, 0.0);
        assert_eq!(r.d, 0.0);
        assert_eq!(couple(&[1.0, 1.0, 1.0], &equal_alpha(3)).d, 1.0);
    }

    mod properties {
        use super::super::*;
        use proptest::prelude::*;

        fn matrix() -> impl Strategy<Value = (Vec<Vec<f64>>, Vec<Direction>)> {
            (2usize..12, 1usize..8).prop_flat_map(|(n, m)| {
                (
                    proptest::collection::vec(proptest::collection::vec(-1e6f64..1e6, n), m),
                    proptest::collection::vec(prop_oneof![Just(Direction::Positive), Just(Direction::Negative)], m),
                )
            })
        }

        proptest! {
            #[test]
            fn weights_sum_to_one((cols, dirs) in matrix()) {
                if let Ok(w) = entropy_weights(&cols, &dirs) {
                    let sum: f64 = w.iter().map(|x| x.weight).sum();
                    prop_assert!((sum - 1.0).abs() < 1e-9, "{sum}");
                    prop_assert!(w.iter().all(|x| x.weight >= 0.0 && (0.0..=1.0).contains(&x.entropy)));
                }
            }

            #[test]
            fn permuting_units_does_not_change_the_weights((cols, dirs) in matrix(), seed in any::<u64>()) {
                let n = cols[0].len();
                // A permutation of the units from the seed (Fisher–Yates on a small LCG).
                let mut order: Vec<usize> = (0..n).collect();
                let mut s = seed | 1;
                for i in (1..n).rev() {
                    s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    order.swap(i, (s >> 33) as usize % (i + 1));
                }
                let permuted: Vec<Vec<f64>> = cols.iter().map(|c| order.iter().map(|&i| c[i]).collect()).collect();
                match (entropy_weights(&cols, &dirs), entropy_weights(&permuted, &dirs)) {
                    (Ok(a), Ok(b)) => for (x, y) in a.iter().zip(&b) {
                        prop_assert!((x.weight - y.weight).abs() < 1e-9 && (x.entropy - y.entropy).abs() < 1e-9);
                    },
                    (Err(a), Err(b)) => prop_assert_eq!(a, b),
                    (a, b) => prop_assert!(false, "{a:?} vs {b:?}"),
                }
            }

            #[test]
            fn d_is_within_zero_and_one(scores in proptest::collection::vec(0f64..=1.0, 2..30), raw_alpha in proptest::collection::vec(0.0f64..1.0, 30)) {
                let alpha: Vec<f64> = raw_alpha[..scores.len()].to_vec();
                let total: f64 = alpha.iter().sum();
                let alpha: Vec<f64> = if total > 0.0 { alpha.iter().map(|a| a / total).collect() } else { equal_alpha(scores.len()) };
                let r = couple(&scores, &alpha);
                prop_assert!((0.0..=1.0).contains(&r.c), "{r:?}");
                prop_assert!((0.0..=1.0 + 1e-12).contains(&r.t), "{r:?}");
                prop_assert!((0.0..=1.0 + 1e-12).contains(&r.d), "{r:?}");
            }
        }
    }
}
