//! Parsing of the `meanfield` command line.

use super::error::CliError;

/// The command to run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    /// Evaluate the transfer function.
    Tf,
    /// Integrate and print the time series.
    Run,
    /// Run to a steady state.
    Steady,
    /// List models, stimuli and keys.
    List,
    /// Simulate the spiking network.
    Network,
    /// Benchmark the spiking network.
    BenchNetwork,
    /// Fit transfer-function coefficients, or check a file (`--check`).
    Fit,
    /// Write the scenario as a script for another simulator.
    Export,
    /// Run an analysis of the mean field (the page's analysis view).
    Analysis,
    /// The bifurcation diagram of the mean field in one parameter.
    Bifurcation,
    /// List the lessons, or check one (`--check ID`).
    Lesson,
    /// Print the help.
    Help,
    /// Print the version.
    Version,
}

/// A parsed command line.
#[derive(Debug, Clone, Default)]
pub struct Args {
    /// Command (None only before parsing finishes).
    pub command: Option<Command>,
    /// `--set KEY=VALUE`, in order.
    pub sets: Vec<(String, String)>,
    /// `--model`.
    pub model: Option<String>,
    /// `--cell`.
    pub cell: Option<String>,
    /// `--nu-e` [Hz].
    pub nu_e: Option<f64>,
    /// `--nu-i` [Hz].
    pub nu_i: Option<f64>,
    /// `--w` [pA].
    pub w: Option<f64>,
    /// `--duration-ms`.
    pub duration_ms: Option<String>,
    /// `--max-ms`.
    pub max_ms: Option<f64>,
    /// `--coeffs-file`.
    pub coeffs_file: Option<String>,
    /// `--json`.
    pub json: bool,
    /// `--seed` (same as `--set seed=S`).
    pub seed: Option<String>,
    /// `--grid` (fit).
    pub grid: Option<String>,
    /// `--out` (fit).
    pub out: Option<String>,
    /// `--check FILE` (fit).
    pub check: Option<String>,
    /// `--id` (fit).
    pub id: Option<String>,
    /// `--to` (export).
    pub to: Option<String>,
    /// `--link` (export): a page link or its query.
    pub link: Option<String>,
    /// `--kind` (analysis).
    pub kind: Option<String>,
    /// `--param` (bifurcation).
    pub param: Option<String>,
    /// `--from` (bifurcation; `--to` is the other end).
    pub from: Option<String>,
    /// `--two` (bifurcation: the second parameter of a two-parameter diagram).
    pub two: Option<String>,
    /// `--from2` (its range).
    pub from2: Option<String>,
    /// `--to2` (its range's other end).
    pub to2: Option<String>,
}

/// Which options each command accepts.
fn accepts(command: Command, option: &str) -> bool {
    match command {
        Command::Tf => matches!(
            option,
            "--cell" | "--nu-e" | "--nu-i" | "--w" | "--set" | "--coeffs-file"
        ),
        Command::Run => matches!(
            option,
            "--model" | "--set" | "--duration-ms" | "--coeffs-file" | "--json"
        ),
        Command::Steady => matches!(option, "--model" | "--set" | "--coeffs-file" | "--max-ms"),
        Command::List => option == "--json",
        Command::Network => matches!(
            option,
            "--model" | "--set" | "--duration-ms" | "--seed" | "--json"
        ),
        Command::BenchNetwork => matches!(option, "--set" | "--duration-ms"),
        Command::Fit => matches!(
            option,
            "--model" | "--set" | "--seed" | "--grid" | "--out" | "--check" | "--cell" | "--id"
        ),
        Command::Export => matches!(
            option,
            "--to"
                | "--model"
                | "--set"
                | "--duration-ms"
                | "--seed"
                | "--coeffs-file"
                | "--out"
                | "--link"
        ),
        Command::Analysis => matches!(
            option,
            "--kind" | "--model" | "--set" | "--coeffs-file" | "--json"
        ),
        Command::Lesson => matches!(option, "--check" | "--seed" | "--json"),
        Command::Bifurcation => matches!(
            option,
            "--model"
                | "--set"
                | "--param"
                | "--from"
                | "--to"
                | "--two"
                | "--from2"
                | "--to2"
                | "--json"
        ),
        Command::Help | Command::Version => false,
    }
}

fn number(option: &str, text: &str) -> Result<f64, CliError> {
    let v: f64 = text
        .parse()
        .map_err(|_| CliError::usage(format!("{option} expects a number, got '{text}'")))?;
    if v.is_finite() {
        Ok(v)
    } else {
        Err(CliError::usage(format!(
            "{option} expects a finite number, got '{text}'"
        )))
    }
}

impl Args {
    /// Parses `args` (without the program name).
    ///
    /// # Errors
    /// Unknown command or option, missing or malformed value.
    pub fn parse(args: &[String]) -> Result<Self, CliError> {
        let mut a = Self::default();
        let mut it = args.iter();
        let first = it.next().map(String::as_str);
        let command = match first {
            None | Some("help" | "--help" | "-h") => Command::Help,
            Some("--version" | "-V") => Command::Version,
            Some("tf") => Command::Tf,
            Some("run") => Command::Run,
            Some("steady") => Command::Steady,
            Some("list") => Command::List,
            Some("network") => Command::Network,
            Some("fit") => Command::Fit,
            Some("export") => Command::Export,
            Some("analysis") => Command::Analysis,
            Some("lesson") => Command::Lesson,
            Some("bifurcation") => Command::Bifurcation,
            Some("bench") => match it.next().map(String::as_str) {
                Some("network") => Command::BenchNetwork,
                _ => {
                    return Err(CliError::usage(
                        "bench needs a target: `meanfield bench network`",
                    ))
                }
            },
            Some(other) => {
                return Err(CliError::usage(format!(
                "unknown command '{other}' (commands: tf, run, steady, network, analysis, bifurcation, fit, export, bench, list, help)"
            )))
            }
        };
        a.command = Some(command);
        while let Some(opt) = it.next() {
            if matches!(opt.as_str(), "--help" | "-h") {
                a.command = Some(Command::Help);
                return Ok(a);
            }
            if !opt.starts_with("--") || !accepts(command, opt) {
                return Err(CliError::usage(format!(
                    "'{opt}' is not an option of this command"
                )));
            }
            if opt == "--json" {
                a.json = true;
                continue;
            }
            let value = it
                .next()
                .ok_or_else(|| CliError::usage(format!("{opt} needs a value")))?;
            a.take(opt, value)?;
        }
        Ok(a)
    }

    fn take(&mut self, opt: &str, value: &str) -> Result<(), CliError> {
        match opt {
            "--set" => {
                let (k, v) = value.split_once('=').ok_or_else(|| {
                    CliError::usage(format!("--set expects KEY=VALUE, got '{value}'"))
                })?;
                self.sets.push((k.trim().to_string(), v.trim().to_string()));
            }
            "--model" => self.model = Some(value.to_string()),
            "--cell" => self.cell = Some(value.to_string()),
            "--nu-e" => self.nu_e = Some(number(opt, value)?),
            "--nu-i" => self.nu_i = Some(number(opt, value)?),
            "--w" => self.w = Some(number(opt, value)?),
            "--duration-ms" => self.duration_ms = Some(value.to_string()),
            "--max-ms" => self.max_ms = Some(number(opt, value)?),
            "--coeffs-file" => self.coeffs_file = Some(value.to_string()),
            "--seed" => self.seed = Some(value.to_string()),
            "--grid" => self.grid = Some(value.to_string()),
            "--out" => self.out = Some(value.to_string()),
            "--check" => self.check = Some(value.to_string()),
            "--id" => self.id = Some(value.to_string()),
            "--to" => self.to = Some(value.to_string()),
            "--link" => self.link = Some(value.to_string()),
            "--kind" => self.kind = Some(value.to_string()),
            "--param" => self.param = Some(value.to_string()),
            "--from" => self.from = Some(value.to_string()),
            "--two" => self.two = Some(value.to_string()),
            "--from2" => self.from2 = Some(value.to_string()),
            "--to2" => self.to2 = Some(value.to_string()),
            _ => {
                return Err(CliError::usage(format!(
                    "'{opt}' is not an option of this command"
                )))
            }
        }
        Ok(())
    }
}
