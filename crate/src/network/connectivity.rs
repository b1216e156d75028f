//! Recurrent wiring as a compressed sparse row (CSR) table indexed by the presynaptic neuron, so
//! a spike walks one contiguous run of target indices. Built from an explicit generator.

use super::params::Connectivity;
use crate::error::{Change, Quantity, Remedy};
use crate::rng::SeededRng;
use crate::Error;

/// Targets of every neuron: `targets[offsets[j]..offsets[j + 1]]` are the postsynaptic
/// neurons of neuron j, in increasing order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Csr {
    offsets: Vec<u32>,
    targets: Vec<u32>,
}

impl Csr {
    /// Postsynaptic neurons of `pre`.
    #[must_use]
    pub fn targets(&self, pre: usize) -> &[u32] {
        match (self.offsets.get(pre), self.offsets.get(pre + 1)) {
            (Some(&a), Some(&b)) => self.targets.get(a as usize..b as usize).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// Number of synapses.
    #[must_use]
    pub fn len(&self) -> usize {
        self.targets.len()
    }

    /// Whether there are none.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.targets.is_empty()
    }

    /// Number of neurons (rows).
    #[must_use]
    pub fn neurons(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    /// In-degree of every neuron from presynaptic neurons in `from` (for tests and reports).
    #[must_use]
    pub fn in_degrees(&self, from: std::ops::Range<usize>) -> Vec<u32> {
        let mut deg = vec![0u32; self.neurons()];
        for pre in from {
            for &t in self.targets(pre) {
                if let Some(d) = deg.get_mut(t as usize) {
                    *d += 1;
                }
            }
        }
        deg
    }
}

/// Sizes of the two populations (excitatory first, then inhibitory) and their in-degrees.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Wiring {
    /// Excitatory neurons, indices 0..n_e.
    pub n_e: usize,
    /// Inhibitory neurons, indices n_e..n_e + n_i.
    pub n_i: usize,
    /// Excitatory in-degree (exact or mean).
    pub k_e: f64,
    /// Inhibitory in-degree (exact or mean).
    pub k_i: f64,
    /// The rule.
    pub rule: Connectivity,
}

impl Wiring {
    /// Checks that the wiring can exist.
    ///
    /// # Errors
    /// When a population is too small for its in-degree.
    pub fn validate(&self) -> Result<(), Error> {
        const EXC: Remedy = &[
            (Change::Raise, Quantity::NetworkSize),
            (Change::Lower, Quantity::InDegreeExc),
        ];
        const INH: Remedy = &[
            (Change::Raise, Quantity::NetworkSize),
            (Change::Lower, Quantity::InDegreeInh),
        ];
        for (quantity, remedy, k, n) in [
            (Quantity::InDegreeExc, EXC, self.k_e, self.n_e),
            (Quantity::InDegreeInh, INH, self.k_i, self.n_i),
        ] {
            // A neuron is never its own presynaptic partner, so one candidate fewer.
            let candidates = n.saturating_sub(1) as f64;
            if k.is_nan() || k < 0.0 || k > candidates {
                return Err(Error::model_with_remedy(
                    quantity,
                    k,
                    format!(
                        "a network of this size has only {candidates} possible presynaptic \
                         neurons per cell in that population"
                    ),
                    remedy,
                ));
            }
            if self.rule == Connectivity::FixedInDegree && k.fract() != 0.0 {
                return Err(Error::model(
                    quantity,
                    k,
                    "a fixed in-degree must be a whole number",
                ));
            }
        }
        Ok(())
    }

    /// One line for the page and reports: sizes and the rule with its numbers.
    #[must_use]
    pub fn describe(&self) -> String {
        let n = self.n_e + self.n_i;
        let rule = match self.rule {
            Connectivity::FixedInDegree => {
                format!("fixed in-degree K_e = {}, K_i = {}", self.k_e, self.k_i)
            }
            Connectivity::Random => format!(
                "random wiring p_e = {:.2} %, p_i = {:.2} % (mean K_e = {}, K_i = {})",
                100.0 * self.k_e / (self.n_e.max(2) - 1) as f64,
                100.0 * self.k_i / (self.n_i.max(2) - 1) as f64,
                self.k_e,
                self.k_i
            ),
        };
        format!(
            "N = {n} ({} RS, {} FS), {rule}, {:.2} million synapses",
            self.n_e,
            self.n_i,
            n as f64 * (self.k_e + self.k_i) / 1e6
        )
    }

    /// Draws the wiring.
    ///
    /// # Errors
    /// See [`Wiring::validate`].
    pub fn build(&self, rng: &mut SeededRng) -> Result<Csr, Error> {
        self.validate()?;
        let n = self.n_e + self.n_i;
        let mut sources: Vec<u32> = Vec::with_capacity(n * (self.k_e + self.k_i).ceil() as usize);
        let mut in_deg = vec![0u32; n];
        let mut mark = vec![u32::MAX; n];
        for (post, deg) in in_deg.iter_mut().enumerate() {
            let start = sources.len();
            for (first, len, k) in [(0, self.n_e, self.k_e), (self.n_e, self.n_i, self.k_i)] {
                let own = (first..first + len).contains(&post).then(|| post - first);
                match self.rule {
                    Connectivity::FixedInDegree => {
                        distinct(
                            rng,
                            first,
                            len,
                            own,
                            k as usize,
                            post as u32,
                            &mut mark,
                            &mut sources,
                        );
                    }
                    Connectivity::Random => bernoulli(rng, first, len, own, k, &mut sources),
                }
            }
            *deg = (sources.len() - start) as u32;
        }
        Ok(transpose(n, &sources, &in_deg))
    }
}

/// K distinct sources from first..first+len, never `own`, by rejection.
#[allow(clippy::too_many_arguments)]
fn distinct(
    rng: &mut SeededRng,
    first: usize,
    len: usize,
    own: Option<usize>,
    k: usize,
    stamp: u32,
    mark: &mut [u32],
    out: &mut Vec<u32>,
) {
    let mut got = 0;
    while got < k {
        let j = rng.below(len as u32) as usize;
        if Some(j) == own || mark[first + j] == stamp {
            continue;
        }
        mark[first + j] = stamp;
        out.push((first + j) as u32);
        got += 1;
    }
}

/// Each candidate independently with p = k / candidates, by geometric skips (one log per
/// synapse rather than one draw per pair).
fn bernoulli(
    rng: &mut SeededRng,
    first: usize,
    len: usize,
    own: Option<usize>,
    k: f64,
    out: &mut Vec<u32>,
) {
    let candidates = len - usize::from(own.is_some());
    if candidates == 0 || k <= 0.0 {
        return;
    }
    let p = k / candidates as f64;
    let map = |i: usize| match own {
        Some(o) if i >= o => i + 1,
        _ => i,
    };
    if p >= 1.0 {
        out.extend((0..candidates).map(|i| (first + map(i)) as u32));
        return;
    }
    let log_q = libm::log1p(-p);
    let mut i: f64 = -1.0;
    loop {
        i += 1.0 + libm::floor(libm::log(rng.uniform_open()) / log_q);
        if i >= candidates as f64 {
            return;
        }
        out.push((first + map(i as usize)) as u32);
    }
}

/// From per-postsynaptic source lists to per-presynaptic target lists (counting sort; targets
/// come out in increasing order because posts are visited in order).
fn transpose(n: usize, sources: &[u32], in_deg: &[u32]) -> Csr {
    let mut offsets = vec![0u32; n + 1];
    for &s in sources {
        offsets[s as usize + 1] += 1;
    }
    for j in 0..n {
        offsets[j + 1] += offsets[j];
    }
    let mut fill = offsets.clone();
    let mut targets = vec![0u32; sources.len()];
    let mut at = 0usize;
    for (post, &d) in in_deg.iter().enumerate() {
        for &s in &sources[at..at + d as usize] {
            let slot = &mut fill[s as usize];
            targets[*slot as usize] = post as u32;
            *slot += 1;
        }
        at += d as usize;
    }
    Csr { offsets, targets }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wiring(rule: Connectivity) -> Wiring {
        Wiring {
            n_e: 800,
            n_i: 200,
            k_e: 40.0,
            k_i: 10.0,
            rule,
        }
    }

    #[test]
    fn fixed_in_degree_is_exact_without_self_or_double_synapses() {
        let w = wiring(Connectivity::FixedInDegree);
        let csr = w.build(&mut SeededRng::new(1)).unwrap();
        assert_eq!(csr.len(), 1000 * 50);
        assert!(csr.in_degrees(0..800).iter().all(|&d| d == 40));
        assert!(csr.in_degrees(800..1000).iter().all(|&d| d == 10));
        for pre in 0..1000 {
            let t = csr.targets(pre);
            assert!(t.windows(2).all(|p| p[0] < p[1]), "sorted, distinct");
            assert!(!t.contains(&(pre as u32)), "no autapse");
        }
    }

    #[test]
    fn random_wiring_has_the_mean_in_degree_and_binomial_spread() {
        let w = wiring(Connectivity::Random);
        let csr = w.build(&mut SeededRng::new(2)).unwrap();
        let deg = csr.in_degrees(0..800);
        let mean = deg.iter().map(|&d| f64::from(d)).sum::<f64>() / 1000.0;
        let var = deg
            .iter()
            .map(|&d| (f64::from(d) - mean).powi(2))
            .sum::<f64>()
            / 1000.0;
        // Binomial(799, 40/799) for E cells: variance 40 (1 − 0.05) = 38; mean within 5 SE.
        assert!(
            (mean - 40.0).abs() < 5.0 * (38.0f64 / 1000.0).sqrt(),
            "mean {mean}"
        );
        assert!((var - 38.0).abs() < 10.0, "var {var}");
        for pre in 0..1000 {
            assert!(!csr.targets(pre).contains(&(pre as u32)));
        }
    }

    #[test]
    fn same_seed_same_wiring() {
        let w = wiring(Connectivity::Random);
        assert_eq!(
            w.build(&mut SeededRng::new(5)).unwrap(),
            w.build(&mut SeededRng::new(5)).unwrap()
        );
        assert_ne!(
            w.build(&mut SeededRng::new(5)).unwrap(),
            w.build(&mut SeededRng::new(6)).unwrap()
        );
    }

    #[test]
    fn impossible_in_degree_is_refused_with_the_key() {
        let w = Wiring {
            n_e: 30,
            ..wiring(Connectivity::FixedInDegree)
        };
        let e = w.build(&mut SeededRng::new(1)).unwrap_err();
        let text = e.to_string();
        assert!(
            text.contains("29") && text.contains("lower the excitatory in-degree K_e"),
            "{text}"
        );
        // Named by keys, as the scenario layer does.
        let keyed = e
            .keyed(|q| match q {
                Quantity::NetworkSize => "n",
                _ => "k_e",
            })
            .to_string();
        assert!(keyed.contains("raise n or lower k_e"), "{keyed}");
    }
}
