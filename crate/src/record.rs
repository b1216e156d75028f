//! What the network reports, as Brian2's monitors would: spikes (of a chosen subset, for the
//! raster), population rates in bins, and the mean V and W of each population at each bin end.
//! A [`Recording`] is also the unit the page's worker streams to the page, so it has a flat
//! numeric encoding ([`Recording::encode`], [`Recording::decode`]).

use crate::Error;

/// One spike.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Spike {
    /// Time [ms] (a multiple of the step).
    pub t_ms: f64,
    /// Neuron index: 0..N_e excitatory, then inhibitory.
    pub neuron: u32,
}

/// One rate bin; the bin covers (t_end − width, t_end].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bin {
    /// End of the bin [ms].
    pub t_end_ms: f64,
    /// Excitatory population rate over the bin [Hz].
    pub nu_e_hz: f64,
    /// Inhibitory population rate over the bin [Hz].
    pub nu_i_hz: f64,
    /// Mean membrane potential of the excitatory cells at the bin end [mV].
    pub v_e_mv: f64,
    /// Same, inhibitory [mV].
    pub v_i_mv: f64,
    /// Mean adaptation current of the excitatory cells at the bin end [pA].
    pub w_e_pa: f64,
    /// Same, inhibitory [pA].
    pub w_i_pa: f64,
}

const BIN_FIELDS: usize = 7;

/// Which neurons' spikes are kept (all neurons are always counted in the rates).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SpikeFilter {
    /// Keep excitatory neurons 0..max_e.
    pub max_e: u32,
    /// Keep inhibitory neurons N_e..N_e + max_i.
    pub max_i: u32,
}

impl SpikeFilter {
    /// Every spike.
    pub const ALL: Self = Self {
        max_e: u32::MAX,
        max_i: u32::MAX,
    };
    /// The page's raster: 400 RS and 100 FS cells (in proportion to the paper's 80/20).
    pub const RASTER: Self = Self {
        max_e: 400,
        max_i: 100,
    };

    /// Whether the spikes of `neuron` are kept in a network with `n_e` excitatory cells.
    #[must_use]
    pub fn keeps(&self, neuron: u32, n_e: u32) -> bool {
        match neuron.checked_sub(n_e) {
            None => neuron < self.max_e,
            Some(k) => k < self.max_i,
        }
    }
}

/// Recorded data, either a whole run or one streamed piece of it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Recording {
    /// Rate bins in time order.
    pub bins: Vec<Bin>,
    /// Kept spikes in time order (then neuron order).
    pub spikes: Vec<Spike>,
}

/// Tag at the start of an encoded recording (format version 1).
const MAGIC: f64 = 7_310_001.0;

impl Recording {
    /// Appends `other`.
    pub fn extend(&mut self, other: Self) {
        self.bins.extend(other.bins);
        self.spikes.extend(other.spikes);
    }

    /// Mean rates (ν_e, ν_i) [Hz] over bins ending after `from_ms`; `None` if there are none.
    #[must_use]
    pub fn mean_rates_after(&self, from_ms: f64) -> Option<(f64, f64)> {
        let sel: Vec<&Bin> = self.bins.iter().filter(|b| b.t_end_ms > from_ms).collect();
        if sel.is_empty() {
            return None;
        }
        let n = sel.len() as f64;
        Some((
            sel.iter().map(|b| b.nu_e_hz).sum::<f64>() / n,
            sel.iter().map(|b| b.nu_i_hz).sum::<f64>() / n,
        ))
    }

    /// Flat encoding: magic, bin count, bins (7 numbers each), spike count, spikes (t, neuron).
    #[must_use]
    pub fn encode(&self) -> Vec<f64> {
        let mut out = Vec::with_capacity(3 + BIN_FIELDS * self.bins.len() + 2 * self.spikes.len());
        out.push(MAGIC);
        out.push(self.bins.len() as f64);
        for b in &self.bins {
            out.extend([
                b.t_end_ms, b.nu_e_hz, b.nu_i_hz, b.v_e_mv, b.v_i_mv, b.w_e_pa, b.w_i_pa,
            ]);
        }
        out.push(self.spikes.len() as f64);
        for s in &self.spikes {
            out.extend([s.t_ms, f64::from(s.neuron)]);
        }
        out
    }

    /// Reads [`Recording::encode`]'s output back.
    ///
    /// # Errors
    /// When the data is not such an encoding.
    pub fn decode(data: &[f64]) -> Result<Self, Error> {
        let bad = |what: &str| Error::Usage(format!("network data: {what}"));
        let mut it = data.iter().copied();
        if it.next() != Some(MAGIC) {
            return Err(bad("not a recording (wrong tag)"));
        }
        let count = |it: &mut dyn Iterator<Item = f64>| -> Result<usize, Error> {
            match it.next() {
                Some(c) if c >= 0.0 && c.fract() == 0.0 && c <= data.len() as f64 => Ok(c as usize),
                _ => Err(bad("bad count")),
            }
        };
        let n_bins = count(&mut it)?;
        let mut rec = Self::default();
        for _ in 0..n_bins {
            let f: Vec<f64> = it.by_ref().take(BIN_FIELDS).collect();
            let [t_end_ms, nu_e_hz, nu_i_hz, v_e_mv, v_i_mv, w_e_pa, w_i_pa] = f[..] else {
                return Err(bad("truncated bins"));
            };
            rec.bins.push(Bin {
                t_end_ms,
                nu_e_hz,
                nu_i_hz,
                v_e_mv,
                v_i_mv,
                w_e_pa,
                w_i_pa,
            });
        }
        let n_spikes = count(&mut it)?;
        for _ in 0..n_spikes {
            match (it.next(), it.next()) {
                (Some(t_ms), Some(n)) if n >= 0.0 && n <= f64::from(u32::MAX) => {
                    rec.spikes.push(Spike {
                        t_ms,
                        neuron: n as u32,
                    })
                }
                _ => return Err(bad("truncated spikes")),
            }
        }
        if it.next().is_some() {
            return Err(bad("trailing data"));
        }
        Ok(rec)
    }
}

/// Where a streamed run stands, sent with each piece of its recording.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Progress {
    /// Model time reached [ms].
    pub t_ms: f64,
    /// The run reached its end or stopped.
    pub done: bool,
    /// When the state stopped being finite [ms], if it did.
    pub diverged_at_ms: Option<f64>,
    /// Memory the simulating side holds [bytes].
    pub memory_bytes: f64,
    /// Spikes of all excitatory cells so far.
    pub spikes_e: u64,
    /// Spikes of all inhibitory cells so far.
    pub spikes_i: u64,
}

/// Progress then recording, as one flat array (the worker's message to the page).
#[must_use]
pub fn encode_chunk(p: &Progress, rec: &Recording) -> Vec<f64> {
    let mut out = vec![
        p.t_ms,
        f64::from(u8::from(p.done)),
        p.diverged_at_ms.unwrap_or(-1.0),
        p.memory_bytes,
        p.spikes_e as f64,
        p.spikes_i as f64,
    ];
    out.extend(rec.encode());
    out
}

/// Reads [`encode_chunk`]'s output back.
///
/// # Errors
/// When the data is not such a chunk.
pub fn decode_chunk(data: &[f64]) -> Result<(Progress, Recording), Error> {
    let Some((head, rest)) = data.split_first_chunk::<6>() else {
        return Err(Error::Usage("network data: truncated chunk".into()));
    };
    let [t_ms, done, diverged, memory_bytes, spikes_e, spikes_i] = *head;
    let progress = Progress {
        t_ms,
        done: done != 0.0,
        diverged_at_ms: (diverged >= 0.0).then_some(diverged),
        memory_bytes,
        spikes_e: spikes_e as u64,
        spikes_i: spikes_i as u64,
    };
    Ok((progress, Recording::decode(rest)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_round_trip() {
        let p = Progress {
            t_ms: 12.5,
            done: true,
            diverged_at_ms: None,
            memory_bytes: 4096.0,
            spikes_e: 12,
            spikes_i: 30,
        };
        let rec = Recording {
            bins: Vec::new(),
            spikes: vec![Spike {
                t_ms: 3.0,
                neuron: 1,
            }],
        };
        assert_eq!(decode_chunk(&encode_chunk(&p, &rec)).unwrap(), (p, rec));
        assert!(decode_chunk(&[1.0, 0.0]).is_err());
    }

    #[test]
    fn encoding_round_trips_and_rejects_damage() {
        let rec = Recording {
            bins: vec![Bin {
                t_end_ms: 5.0,
                nu_e_hz: 3.5,
                nu_i_hz: 12.0,
                v_e_mv: -60.0,
                v_i_mv: -58.0,
                w_e_pa: 40.0,
                w_i_pa: 0.0,
            }],
            spikes: vec![
                Spike {
                    t_ms: 1.2,
                    neuron: 7,
                },
                Spike {
                    t_ms: 4.9,
                    neuron: 8001,
                },
            ],
        };
        let enc = rec.encode();
        assert_eq!(Recording::decode(&enc).unwrap(), rec);
        assert!(Recording::decode(&enc[..enc.len() - 1]).is_err());
        assert!(Recording::decode(&[1.0, 0.0, 0.0]).is_err());
        let mut extra = enc.clone();
        extra.push(0.0);
        assert!(Recording::decode(&extra).is_err());
        let mut huge = enc;
        huge[1] = 1e12;
        assert!(Recording::decode(&huge).is_err());
    }
}
