//! Unit tests of the parent module.

use super::*;
use crate::stimulus::Stimulus;

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
    let mut network = AdexNetwork::new(&NetworkSetup {
        spec: NetworkSpec::new(&adex, &net, None),
        signal: &signal,
        stim_frac_i: 1.0,
        duration_ms: 1000.0,
        seed: 1,
        filter: SpikeFilter::ALL,
    })
    .unwrap();
    network.advance_to(10.0);
    assert_eq!(network.diverged_at_ms(), None);
    network.v[3] = f32::NAN;
    network.advance_to(1000.0);
    assert_eq!(network.diverged_at_ms(), Some(15.0));
    assert!(network.done());
    assert_eq!(network.t_ms(), 15.0, "no step after the bin that found it");
}
