//! Unit tests of the parent module.

use super::*;
use crate::stimulus::{Stimulus, StimulusKind};

/// A 1 s network of `adex` and `net` under `signal`, seed 1, every spike recorded.
fn small_network(
    adex: &AdexParams,
    net: &NetworkParams,
    signal: &crate::stimulus::Signal,
) -> AdexNetwork {
    AdexNetwork::new(&NetworkSetup {
        spec: NetworkSpec::new(adex, net, None),
        signal,
        stim_frac_i: 1.0,
        duration_ms: 1000.0,
        seed: 1,
        filter: SpikeFilter::ALL,
    })
    .unwrap()
}

#[test]
fn a_state_that_stops_being_finite_stops_the_run_and_says_when() {
    let (adex, net) = (
        AdexParams {
            n_total: 200.0,
            k_e: 20.0,
            k_i: 5.0,
            ..AdexParams::default()
        },
        NetworkParams::default(),
    );
    let signal = Stimulus::default().signal(1000.0, 1);
    let mut network = small_network(&adex, &net, &signal);
    network.advance_to(10.0);
    assert_eq!(network.diverged_at_ms(), None);
    network.v[3] = f32::NAN;
    network.advance_to(1000.0);
    assert_eq!(network.diverged_at_ms(), Some(15.0));
    assert!(network.done());
    assert_eq!(network.t_ms(), 15.0, "no step after the bin that found it");
}

#[test]
fn conductances_decay_to_zero_not_into_the_subnormal_floats() {
    // No drive, no stimulus: after one input the conductances only decay.
    let (adex, net) = (
        AdexParams {
            n_total: 200.0,
            k_e: 20.0,
            k_i: 5.0,
            nu_drive_hz: 0.0,
            ..AdexParams::default()
        },
        NetworkParams::default(),
    );
    let signal = Stimulus {
        kind: StimulusKind::None,
        ..Stimulus::default()
    }
    .signal(1000.0, 1);
    let mut network = small_network(&adex, &net, &signal);
    network.advance_to(10.0);
    network.ge.fill(1.0);
    network.gi.fill(1.0);
    // 1 nS decays past 1e−38 after some 0.45 s (τ = 5 ms, dt = 0.1 ms).
    network.advance_to(1000.0);
    let g = || network.ge.iter().chain(&network.gi);
    assert!(
        g().all(|g| *g == 0.0 || g.is_normal()),
        "{:?}",
        g().find(|g| g.is_subnormal())
    );
    assert!(g().all(|g| *g == 0.0));
}
