//! The `meanfield --help` text: the tool's public interface.

/// The complete `--help` text.
pub const HELP: &str = "\
meanfield — mean-field models of cortical populations (the engine of Mean-Field Explorer)

USAGE
  meanfield tf --cell rs|fs --nu-e HZ --nu-i HZ [--w PA] [--set KEY=VALUE]... [--coeffs-file F]
      Evaluate the transfer function of one cell type and print JSON:
      mu_v, sigma_v, v_thr_eff (mV), tau_v (ms), tau_v_n (1), mu_g (nS), rate (Hz).
      --nu-e and --nu-i are per-synapse input rates (recurrent + drive), --w the adaptation
      current (default 0 pA). The cell, synapse and network parameters come from --set.

  meanfield run [--model adex] [--set KEY=VALUE]... [--duration-ms T] [--coeffs-file F] [--json]
      Integrate the mean field and print the time series: CSV with a header row
      (t_ms,nu_e,nu_i,c_ee,c_ei,c_ii,w_e,w_i,input_e,input_i; ms, Hz, Hz^2, pA, Hz), one row per
      step, or with --json one object holding the scenario, units, events and one array per
      column. Warnings (rate cap, blow-up) go to stderr.

  meanfield steady [--model adex] [--set KEY=VALUE]... [--coeffs-file F] [--max-ms T]
      Run until the state stops changing (or --max-ms of model time, default 300000) and print
      the final state as JSON: nu_e, nu_i (Hz), c_ee, c_ei, c_ii (Hz^2), w_e, w_i (pA), settled,
      t_ms, events. A time-varying stimulus is removed first (a constant one is kept).

  meanfield network [--model adex] [--set KEY=VALUE]... [--duration-ms T] [--seed S] [--json]
      Simulate the spiking network the mean field describes (same keys: N, wiring, cells,
      synapses, drive, stimulus, seed) and print its binned population rates as CSV
      (t_ms,nu_e,nu_i,v_e,v_i,w_e,w_i; bin end in ms, Hz, mV, pA), or with --json a summary:
      mean nu_e, nu_i over the second half of the run, spike counts, synapses, build and
      run wall time, and model seconds simulated per wall-clock second.

  meanfield analysis --kind fixed_points|scan|map|freq_response|bifurcation|two_parameter|
                            phase_plane [--model M] [--set KEY=VALUE]... [--coeffs-file F] [--json]
      Run the page's analysis to the end. Of the conductance mean fields (AdEx, Izhikevich): the
      fixed points of F(nu_e) with their stability, a scan of them against scan_x over
      scan_min..scan_max (scan_n values), the bistability map over map_x and map_y, or the
      response amplitude to a sinusoid from fr_min to fr_max Hz. Of every model
      (bifurcation): the diagram of bif_x over bif_min..bif_max and the spiking network run at
      bif_net values along it (mean, min and max of its binned rate over the second half of
      each run, beside the mean field's mean); (two_parameter) the fold and Hopf curves in bif_x
      and bif_y over bif_ymin..bif_ymax; (phase_plane) the run in (r, v) or (nu_e, nu_i), the
      equilibria at its parameters with their stability, and the nullclines of planar models. Prints the result as CSV (the
      page's analysis CSV: units in the header), or with --json {kind, scenario, result,
      failures, summary}, the summary being the page's sentence. A scan or map range beyond
      its key's range is an error (the page clamps it with a notice); points that fail are
      left out and named on stderr.

  meanfield bifurcation --model M --param KEY --from A --to B [--set KEY=VALUE]... [--json]
      The bifurcation diagram of a mean field in one numeric key over A..B: pseudo-arclength
      continuation of its equilibria from both ends of the range (a conductance model's also
      from every fixed point of F(nu_e) there and from the scenario's own value; its state:
      nu_e, nu_i, in second order c_ee, c_ei, c_ii, and with dynamic adaptation w_e, w_i), the
      stability of each point, and its folds and Hopf points, located to 1e-10 of the range; from each Hopf point the branch of periodic orbits (collocation):
      period, min and max of each variable, Floquet multipliers, folds of cycles, period
      doublings, a homoclinic end. Prints the special points (type, KEY, the rate in Hz, a Hopf
      point's frequency in Hz and first Lyapunov coefficient: < 0 supercritical, > 0
      subcritical), where each branch is stable and each cycle branch; with --json {param,
      label, unit, from, to, current, variables, branches: [{end, points: [{KEY, state, stable,
      unstable_dims, eigenvalues_per_ms}]}], cycles: [{hopf, end, points: [{KEY, period_ms,
      min, max, stable, floquet_multipliers}]}], points: [{type, KEY, state, branch,
      frequency_hz, first_lyapunov, criticality, period_ms}], neutral_saddles, notes}. A
      time-varying stimulus is left out (a constant one is kept); notes go to stderr.

  meanfield bifurcation --model M --param KEY --from A --to B --two KEY2 --from2 A2 --to2 B2
                        [--set KEY=VALUE]... [--json]
      The two-parameter diagram: the curves of folds and of Hopf points through those of the
      one-parameter diagram in KEY (at the scenario's value of KEY2), followed in KEY2 over
      A2..B2, with their cusps, Bogdanov-Takens and Bautin points. Prints the points (type,
      KEY, KEY2, r in Hz) and each curve's extent; with --json {param, param2, from, to, from2,
      to2, started_at, curves: [{type, points: [{KEY, KEY2, r_hz, neutral_saddle}]}], points:
      [{type, KEY, KEY2, r_hz}], notes}. Past a Bogdanov-Takens point a Hopf curve continues as
      neutral saddles (neutral_saddle: true), which are no bifurcation.

  meanfield lesson [--check ID [--seed S]] [--json]
      List the page's lessons, or run every step of lesson ID as the page makes it (the steps'
      actions done, seed S, default 1) and report each step's check: what it reads, the value
      measured and whether it holds. Exits 1 when a check does not hold.

  meanfield fit [--model adex|izhikevich] [--set KEY=VALUE]... [--grid full|quick] [--seed S]
                [--id ID] [--out FILE]
      Fit transfer-function coefficients with the project's own pipeline: simulate one neuron
      of each cell type over a grid of inputs (nu_e, nu_i per synapse; adaptation w held fixed)
      under Poisson shot-noise conductances, fit the effective-threshold polynomial by linear
      least squares, refine it on the output rates (Levenberg-Marquardt), and write the
      coefficient JSON (grid, seed, residuals, simulated points) to FILE or stdout. AdEx cells
      are those of the scenario (--set: g_L, C_m, E_L, V_T, Delta_T, V_reset, tau_ref,
      synapses, K); Izhikevich cells are those of Alexandersen et al. 2023. Same inputs, same
      file. A summary of the residuals goes to stderr. --grid full (default) is the grid of
      the shipped files, quick the page's refit.

  meanfield fit --check FILE [--cell exc|inh] [--seed S]
      Re-simulate a held-out grid (between the full grid's points, other random streams) with
      the cells, synapses and in-degrees the file states, and print JSON with the file's error
      there for each cell: n_points, rms_hz, max_hz, bias_hz, noise_rms_hz (the simulations'
      own standard error), excluded. Works on any coefficient file, ours or published.

  meanfield export --to nest|brian2|tvb|pyrates [--link URL] [--model M] [--set KEY=VALUE]...
                   [--duration-ms T] [--seed S] [--coeffs-file F] [--out FILE]
      Write the scenario (a page link given with --link, or the options) as a standalone
      Python script for another simulator, to FILE or stdout:
        nest     the AdEx network for PyNEST (aeif_cond_exp), threads and MPI at run time;
        brian2   the AdEx or Izhikevich network for Brian2;
        tvb      the AdEx mean field for The Virtual Brain (ZerlautAdaptation{First,Second}Order),
                 parameters and coefficients mapped by term and unit;
        pyrates  the exact (Lorentzian) mean fields on PyRates' templates.
      The network scripts print the CSV of `meanfield network`, the mean-field scripts that of
      `meanfield run`. What does not carry over exactly goes to stderr and the script's header.

  meanfield bench network [--set KEY=VALUE]... [--duration-ms T]
      Time the network at N = 2000 and N = 10 000, an exact family's also at 100 000 (AdEx:
      b_e = 0, nu_drive = 2.5 Hz; no stimulus, 2000 ms unless set; the spikes of the page's
      raster kept) and print model seconds per wall second, ns per neuron-step, wall times,
      mean rates and peak memory.

  meanfield list [--json]
      List the models, the stimuli and every parameter key with unit, default and range.

  meanfield help | --help | -h        This text.
  meanfield --version                 The version.

OPTIONS
  --set KEY=VALUE   Set a parameter (repeatable); keys and units as in `meanfield list` and in
                    the page's links, e.g. --set b_e=60 --set order=1 --set stim=step.
                    A value outside its range is an error.
  --coeffs-file F   Transfer-function coefficients from a JSON file instead of the built-in set
                    named by the `coeffs` key.
  --duration-ms T   Model time to simulate (same as --set duration=T).
  --seed S          Seed of every random draw (same as --set seed=S).
  --model M         Model id (adex; fit also takes izhikevich).

EXIT STATUS
  0 success, 1 the computation failed, 2 the command line could not be used.
";
