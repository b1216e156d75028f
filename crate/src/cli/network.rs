//! `meanfield network` and `meanfield bench network`: the spiking network from the command line.
//! Wall-clock time is measured here, outside the core, which never reads a clock.

use super::args::Args;
use super::common::{scenario, to_json_text, write_out};
use super::error::CliError;
use crate::record::{Recording, SpikeFilter};
use crate::scenario::Network;
use crate::scenario::Scenario;
use crate::scenario::{self, OutOfRange};
use serde_json::json;
use std::io::Write;
use std::time::Duration;

/// Wall time of `f`.
#[allow(clippy::disallowed_methods)] // The CLI is native only; the core stays clock-free.
fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let start = std::time::Instant::now();
    let v = f();
    (v, start.elapsed())
}

/// One run of the network with its timings.
struct Timed {
    net: Network,
    rec: Recording,
    build: Duration,
    run: Duration,
}

/// One run keeping the spikes of the neurons `filter` keeps.
fn simulate(s: &Scenario, filter: SpikeFilter) -> Result<Timed, CliError> {
    let (net, build) = timed(|| s.network(filter, None));
    let mut net = net?;
    let (rec, run) = timed(|| {
        net.advance_to(f64::INFINITY);
        net.take()
    });
    if let Some(t) = net.diverged_at_ms() {
        return Err(CliError::failed(format!(
            "the network's state stopped being finite at t = {t} ms (step too large for these parameters? try --set dt_net=0.05)"
        )));
    }
    Ok(Timed {
        net,
        rec,
        build,
        run,
    })
}

/// The first 20 spikes of the cells `filter` keeps, as (t_ms, neuron), numbered as the page's
/// raster numbers them: a conductance network keeps its first cells; an exact network
/// (`exact`) every stride-th neuron, spread over the heterogeneity.
fn first_spikes(rec: &Recording, filter: SpikeFilter, n_e: usize, exact: bool) -> Vec<(f64, u32)> {
    let stride = if exact {
        crate::lorentz::raster_stride(n_e, filter) as u32
    } else {
        1
    };
    rec.spikes
        .iter()
        .filter(|s| {
            if exact {
                s.neuron % stride == 0
            } else {
                filter.keeps(s.neuron, n_e as u32)
            }
        })
        .take(20)
        .map(|s| (s.t_ms, s.neuron / stride))
        .collect()
}

fn speed(model_ms: f64, wall: Duration) -> f64 {
    model_ms * 1e-3 / wall.as_secs_f64().max(1e-9)
}

pub(super) fn network(a: &Args, out: &mut impl Write) -> Result<Vec<String>, CliError> {
    let s = scenario(a)?;
    let r = simulate(&s, SpikeFilter::ALL)?;
    let (n_e, n_i) = s.population_sizes();
    let end_ms = r.net.t_ms();
    let (connectivity, synapses) = match &r.net {
        Network::Conductance(n) => (n.wiring().rule.name(), n.synapses()),
        Network::Lorentz(_) => ("all_to_all", n_e * n_e),
    };
    let text = if a.json {
        let (nu_e, nu_i) = r
            .rec
            .mean_rates_after(0.5 * end_ms)
            .unwrap_or((f64::NAN, f64::NAN));
        let (spikes_e, spikes_i) = r.net.total_spikes();
        let exact = matches!(r.net, Network::Lorentz(_));
        let v = json!({
            "model": s.model.name(),
            "scenario": scenario::to_json(&s),
            "n_e": n_e, "n_i": n_i, "connectivity": connectivity,
            "synapses": synapses,
            "description": s.network_description(),
            "duration_ms": end_ms,
            "mean_nu_e": nu_e, "mean_nu_i": nu_i,
            "mean_from_ms": 0.5 * end_ms,
            "spikes_e": spikes_e, "spikes_i": spikes_i,
            "first_spikes": first_spikes(&r.rec, SpikeFilter::ALL, n_e, false),
            "first_raster_spikes": first_spikes(&r.rec, SpikeFilter::RASTER, n_e, exact),
            "build_wall_s": r.build.as_secs_f64(),
            "wall_s": r.run.as_secs_f64(),
            "model_s_per_wall_s": speed(end_ms, r.run),
            "peak_rss_mb": peak_rss_mb(),
            "units": {"mean_nu_e": "Hz", "mean_nu_i": "Hz", "duration_ms": "ms", "wall_s": "s", "peak_rss_mb": "MiB"},
        });
        to_json_text(&v)?
    } else {
        let mut csv = String::from("t_ms,nu_e,nu_i,v_e,v_i,w_e,w_i\n");
        for b in &r.rec.bins {
            csv.push_str(&format!(
                "{},{},{},{},{},{},{}\n",
                b.t_end_ms, b.nu_e_hz, b.nu_i_hz, b.v_e_mv, b.v_i_mv, b.w_e_pa, b.w_i_pa
            ));
        }
        csv
    };
    write_out(out, &text)?;
    Ok(Vec::new())
}

/// Peak resident memory of this process [MB] (Linux `VmHWM`), if known.
fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

pub(super) fn bench(a: &Args, out: &mut impl Write) -> Result<Vec<String>, CliError> {
    let mut base = scenario(a)?;
    let set_default = |s: &mut Scenario, key: &str, value: &str| -> Result<(), CliError> {
        if !a.sets.iter().any(|(k, _)| k == key) {
            scenario::set(s, key, value, OutOfRange::Reject)?;
        }
        Ok(())
    };
    if base.model == crate::scenario::ModelKind::Adex {
        // The AdEx benchmark's fixed operating point; other models keep their own defaults.
        set_default(&mut base, "b_e", "0")?;
        set_default(&mut base, "nu_drive", "2.5")?;
    }
    set_default(&mut base, "stim", "none")?;
    if a.duration_ms.is_none() {
        set_default(&mut base, "duration", "2000")?;
    }
    let setting = match base.model {
        crate::scenario::ModelKind::Adex => format!(
            "AdEx RS/FS, b_e = {} pA, nu_drive = {} Hz, wiring {}",
            base.adex.exc.b_pa,
            base.adex.nu_drive_hz,
            base.net.connectivity.name()
        ),
        crate::scenario::ModelKind::Izhikevich => format!(
            "Izhikevich E/I, d_e = {} pA, nu_drive = {} Hz, wiring {}",
            base.izh.exc.d_pa,
            base.adex.nu_drive_hz,
            base.net.connectivity.name()
        ),
        m => format!(
            "{} (all-to-all; synapses column 0: coupling through the population rate)",
            m.label()
        ),
    };
    let mut t = format!(
        "meanfield bench network: {setting}, dt = {} ms, {} ms of model time, stimulus {}\n",
        base.net.dt_ms,
        base.duration_ms,
        base.stimulus.kind.name()
    );
    t.push_str(&format!(
        "{:>7} {:>10} {:>9} {:>9} {:>12} {:>14} {:>9} {:>9} {:>10}\n",
        "N",
        "synapses",
        "build_s",
        "run_s",
        "model_s/s",
        "ns/neuron-step",
        "nu_e_Hz",
        "nu_i_Hz",
        "peak_MB"
    ));
    // An exact family also at N = 100 000, the page's largest advertised size for them.
    let sizes: &[f64] = if base.model.family().is_some() {
        &[2000.0, 10_000.0, 100_000.0]
    } else {
        &[2000.0, 10_000.0]
    };
    for &n in sizes {
        let mut s = base.clone();
        s.adex.n_total = n;
        // The spikes the page keeps (its raster's), as the page's own figures are measured.
        let r = simulate(&s, SpikeFilter::RASTER)?;
        let end_ms = r.net.t_ms();
        let (nu_e, nu_i) = r
            .rec
            .mean_rates_after(0.5 * end_ms)
            .unwrap_or((f64::NAN, f64::NAN));
        let peak = peak_rss_mb().map_or("n/a".to_string(), |m| format!("{m:.0}"));
        let synapses = match &r.net {
            Network::Conductance(n) => n.synapses(),
            Network::Lorentz(_) => 0,
        };
        // The cost of one neuron over one network step, synapses and drive included.
        let neuron_steps = n * (end_ms / s.net.dt_ms).round();
        let ns_per = r.run.as_secs_f64() * 1e9 / neuron_steps.max(1.0);
        t.push_str(&format!(
            "{:>7} {:>10} {:>9.3} {:>9.3} {:>12.2} {:>14.1} {:>9.2} {:>9.2} {:>10}\n",
            n,
            synapses,
            r.build.as_secs_f64(),
            r.run.as_secs_f64(),
            speed(end_ms, r.run),
            ns_per,
            nu_e,
            nu_i,
            peak
        ));
    }
    t.push_str(
        "(peak_MB is the process's high-water mark after that row; rows run smallest first)\n",
    );
    write_out(out, &t)?;
    Ok(Vec::new())
}
