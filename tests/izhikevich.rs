//! The conductance-based Izhikevich mean field (Alexandersen et al. 2023): its network, its
//! second-order derivatives (which the reference code's 1e-16 Hz step sets to zero), and the
//! guard where the stationary quadratic has no subthreshold root.

#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test
use meanfield_explorer::meanfield::{Pop, RunEvent};
use meanfield_explorer::network::SpikeFilter;
use meanfield_explorer::scenario::Scenario;
use meanfield_explorer::scenario::{self, OutOfRange};
use meanfield_explorer::transfer::izhikevich::IzhTransfer;
use meanfield_explorer::transfer::CoefficientSet;

fn scenario(sets: &[(&str, &str)]) -> Scenario {
    let mut s = Scenario::default();
    for (k, v) in [("model", "izhikevich")].iter().chain(sets) {
        scenario::set(&mut s, k, v, OutOfRange::Reject).unwrap();
    }
    s
}

fn set() -> CoefficientSet {
    CoefficientSet::builtin("meanfield-fit-izhikevich").unwrap()
}

#[test]
fn the_network_of_8000_plus_2000_cells_fires_at_the_mean_fields_rates() {
    let s = scenario(&[("duration", "3000"), ("order", "1")]);
    let x = *s.run(&set()).unwrap().last().unwrap();
    let rec = s.network(SpikeFilter::RASTER, None).unwrap().run();
    let (e, i) = rec.mean_rates_after(1500.0).unwrap();
    // Measured: network 8.16 / 14.54 Hz, mean field 8.70 / 15.02 Hz. The tolerance of 10 %
    // covers the fit's own error (0.28 Hz RMS on held-out cells) plus the random in-degrees.
    assert!(
        (e - x.nu_e).abs() < 0.10 * x.nu_e,
        "E: network {e} vs MF {}",
        x.nu_e
    );
    assert!(
        (i - x.nu_i).abs() < 0.10 * x.nu_i,
        "I: network {i} vs MF {}",
        x.nu_i
    );
    // The mean adaptation: u = d ν_e τ_u at steady state.
    let w = rec.bins.last().unwrap().w_e_pa;
    assert!(
        (w - x.w_e).abs() < 0.12 * x.w_e,
        "u: network {w} vs MF {}",
        x.w_e
    );
}

#[test]
fn second_order_derivatives_are_those_of_the_transfer_function_not_zero() {
    let s = scenario(&[]);
    let cs = set();
    let x = *s.run(&cs).unwrap().last().unwrap();
    let model = s.adex_model(&cs).unwrap();
    let sample = s.signal().at(s.duration_ms);
    let [(fe, de_e, de_i), _] = model.slopes(&x, sample);
    // Independent: a 5-point stencil with a 100× larger step on the transfer function itself.
    let tf = IzhTransfer {
        neuron: s.izh.cell(Pop::Exc).neuron,
        synapses: s.adex.synapses,
        in_degrees: s.adex.in_degrees(),
        poly: cs.cell(Pop::Exc).p,
        norm: cs.norm,
    };
    let (ne, ni, u) = (x.nu_e + s.adex.nu_drive_hz, x.nu_i, x.w_e);
    let h = 0.1;
    let d5 =
        |f: &dyn Fn(f64) -> f64| (f(-2.0 * h) - 8.0 * f(-h) + 8.0 * f(h) - f(2.0 * h)) / (12.0 * h);
    let want_e = d5(&|d| tf.rate(ne + d, ni, u));
    let want_i = d5(&|d| tf.rate(ne, ni + d, u));
    assert!((fe - tf.rate(ne, ni, u)).abs() < 1e-9);
    assert!(de_e > 0.1 && de_i < -0.1, "{de_e} {de_i}");
    assert!(
        (de_e - want_e).abs() < 1e-3 * want_e.abs(),
        "{de_e} vs {want_e}"
    );
    assert!(
        (de_i - want_i).abs() < 1e-3 * want_i.abs(),
        "{de_i} vs {want_i}"
    );
    // With vanishing derivatives c_ee would settle at the finite-size term alone.
    let t_s = s.adex.t_mf_ms * 1e-3;
    let finite_size_only = fe * (1.0 / t_s - fe) / (2.0 * 0.8 * s.adex.n_total);
    assert!(
        (x.c_ee - finite_size_only).abs() > 0.05 * finite_size_only,
        "{} vs {finite_size_only}",
        x.c_ee
    );
}

#[test]
fn weak_drive_leaves_the_domain_with_a_message_and_no_nan() {
    // izhikevich_mf.md §2.2: with ν_ext = 1 Hz and no inhibition the quadratic has no real
    // root and the reference code returns NaN. Start silent so that ν_i = 0 from the outset.
    let s = scenario(&[
        ("nu_drive", "1"),
        ("nu_e0", "0"),
        ("nu_i0", "0"),
        ("duration", "1000"),
    ]);
    let tr = s.run(&set()).unwrap();
    assert!(tr
        .states
        .iter()
        .all(|x| x.to_array().iter().all(|v| v.is_finite())));
    assert_eq!(tr.t_ms.len(), 10_001, "the run went to the end");
    let e = tr
        .events
        .iter()
        .find(|e| matches!(e, RunEvent::OutOfDomain { .. }))
        .unwrap();
    assert!(e.to_string().contains("no subthreshold rest"), "{e}");
}
