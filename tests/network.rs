#![allow(clippy::unwrap_used)]
//! The spiking network against independent values: the mean field it was fitted for, an
//! analytic subthreshold limit, and itself (seeds).

use meanfield_explorer::meanfield::{self, SteadyOptions};
use meanfield_explorer::network::{Connectivity, SpikeFilter};
use meanfield_explorer::scenario::Scenario;
use meanfield_explorer::scenario::{self, OutOfRange};
use meanfield_explorer::stimulus::StimulusKind;
use meanfield_explorer::transfer::CoefficientSet;

fn scenario(sets: &[(&str, &str)]) -> Scenario {
    let mut s = Scenario::default();
    s.stimulus.kind = StimulusKind::None;
    for (k, v) in sets {
        scenario::set(&mut s, k, v, OutOfRange::Reject).unwrap();
    }
    s
}

/// Mean (ν_e, ν_i) of the network over the second half of the run.
fn network_rates(s: &Scenario) -> (f64, f64) {
    let rec = s.network(SpikeFilter::RASTER, None).unwrap().run();
    rec.mean_rates_after(0.5 * s.duration_ms).unwrap()
}

fn mean_field_rates(s: &Scenario) -> (f64, f64) {
    let set = CoefficientSet::builtin(&s.adex.coeffs).unwrap();
    let model = s.adex_model(&set).unwrap();
    let r = meanfield::steady(
        &model,
        s.initial_state(),
        &s.signal(),
        SteadyOptions::default(),
    );
    assert!(r.settled);
    (r.state.nu_e, r.state.nu_i)
}

/// di Volo et al. 2019's claim, at the paper's size: the second-order mean field predicts the
/// network's stationary rates. Slow-ish (8 network runs of 6 s at N = 10 000): ignored by
/// default, run by scripts/test.sh.
#[test]
#[ignore = "several seconds of N = 10 000 networks; scripts/test.sh runs it"]
fn network_rates_agree_with_the_second_order_mean_field() {
    println!(
        "{:>5} {:>15} {:>8} {:>8} {:>8} {:>8}",
        "b_pA", "wiring", "net ν_e", "MF ν_e", "net ν_i", "MF ν_i"
    );
    let mut last = (f64::INFINITY, f64::INFINITY);
    let mut at_zero = Vec::new(); // (network ν_e, mean field ν_e) for random, then fixed
    for b in ["0", "20", "60"] {
        for wiring in ["random", "fixed_indegree"] {
            let s = scenario(&[("b_e", b), ("connectivity", wiring), ("duration", "6000")]);
            let (ne, ni) = network_rates(&s);
            let (me, mi) = mean_field_rates(&s);
            let (de, di) = ((ne - me) / me, (ni - mi) / mi);
            println!("{b:>5} {wiring:>15} {ne:>8.3} {me:>8.3} {ni:>8.3} {mi:>8.3}   ({:+.1} %, {:+.1} %)", 100.0 * de, 100.0 * di);
            if b == "0" {
                at_zero.push((ne, me, de));
                continue;
            }
            // 12 %: at b = 60 the rates are 2 Hz and the fixed in-degree network sits 0.2 Hz
            // (+10 %) above the project's fit (+7 % with the official coefficients).
            assert!(
                de.abs() < 0.12,
                "b = {b}, {wiring}: ν_e network {ne} vs mean field {me}"
            );
            assert!(
                di.abs() < 0.05,
                "b = {b}, {wiring}: ν_i network {ni} vs mean field {mi}"
            );
            if wiring == "fixed_indegree" {
                assert!(
                    ne < last.0 && ni < last.1,
                    "rates must fall as b rises: {ne}, {ni} after {last:?}"
                );
                last = (ne, ni);
            }
        }
    }
    // At b = 0 the random network's in-degree spread lifts its rate well above the fixed
    // in-degree network's; the mean field (the project's own fit) lies between the two, within
    // 25 % of each (measured: +21 % and -12 %).
    let (random, fixed) = (at_zero[0], at_zero[1]);
    assert!(
        random.0 > 1.25 * fixed.0,
        "b = 0: random {random:?}, fixed {fixed:?}"
    );
    assert!(
        fixed.0 < fixed.1 && fixed.1 < random.0,
        "b = 0: {random:?}, {fixed:?}"
    );
    assert!(
        random.2.abs() < 0.25 && fixed.2.abs() < 0.25,
        "b = 0: {random:?}, {fixed:?}"
    );
}

/// Without recurrent synapses and far below threshold, the mean membrane potential is the
/// shot-noise conductance mean: G_e = K_ext ν Q_e τ_e, V = (g_L E_L + G_e E_e) / (g_L + G_e).
#[test]
fn subthreshold_mean_potential_matches_the_conductance_mean() {
    let mut s = scenario(&[
        ("nu_drive", "0.2"),
        ("duration", "1000"),
        ("n", "2000"),
        ("w_e0", "0"),
    ]);
    s.adex.k_e = 0.0;
    s.adex.k_i = 0.0;
    let rec = s.network(SpikeFilter::ALL, None).unwrap().run();
    let late: Vec<_> = rec.bins.iter().filter(|b| b.t_end_ms > 200.0).collect();
    let v = late.iter().map(|b| b.v_e_mv).sum::<f64>() / late.len() as f64;
    let g = 400.0 * 0.2 * 1e-3 * 1.5 * 5.0; // K_ext ν [1/ms] Q_e τ_e = 0.6 nS
    let expected = (10.0 * -65.0 + g * 0.0) / (10.0 + g);
    assert!(
        (v - expected).abs() < 0.15,
        "mean V {v} mV, expected {expected} mV"
    );
    assert!(
        rec.spikes.len() < 10,
        "{} spikes far below threshold",
        rec.spikes.len()
    );
}

#[test]
fn same_seed_same_spikes_other_seed_other_spikes_and_reused_wiring_changes_nothing() {
    let s = scenario(&[("n", "1000"), ("duration", "300"), ("b_e", "20")]);
    let a = s.network(SpikeFilter::ALL, None).unwrap().run();
    let b = s.network(SpikeFilter::ALL, None).unwrap().run();
    assert!(a.spikes.len() > 100);
    assert_eq!(a, b);
    let reused = s
        .network(
            SpikeFilter::ALL,
            s.network(SpikeFilter::ALL, None)
                .unwrap()
                .into_conductance(),
        )
        .unwrap()
        .run();
    assert_eq!(a, reused);
    let mut other = s.clone();
    other.seed = 2;
    assert_ne!(
        a.spikes,
        other.network(SpikeFilter::ALL, None).unwrap().run().spikes
    );
}

#[test]
fn streaming_in_pieces_gives_the_same_recording_as_one_run() {
    let s = scenario(&[("n", "1000"), ("duration", "200")]);
    let whole = s.network(SpikeFilter::RASTER, None).unwrap().run();
    let mut net = s.network(SpikeFilter::RASTER, None).unwrap();
    let mut pieces = meanfield_explorer::network::Recording::default();
    let mut t = 0.0;
    while !net.done() {
        t += 7.3;
        net.advance_to(t);
        pieces.extend(net.take());
    }
    assert_eq!(whole, pieces);
    assert_eq!(whole.bins.len(), 40); // 200 ms in 5 ms bins
}

#[test]
fn spike_totals_count_every_spike_even_in_a_bin_left_open_at_the_end() {
    // 103 ms in 5 ms bins: the last 3 ms never close a bin.
    let s = scenario(&[("n", "1000"), ("duration", "103"), ("b_e", "0")]);
    let mut net = s.network(SpikeFilter::ALL, None).unwrap();
    net.advance_to(f64::INFINITY);
    let rec = net.take();
    let (e, i) = net.total_spikes();
    assert!(
        rec.spikes.iter().any(|x| x.t_ms > 100.0),
        "spikes in the open bin"
    );
    assert_eq!((e + i) as usize, rec.spikes.len());
    assert_eq!(
        e as usize,
        rec.spikes.iter().filter(|x| x.neuron < 800).count()
    );
}

#[test]
fn stimulus_reaches_the_network_as_the_mean_field_predicts() {
    // A 500 ms rectangular pulse of +3 Hz per external synapse, to both populations. First
    // order: at N = 2000 the second order's covariances run away to their cap at the pulse's
    // onset (the page warns), and where such a clamped run ends is decided by its last digits
    // (the exact derivatives of F and a 1e-3 Hz stencil of them end in different states).
    let s = scenario(&[
        ("order", "1"),
        ("n", "2000"),
        ("duration", "1500"),
        ("stim", "pulse"),
        ("stim_amp", "3"),
        ("stim_t0", "800"),
        ("stim_dur", "500"),
    ]);
    let rec = s.network(SpikeFilter::RASTER, None).unwrap().run();
    let trace = s
        .run(&CoefficientSet::builtin(&s.adex.coeffs).unwrap())
        .unwrap();
    let window = |a: f64, b: f64| {
        let net: Vec<_> = rec
            .bins
            .iter()
            .filter(|x| x.t_end_ms > a && x.t_end_ms <= b)
            .map(|x| x.nu_e_hz)
            .collect();
        let mf: Vec<_> = trace
            .t_ms
            .iter()
            .zip(&trace.states)
            .filter(|(t, _)| **t > a && **t <= b)
            .map(|(_, x)| x.nu_e)
            .collect();
        (
            net.iter().sum::<f64>() / net.len() as f64,
            mf.iter().sum::<f64>() / mf.len() as f64,
        )
    };
    let (before, mf_before) = window(400.0, 800.0);
    let (during, mf_during) = window(1000.0, 1300.0);
    assert!(
        during > 1.4 * before,
        "network: before {before} Hz, during {during} Hz"
    );
    // N = 2000 is far from the fit's network; the mean field still predicts within 30 %.
    for (net, mf) in [(before, mf_before), (during, mf_during)] {
        assert!(
            (net - mf).abs() < 0.3 * mf,
            "network {net} Hz vs mean field {mf} Hz"
        );
    }
}

#[test]
fn impossible_networks_are_refused_with_the_key_and_a_reason() {
    let s = scenario(&[("n", "300"), ("connectivity", "fixed_indegree")]);
    let e = s
        .network(SpikeFilter::RASTER, None)
        .err()
        .unwrap()
        .to_string();
    assert!(e.starts_with("k_e") && e.contains("raise n"), "{e}");
    let s = scenario(&[("n", "1000000")]);
    let e = s
        .network(SpikeFilter::RASTER, None)
        .err()
        .unwrap()
        .to_string();
    assert!(e.starts_with("n =") && e.contains("synapses"), "{e}");
    assert_eq!(scenario(&[]).net.connectivity, Connectivity::Random);
}

#[test]
fn absurd_conductances_and_step_give_finite_rates_or_a_reported_stop() {
    // A huge conductance with a large step makes forward Euler blow up.
    let s = scenario(&[
        ("n", "1000"),
        ("q_e", "10"),
        ("dt_net", "0.5"),
        ("nu_drive", "30"),
        ("duration", "500"),
    ]);
    let mut net = s.network(SpikeFilter::RASTER, None).unwrap();
    net.advance_to(f64::INFINITY);
    let rec = net.take();
    if let Some(t) = net.diverged_at_ms() {
        assert!(net.done() && t <= 500.0);
    } else {
        assert!(rec
            .bins
            .iter()
            .all(|b| b.v_e_mv.is_finite() && b.nu_e_hz.is_finite()));
    }
}

#[test]
fn a_refused_network_names_the_key_to_change_and_the_model_only_the_quantity() {
    // 200 neurons (160 RS) cannot give each RS cell 400 excitatory partners.
    let mut s = Scenario::default();
    scenario::set(&mut s, "n", "200", scenario::OutOfRange::Reject).unwrap();
    let through_scenario = s.check_network().unwrap_err().to_string();
    assert_eq!(
        through_scenario,
        "k_e = '400': a network of this size has only 159 possible presynaptic neurons per cell \
         in that population; raise n or lower k_e"
    );
    // The model itself refuses the quantity; only the scenario layer knows its key.
    let direct = meanfield_explorer::network::NetworkSpec::new(&s.adex, &s.net, None)
        .check()
        .unwrap_err();
    assert!(
        matches!(
            direct,
            meanfield_explorer::Error::Model {
                quantity: meanfield_explorer::error::Quantity::InDegreeExc,
                ..
            }
        ),
        "{direct:?}"
    );
    assert!(
        direct
            .to_string()
            .starts_with("excitatory in-degree K_e = '400': "),
        "{direct}"
    );
    // An exact family's network: too few neurons.
    let mut q = Scenario::for_model(meanfield_explorer::scenario::ModelKind::Qif);
    q.adex.n_total = 1.0;
    assert!(q
        .check_network()
        .unwrap_err()
        .to_string()
        .starts_with("n = '1': "));
}
