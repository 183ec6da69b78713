//! The `latchkey` binary: parse arguments, run the command, report failure.

use clap::Parser;

fn main() -> std::process::ExitCode {
    let cli = latchkey::cli::Cli::parse();
    let runtime = match latchkey::app::runtime() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("latchkey: cannot start the runtime: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    match runtime.block_on(latchkey::cli::run(cli)) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("latchkey: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
