//! `meanfield fit`: the transfer-function fitting pipeline and its held-out check.

use super::args::Args;
use super::common::{scenario, to_json_text, write_out};
use super::error::CliError;
use crate::fit::{FitInputs, Fitter, GridPreset};
use crate::meanfield::Pop;
use crate::transfer::coefficients::NeuronModel;
use crate::transfer::CoefficientSet;
use serde_json::json;
use std::io::Write;

#[allow(clippy::disallowed_methods)] // wall time of a native command, not model time
fn now() -> std::time::Instant {
    std::time::Instant::now()
}

pub(super) fn fit(a: &Args, out: &mut impl Write) -> Result<Vec<String>, CliError> {
    if let Some(file) = &a.check {
        return check(a, file, out);
    }
    if a.cell.is_some() {
        return Err(CliError::usage("--cell only goes with --check"));
    }
    let preset = match a.grid.as_deref() {
        None => GridPreset::Full,
        Some(g) => GridPreset::from_name(g)
            .ok_or_else(|| CliError::usage(format!("--grid is full or quick, got '{g}'")))?,
    };
    let model = a.model.as_deref().unwrap_or("adex");
    let mut inputs = match model {
        "adex" => {
            let s = scenario(a)?;
            s.fit_inputs(
                preset,
                "meanfield-fit-adex",
                "AdEx RS and FS cells of di Volo et al. 2019, fitted by this project",
            )
        }
        "izhikevich" => {
            if !a.sets.is_empty() {
                return Err(CliError::usage(
                    "--set does not apply to --model izhikevich yet (its cells are fixed)",
                ));
            }
            let seed = match &a.seed {
                Some(s) => s.parse().map_err(|_| {
                    CliError::usage(format!("--seed expects a whole number, got '{s}'"))
                })?,
                None => 1,
            };
            FitInputs::izhikevich(preset, seed)
        }
        other => {
            return Err(CliError::usage(format!(
                "fit knows the models adex and izhikevich, got '{other}'"
            )))
        }
    };
    if let Some(id) = &a.id {
        inputs.id.clone_from(id);
    }
    let t0 = now();
    let mut fitter = Fitter::new(inputs)?;
    fitter.run_all();
    let sim_s = t0.elapsed().as_secs_f64();
    let set = fitter
        .finish()
        .map_err(|e| CliError::failed(e.to_string()))?;
    let fit_s = t0.elapsed().as_secs_f64() - sim_s;
    let text = set.to_json();
    match &a.out {
        Some(path) => std::fs::write(path, &text)
            .map_err(|e| CliError::failed(format!("cannot write '{path}': {e}")))?,
        None => {
            write_out(out, &text)?;
        }
    }
    let mut notes = vec![format!(
        "simulated {} points in {sim_s:.1} s, fitted in {fit_s:.2} s",
        fitter.sweep().points_done()
    )];
    for c in [&set.exc, &set.inh] {
        if let Some(f) = &c.fit {
            let r = f.residuals;
            notes.push(format!(
                "{}: threshold step {:.3} mV RMS over {} points; rates {:.3} Hz RMS (max {:.2}) \
                 after step 1, {:.3} Hz RMS (max {:.2}) after step 2, over {} points; \
                 simulation noise {:.3} Hz RMS",
                c.name,
                r.threshold_rms_mv,
                r.threshold_points,
                r.step1_rms_hz,
                r.step1_max_hz,
                r.rms_hz,
                r.max_hz,
                r.rate_points,
                r.noise_rms_hz
            ));
        }
    }
    Ok(notes)
}

fn check(a: &Args, file: &str, out: &mut impl Write) -> Result<Vec<String>, CliError> {
    if a.grid.is_some() || a.out.is_some() || a.id.is_some() || !a.sets.is_empty() {
        return Err(CliError::usage(
            "--check takes only --cell and --seed: the cells are those the file states",
        ));
    }
    let text = std::fs::read_to_string(file)
        .map_err(|e| CliError::usage(format!("cannot read coefficient file '{file}': {e}")))?;
    let set = CoefficientSet::parse(file, &text)?;
    let pops = match a.cell.as_deref() {
        None => vec![Pop::Exc, Pop::Inh],
        Some("exc" | "rs" | "e") => vec![Pop::Exc],
        Some("inh" | "fs" | "i") => vec![Pop::Inh],
        Some(other) => {
            return Err(CliError::usage(format!(
                "--cell is exc or inh, got '{other}'"
            )))
        }
    };
    let seed: u64 = match &a.seed {
        Some(s) => s
            .parse()
            .map_err(|_| CliError::usage(format!("--seed expects a whole number, got '{s}'")))?,
        None => 1,
    };
    let (id, model) = (set.id.clone(), set.neuron_model);
    let t0 = now();
    let reports = crate::fit::check(&set, &pops, seed)?;
    let v = json!({
        "file": file,
        "id": id,
        "neuron_model": match model { NeuronModel::Adex => "adex", NeuronModel::Izhikevich => "izhikevich" },
        "seed": seed,
        "cells": reports,
        "wall_s": t0.elapsed().as_secs_f64(),
    });
    write_out(out, &to_json_text(&v)?)
}
