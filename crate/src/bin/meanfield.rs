//! `meanfield`: the command-line face of the same library the page runs. See `meanfield --help`.

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    let code = meanfield_explorer::cli::main(&args, &mut stdout.lock(), &mut stderr.lock());
    std::process::exit(code);
}
